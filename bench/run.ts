/**
 * npm run bench -- <name> [options…]   runs one benchmark (the same as npm run bench:<name> -- options…)
 * npm run bench                         lists them
 * The benchmarks are the files of this folder; each documents its own options at its top.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Benchmark name → what it measures (shown by `npm run bench` without a name). */
const BENCHMARKS: Record<string, string> = {
  relevance: '检索相关性 search relevance: nDCG@10, Recall@10/100, MRR@10 on a folder in the eval format',
  keywords: '关键词 keyword extraction: P/R/F1 @5 and @10 against author keywords',
  summary: '摘要 one-line summary: character ROUGE-1/2/L against real titles',
  analyze: '分析吞吐 analysis throughput, beside segmentation alone',
  ingest: '导入吞吐 ingestion: parse → analyse → index → store, documents/s and MB/s',
  search: '检索延迟 search latency p50/p95/p99 at 10k/100k/1M documents, beside MiniSearch',
  server: 'HTTP 负载 API under concurrent load, one and two nodes on PostgreSQL',
  agreement: '两库一致 how much of the SQLite top 20 (bm25 over every match) the PostgreSQL first pass keeps, same documents',
  stall: '长文导入 how long importing one very long text blocks the event loop, in place and on the worker thread',
};

const [name, ...rest] = process.argv.slice(2);
if (!name || !(name in BENCHMARKS)) {
  if (name) console.error(`未知的基准测试 unknown benchmark: ${name}\n`);
  console.log('用法 usage: npm run bench -- <name> [options]\n');
  for (const [n, what] of Object.entries(BENCHMARKS)) console.log(`  ${n.padEnd(10)} ${what}`);
  process.exit(name ? 2 : 0);
}
const file = join(import.meta.dirname, `${name}.ts`);
if (!existsSync(file)) { console.error(`缺少文件 missing ${file}`); process.exit(2); }
// tsx is the runner of every bench:<name> script; the same node binary runs it here.
const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...rest], { stdio: 'inherit' });
process.exit(r.status ?? 1);
