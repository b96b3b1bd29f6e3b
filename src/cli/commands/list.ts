import type { Command } from 'commander';
import { intOption, printJson, withLibrary } from '../context.js';

export function registerList(program: Command): void {
  program.command('list')
    .description('列出文档（最新的在前）')
    .option('--category <name>', '只列出该类别')
    .option('--tag <tag>', '只列出带该标签的文档')
    .option('--limit <n>', '条数（默认 20，最多 1000）', intOption('--limit'), 20)
    .option('--offset <n>', '跳过前 n 条（默认 0）', intOption('--offset'), 0)
    .option('--sort <key>', '排序：created（默认）| updated | title', 'created')
    .option('--json', '输出 JSON：{ total, items }')
    .action(async (o: { category?: string; tag?: string; limit: number; offset: number; sort: 'created' | 'updated' | 'title'; json?: boolean }, cmd: Command) => {
      await withLibrary(cmd, async (lib) => {
        const res = await lib.listDocuments({ category: o.category, tag: o.tag, limit: o.limit, offset: o.offset, sort: o.sort });
        if (o.json) return printJson(res);
        if (!res.items.length) {
          process.stdout.write(res.total ? `共 ${res.total} 篇，本页为空\n` : '文库中还没有文档。用 `zhizhi import <文件>` 导入。\n');
          return;
        }
        for (const d of res.items) process.stdout.write(`${d.id}  ${d.createdAt.slice(0, 10)}  [${d.category}]  ${d.title}\n`);
        process.stdout.write(`—— 第 ${o.offset + 1}–${o.offset + res.items.length} 篇，共 ${res.total} 篇\n`);
      });
    });
}
