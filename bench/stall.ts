/**
 * npm run bench:stall [-- --chars 1000000]
 * How long importing one very long text keeps the event loop from running anything else (a server's
 * other requests wait that long): the longest gap between 5 ms timer ticks while Library.addDocument runs,
 * with analysis in place and on the worker thread (analysis-thread.ts). Text: ../shared/eval/govreports.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Library } from '../src/library/library.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

const args = process.argv.slice(2);
const chars = Number(args[args.indexOf('--chars') + 1]) || 1_000_000;
const corpus = join(import.meta.dirname, '..', '..', 'shared', 'eval', 'govreports', 'corpus.jsonl');
const all = readFileSync(corpus, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text).join('\n');
const text = all.repeat(Math.ceil(chars / all.length)).slice(0, chars);

for (const [label, offThreadChars] of [['in place', Infinity], ['worker thread', undefined]] as const) {
  const dir = mkdtempSync(join(tmpdir(), 'zhizhi-bench-stall-'));
  const lib = await Library.open(new SqliteStore(join(dir, 'z.db')), { offThreadChars });
  await lib.addDocument({ text: '预热：社区议事会。' }); // loads the segmenter
  const start = performance.now();
  let last = start;
  let gap = 0;
  const timer = setInterval(() => { const now = performance.now(); gap = Math.max(gap, now - last); last = now; }, 5);
  await lib.addDocument({ title: '长报告', text });
  clearInterval(timer);
  gap = Math.max(gap, performance.now() - last);
  console.log(`${label.padEnd(13)} ${text.length.toLocaleString()} chars: import ${((performance.now() - start) / 1000).toFixed(1)} s, longest event-loop stall ${gap.toFixed(0)} ms`);
  await lib.close();
  rmSync(dir, { recursive: true, force: true });
}
