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

/** Median ms per pass over `docs` of each function, the passes interleaved (a, b, a, b …) so that load
 * from other processes on a shared machine hits both sides alike and the ratio stays meaningful. */
function timeBoth(docs: string[], fns: ((t: string) => unknown)[], rounds = 7, minMs = 250): number[] {
  const samples: number[][] = fns.map(() => []);
  for (let r = 0; r < rounds; r++) {
    fns.forEach((fn, k) => {
      let runs = 0;
      const t0 = performance.now();
      do {
        for (const d of docs) fn(d);
        runs++;
      } while (performance.now() - t0 < minMs);
      samples[k].push((performance.now() - t0) / runs);
    });
  }
  return samples.map((xs) => xs.sort((a, b) => a - b)[xs.length >> 1]);
}

// The first call pays for every lazy table (jieba, its POS and IDF tables, gazetteer, lexicon, OpenCC).
const cold = performance.now();
analyze('上海市宝山区通过“人民信箱”推进议事协商，93.6万居村民实名注册。');
console.log(`first analyze() call (lazy loading): ${(performance.now() - cold).toFixed(0)} ms`);

console.log('set                      docs   MB    segment docs/s  MB/s | analyze docs/s  MB/s | ratio');
for (const file of files) {
  const docs = load(file);
  const mb = docs.reduce((n, d) => n + Buffer.byteLength(d), 0) / 1e6;
  const [seg, full] = timeBoth(docs, [(t) => segment(normaliseForIndex(t)), (t) => analyze(t)]);
  const name = file.split('/').slice(-2).join('/');
  const row = (ms: number) => `${(docs.length / (ms / 1000)).toFixed(1).padStart(12)} ${(mb / (ms / 1000)).toFixed(2).padStart(6)}`;
  console.log(`${name.padEnd(24)} ${String(docs.length).padStart(5)} ${mb.toFixed(2).padStart(5)} ${row(seg)}   | ${row(full)} | ${(seg / full).toFixed(2)}`);
}
