import type { Command } from 'commander';
import { withLibrary } from '../context.js';

export function registerReindex(program: Command): void {
  program.command('reindex')
    .description('按当前版本的索引格式重建全文索引（升级后 zhizhi serve 会自动在后台进行；不重新分析文档）')
    .option('--force', '即使索引已是当前格式也重建')
    .action(async (o: { force?: boolean }, cmd: Command) => {
      const { reindexIfStale, INDEX_FORMAT } = await import('../../library/reindex.js');
      const { Progress } = await import('../progress.js');
      const progress = new Progress();
      const r = await withLibrary(cmd, (lib) => reindexIfStale(lib.store, { force: o.force, onProgress: (p) => progress.update(p.done, p.total) }));
      progress.finish();
      if (!r.ran) process.stdout.write(`索引已是第 ${INDEX_FORMAT} 版格式，无需重建（可加 --force 强制重建）\n`);
      else {
        for (const f of r.failed) process.stderr.write(`文档 ${f.id} 重建失败：${f.message}\n`);
        process.stdout.write(`已重建 ${r.rewritten} 篇文档的索引（第 ${INDEX_FORMAT} 版格式）${r.failed.length ? `，${r.failed.length} 篇失败，请重新运行` : ''}\n`);
      }
    });
}
