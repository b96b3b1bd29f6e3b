// Throughput of the full offline analysis against segmentation alone (the ceiling: analyze() segments
// once and everything else rides on those tokens).
// Usage: npm run bench:analyze [-- file.jsonl …]   (default: ../shared/eval/govreports/corpus.jsonl and
// ../shared/eval/csl/keywords.jsonl; any JSONL with a "text" field works).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyze } from '../src/text/analyze.js';
import { normaliseForIndex } from '../src/text/normalise.js';
import { segment } from '../src/text/segment.js';

const EVAL = fileURLToPath(new URL('../../shared/eval/', import.meta.url));
const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : [`${EVAL}govreports/corpus.jsonl`, `${EVAL}csl/keywords.jsonl`];

function load(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => String((JSON.parse(l) as { text: string }).text));
}

function time(docs: string[], fn: (t: string) => unknown, minMs = 1500): number {
  let runs = 0;
  const t0 = performance.now();
  do {
    for (const d of docs) fn(d);
    runs++;
  } while (performance.now() - t0 < minMs);
  return (performance.now() - t0) / runs;
}

// Warm up every lazy table (jieba, gazetteer, lexicon, OpenCC) before timing.
analyze('上海市宝山区通过“人民信箱”推进议事协商，93.6万居村民实名注册。');

console.log('set                      docs   MB    segment docs/s  MB/s | analyze docs/s  MB/s | ratio');
for (const file of files) {
  const docs = load(file);
  const mb = docs.reduce((n, d) => n + Buffer.byteLength(d), 0) / 1e6;
  const seg = time(docs, (t) => segment(normaliseForIndex(t)));
  const full = time(docs, (t) => analyze(t));
  const name = file.split('/').slice(-2).join('/');
  const row = (ms: number) => `${(docs.length / (ms / 1000)).toFixed(1).padStart(12)} ${(mb / (ms / 1000)).toFixed(2).padStart(6)}`;
  console.log(`${name.padEnd(24)} ${String(docs.length).padStart(5)} ${mb.toFixed(2).padStart(5)} ${row(seg)}   | ${row(full)} | ${(seg / full).toFixed(2)}`);
}
