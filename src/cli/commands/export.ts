import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { withLibrary } from '../context.js';

export function registerExport(program: Command): void {
  program.command('export')
    .description('导出整个文库为 JSONL（文档、全部分析、原始文件、专题、设置）；可用 `zhizhi import <文件>` 原样恢复')
    .option('--out <file>', '写入文件（默认标准输出）')
    .action(async (o: { out?: string }, cmd: Command) => {
      const { exportLibrary } = await import('../../library/transfer.js');
      await withLibrary(cmd, async (lib) => {
        if (!o.out) {
          const c = await exportLibrary(lib.store, process.stdout);
          process.stderr.write(`已导出 ${c.documents} 篇文档、${c.collections} 个专题、${c.settings} 项设置\n`);
          return;
        }
        // Written beside the target and renamed at the end, so a failed export never leaves half a file.
        const tmp = `${o.out}.part`;
        const out = createWriteStream(tmp);
        const c = await exportLibrary(lib.store, out);
        out.end();
        await finished(out);
        await rename(tmp, o.out);
        process.stderr.write(`已导出 ${c.documents} 篇文档、${c.collections} 个专题、${c.settings} 项设置到 ${o.out}\n`);
      });
    });
}
