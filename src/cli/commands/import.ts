import type { Command } from 'commander';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Job } from '../../domain/index.js';
import type { ImportSource } from '../../library/import-job.js';
import type { RestoreResult } from '../../library/transfer.js';
import type { Library } from '../../library/library.js';
import { CliError, withLibrary } from '../context.js';
import { Progress } from '../progress.js';

interface ImportCliOptions { category?: string; mapping?: string; maxMb?: string }

/** Reads the first line of a file (up to 64 KB) to recognise a `zhizhi export` file. */
async function isExportFile(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(65536);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      const text = buf.subarray(0, bytesRead).toString('utf8');
      const { isExportHeader } = await import('../../library/transfer.js');
      const nl = text.indexOf('\n');
      return isExportHeader(nl >= 0 ? text.slice(0, nl) : text);
    } finally {
      await fh.close();
    }
  } catch {
    return false;
  }
}

function parseMapping(raw?: string): Record<string, string> | undefined {
  if (!raw) return undefined;
  try {
    const m = JSON.parse(raw) as unknown;
    if (!m || typeof m !== 'object' || Array.isArray(m) || Object.values(m).some((v) => typeof v !== 'string')) throw new Error();
    return m as Record<string, string>;
  } catch {
    throw new CliError(`--mapping 需要 JSON 对象，如 '{"text":"content","title":"标题"}'，收到：${raw}`);
  }
}

async function restoreExports(lib: Library, files: string[]): Promise<RestoreResult> {
  const total: RestoreResult = { imported: 0, duplicates: 0, collections: 0, settings: 0, failed: [] };
  for (const f of files) {
    process.stderr.write(`正在从导出文件恢复：${f}\n`);
    const bar = new Progress();
    const { importExport } = await import('../../library/transfer.js');
    const r = await importExport(lib, createReadStream(f), { onProgress: (p) => bar.update(p.imported + p.duplicates, p.total) });
    bar.finish();
    total.imported += r.imported;
    total.duplicates += r.duplicates;
    total.collections += r.collections;
    total.settings += r.settings;
    total.failed.push(...r.failed.map((x) => ({ item: `${f} ${x.item}`, message: x.message })));
  }
  return total;
}

export function registerImport(program: Command): void {
  program.command('import <inputs...>')
    .description('导入文件、文件夹或网址（txt/md/html/docx/pdf/csv/jsonl …）；也可恢复 `zhizhi export` 的导出文件')
    .option('--category <name>', '未注明类别的文档归入该类别（默认：正文有文号的为 政策文件，其余为 其他）')
    .option('--mapping <json>', 'CSV/JSONL 字段映射，如 \'{"text":"content","title":"标题"}\'')
    .option('--max-mb <n>', '单个文件大小上限，MB（默认 ZHIZHI_MAX_FILE_MB 或 50）')
    .action(async (inputs: string[], o: ImportCliOptions, cmd: Command) => {
      const mapping = parseMapping(o.mapping);
      const maxBytes = o.maxMb ? Math.round(Number(o.maxMb) * 1024 * 1024) : undefined;
      if (maxBytes !== undefined && !(maxBytes > 0)) throw new CliError(`--max-mb 需要正数，收到：${o.maxMb}`);
      const exports: string[] = [];
      const sources: ImportSource[] = [];
      for (const x of inputs) {
        if (/^https?:\/\//i.test(x)) sources.push({ kind: 'url', url: x });
        else if (await isExportFile(x)) exports.push(resolve(x));
        else sources.push({ kind: 'path', path: resolve(x) });
      }
      const code = await withLibrary(cmd, async (lib) => {
        const restored = exports.length ? await restoreExports(lib, exports) : null;
        let job: Job | null = null;
        if (sources.length) {
          const { newJob, runImport } = await import('../../library/import-job.js');
          job = newJob(sources.length);
          const running = job;
          // Ctrl-C: record the job as interrupted (documents already stored stay; running again skips them).
          const onSignal = () => {
            running.state = 'interrupted';
            void lib.store.updateJob(running).finally(() => {
              process.stderr.write(`\n已中断：已完成 ${running.done}/${running.total}。再次运行同一命令会跳过已导入的文档。\n`);
              process.exit(130);
            });
          };
          process.once('SIGINT', onSignal);
          const bar = new Progress();
          try {
            job = await runImport(lib, sources, {
              category: o.category, mapping, maxBytes, onProgress: (j) => bar.update(j.done, j.total),
              // Yield to the event loop between items, or the import would run on microtasks alone and
              // Ctrl+C would wait for the whole batch.
              afterItem: () => new Promise<void>((r) => setImmediate(r)),
            }, job);
          } finally {
            bar.finish();
            process.off('SIGINT', onSignal);
          }
        }
        // Words the import made frequent get their lists and postings now, not at the next server's idle
        // upkeep (Ctrl+C meanwhile loses nothing: each is written in its own transaction).
        if (lib.store.refreshSearchLists) {
          const t = Date.now();
          const built = await lib.store.refreshSearchLists({
            onBuilt: (n) => { if (n === 1) console.error('正在更新检索索引中常用词的排序列表与倒排（可随时按 Ctrl+C 结束，下次继续）…'); },
          });
          if (built) console.error(`已建立或更新 ${built} 项常用词排序列表与倒排（${Math.round((Date.now() - t) / 1000)} 秒）`);
        }
        return summarize(job, restored);
      });
      process.exitCode = code;
    });
}

/** Prints the outcome and every failed item; returns the exit code (2 when anything failed). */
function summarize(job: Job | null, restored: RestoreResult | null): number {
  const lines: string[] = [];
  const failures: { item: string; message: string }[] = [];
  if (restored) {
    lines.push(`恢复：新增 ${restored.imported} 篇，已存在跳过 ${restored.duplicates} 篇，专题 ${restored.collections} 个，设置 ${restored.settings} 项，失败 ${restored.failed.length} 项`);
    failures.push(...restored.failed);
  }
  if (job) {
    lines.push(`导入完成：新增 ${job.imported} 篇，重复跳过 ${job.duplicates} 篇，失败 ${job.failed} 项（共 ${job.total} 项，任务 ${job.id}）`);
    failures.push(...job.errors.map((e) => ({ item: e.item, message: e.message })));
    // Which document each skipped item repeats (the first 20; the job keeps them all).
    const dups = job.results.filter((r) => r.status === 'duplicate');
    if (dups.length) {
      lines.push('重复跳过：');
      for (const r of dups.slice(0, 20)) lines.push(`  = ${r.item}：${r.message ?? '与已有文档相同'}（已有文档 ${r.documentId ?? '?'}）`);
      if (dups.length > 20) lines.push(`  …… 另有 ${dups.length - 20} 项，见 GET /api/jobs/${job.id}`);
    }
  }
  if (failures.length) {
    lines.push('失败项目：');
    for (const f of failures) lines.push(`  ✗ ${f.item}：${f.message}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
  return failures.length ? 2 : 0;
}
