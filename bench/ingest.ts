// Ingestion speed: imports eval sets into a fresh temp store through runImport (parse → clean → dedupe
// → analyse → index → store) and prints documents/s and MB/s per set.
//   npm run bench:ingest                    govreports/corpus.jsonl and csl/keywords.jsonl from ../shared/eval
//   npm run bench:ingest -- <folder|file>…  any folder in the eval format (corpus.jsonl or keywords.jsonl), or files
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { Library } from '../src/library/library.js';
import { runImport } from '../src/library/import-job.js';

const EVAL = fileURLToPath(new URL('../../shared/eval/', import.meta.url));
const DEFAULT_SETS = [join(EVAL, 'govreports', 'corpus.jsonl'), join(EVAL, 'csl', 'keywords.jsonl')];

/** A folder in the eval format stands for its corpus (or keyword set); anything else is imported as is. */
function resolveSet(arg: string): string {
  const p = resolve(arg);
  if (existsSync(p) && statSync(p).isDirectory()) {
    for (const f of ['corpus.jsonl', 'keywords.jsonl']) if (existsSync(join(p, f))) return join(p, f);
  }
  return p;
}

function bytesOf(p: string): number {
  const s = statSync(p);
  if (!s.isDirectory()) return s.size;
  return 0; // folders: sizes are summed from the imported documents instead
}

async function benchSet(path: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'zhizhi-bench-ingest-'));
  const store = new SqliteStore(join(dir, 'zhizhi.db'));
  try {
    const lib = await Library.open(store);
    const t0 = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    const job = await runImport(lib, [{ kind: 'path', path }], { mapping: { title: 'title', text: 'text' }, maxBytes: 1 << 30 });
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    // CPU seconds of this process: on a shared, busy machine wall-clock rates understate the code's speed.
    const cpuSecs = (cpu.user + cpu.system) / 1e6;
    let chars = 0;
    for await (const d of store.iterateDocuments(500)) chars += d.text.length;
    const mb = (bytesOf(path) || chars * 3) / 1048576;
    const name = path.startsWith(EVAL) ? path.slice(EVAL.length) : basename(path);
    console.log(`${name.padEnd(28)} ${String(job.imported).padStart(5)} 篇  ${mb.toFixed(2).padStart(6)} MB  ${secs.toFixed(1).padStart(6)} s  ` +
      `${(job.imported / secs).toFixed(1).padStart(6)} 篇/秒  ${(mb / secs).toFixed(3)} MB/s  ${Math.round(chars / secs)} 字/秒  ` +
      `（CPU ${cpuSecs.toFixed(1)} s：${(job.imported / cpuSecs).toFixed(1)} 篇/CPU秒，${(mb / cpuSecs).toFixed(3)} MB/CPU秒）` +
      (job.failed || job.duplicates ? `  （重复 ${job.duplicates}，失败 ${job.failed}）` : ''));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2).filter((a) => a !== '--');
const sets = (args.length ? args : DEFAULT_SETS).map(resolveSet).filter((p) => {
  if (existsSync(p)) return true;
  console.warn(`跳过：找不到 ${p}`);
  return false;
});
console.log(`node ${process.version} · ${new Date().toISOString()}`);
for (const s of sets) await benchSet(s);
