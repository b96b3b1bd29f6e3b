/**
 * npm run bench:search [-- --sizes 10000,100000,1000000] [--reps 3] [--compare-max 200000] [--keep DIR] [--store postgres]
 * Builds SQLite stores from real text (paragraphs of ../shared/eval/govreports and CSL abstracts,
 * recombined into documents), then measures index build rate, query latency (p50/p95/p99) of
 * searchDocuments for 1-, 2-, 3-term queries and filtered queries, and resident memory — beside
 * MiniSearch over the same documents and the same tokenizer in the same process, as ratios.
 * --keep DIR keeps each store as DIR/b<size>.db and reuses it when it is already complete, so query
 * latency can be measured again without rebuilding (a 1M store takes most of an hour to build).
 * --store postgres measures the PostgreSQL store at ZHIZHI_DATABASE_URL instead (an empty database, or one
 * this benchmark filled: documents are generated in the same order for every size, so sizes given in
 * ascending order grow one library, and a database already holding n documents is reused).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { searchDocuments, warmSearch } from '../src/search/search.js';
import { buildIndexEntry, indexTokens } from '../src/search/tokens.js';
import { openStore } from '../src/store/open-store.js';
import { PostgresStore } from '../src/store/postgres/postgres-store.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { evalDocument } from './eval-docs.js';
import { QUERIES } from './search-queries.js';

const args = process.argv.slice(2);
const sizesArg = args[args.indexOf('--sizes') + 1];
const sizes = (args.includes('--sizes') ? sizesArg : '10000,100000').split(',').map(Number).filter((n) => n > 0);
const EVAL = join(import.meta.dirname, '..', '..', 'shared', 'eval');

const paragraphs: string[] = [];
for (const line of readFileSync(join(EVAL, 'govreports', 'corpus.jsonl'), 'utf8').split('\n')) {
  if (!line.trim()) continue;
  for (const p of (JSON.parse(line) as { text: string }).text.split(/\n+/)) if (p.trim().length >= 20) paragraphs.push(p.trim());
}
for (const line of readFileSync(join(EVAL, 'csl', 'keywords.jsonl'), 'utf8').split('\n')) if (line.trim()) paragraphs.push((JSON.parse(line) as { text: string }).text);

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
/** The first n documents of one fixed sequence (a smaller size is a prefix of a larger one). */
function makeDocs(n: number) {
  seed = 42;
  return Array.from({ length: n }, (_, i) => {
    const parts = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => paragraphs[Math.floor(rand() * paragraphs.length)]);
    // Capped so that build time measures the store, not the segmenter on whole chapters.
    const text = parts.join('\n').slice(0, 800);
    return { id: `b${i}`, title: text.slice(0, 24), text, year: 2010 + (i % 15) };
  });
}


const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };
const fmt = (x: number) => x.toFixed(1);
const mb = () => process.memoryUsage().rss / 1048576;

const REPS = Number(args[args.indexOf('--reps') + 1]) || 3;
/** MiniSearch keeps its whole index in the JS heap (~3 GB at 100k documents): compared up to this size. */
const COMPARE_MAX = Number(args.includes('--compare-max') ? args[args.indexOf('--compare-max') + 1] : NaN) || 200_000;
const KEEP = args.includes('--keep') ? args[args.indexOf('--keep') + 1] : undefined;
const POSTGRES = args.includes('--store') && args[args.indexOf('--store') + 1] === 'postgres';
if (POSTGRES && !process.env.ZHIZHI_DATABASE_URL) { console.error('--store postgres needs ZHIZHI_DATABASE_URL'); process.exit(2); }

async function run(n: number): Promise<void> {
  const docs = makeDocs(n);
  if (KEEP) mkdirSync(KEEP, { recursive: true });
  const dir = POSTGRES ? '' : KEEP ?? mkdtempSync(join(tmpdir(), 'zhizhi-bench-search-'));
  const file = POSTGRES ? 'the PostgreSQL database' : join(dir, KEEP ? `b${n}.db` : 'z.db');
  const store: Store = POSTGRES ? await openStore({}) : new SqliteStore(file);
  const have = (await store.listDocuments({ limit: 1 })).total;
  if (have > n) { console.error(`${file} holds ${have} documents, more than ${n}`); process.exit(2); }
  const rss0 = mb();
  let t = performance.now();
  for (const d of have === n ? [] : docs.slice(have)) {
    const doc = evalDocument(d, `${d.year}-06-01T00:00:00.000000Z`);
    await store.createDocument(doc, { index: buildIndexEntry({ ...doc, source: { authors: [], publishedAt: String(d.year) } }) });
  }
  const buildS = (performance.now() - t) / 1000;
  // After a bulk load PostgreSQL has no statistics and no visibility map until autovacuum gets to it; a
  // running team server has both, so the benchmark measures queries as they are then.
  if (store instanceof PostgresStore) await store.pool.query('VACUUM ANALYZE');
  // Likewise the embedded store's index upkeep, which imports run at their end and a server when idle:
  // the frequent words' lists, counts and postings (a kept store builds only what is missing).
  t = performance.now();
  const lists = await (store as Store).refreshSearchLists?.();
  if (lists !== undefined) console.log(`  index upkeep (frequent-word lists and postings): ${lists} built or merged in ${fmt((performance.now() - t) / 1000)} s`);
  if (have === n) console.log(`\n(reusing ${file}: ${n} documents, build rate not measured)`);
  else if (have > 0) console.log(`\n(resumed ${file} from ${have} documents; build rate covers the rest)`);
  const rssStore = mb() - rss0;
  console.log(`\n${n} documents (${store.kind}): build ${fmt((n - have) / buildS)} docs/s (${fmt(buildS)} s)`);
  console.log(`  resident memory growth: store process ${fmt(rssStore)} MB (rss now ${fmt(mb())} MB)`);
  // One untimed query first, as a running server has had (it warms up after listening): it loads the
  // segmenter's dictionary and the store's facet columns once per process.
  t = performance.now();
  await warmSearch(store);
  console.log(`  first query after opening (untimed below): ${fmt(performance.now() - t)} ms`);
  // Each engine is timed while only its own index is in memory: with MiniSearch's heap (2–3 GB at 100k)
  // alive, major collections landed inside our timings, and ours inside its.
  const ours = await timeQueries(async (q) => { await searchDocuments(store, { q, limit: 20 }); });
  let theirs: Record<string, number[]> | null = null;
  if (n <= COMPARE_MAX) {
    t = performance.now();
    const mini = new MiniSearch<{ id: string; title: string; text: string; year: number }>({ fields: ['title', 'text'], storeFields: ['title', 'year'], tokenize: (s) => indexTokens(s), processTerm: (x) => x });
    mini.addAll(docs);
    const miniS = (performance.now() - t) / 1000;
    console.log(`  MiniSearch: build ${fmt(n / miniS)} docs/s (${fmt(miniS)} s) · resident memory growth ${fmt(mb() - rss0 - rssStore)} MB`);
    mini.search('治理');
    theirs = await timeQueries(async (q) => {
      const y = /年份:(\d{4})?(-)?(\d{4})?/.exec(q);
      const lo = Number(y?.[1] ?? 0);
      const hi = y?.[2] ? Number(y?.[3] ?? 9999) : lo || 9999;
      mini.search(q.replace(/年份:\S+/, ''), { combineWith: 'AND', ...(y ? { filter: (r) => r.year >= lo && r.year <= hi } : {}) }).slice(0, 20);
    });
  } else {
    console.log(`  MiniSearch not run above ${COMPARE_MAX} documents (--compare-max; its in-heap index would not fit)`);
  }
  for (const kind of Object.keys(QUERIES)) {
    const a = ours[kind];
    const b = theirs?.[kind];
    const compare = b ? ` | MiniSearch p50 ${fmt(pct(b, 0.5))} p95 ${fmt(pct(b, 0.95))} ms | p95 ratio ${(pct(a, 0.95) / Math.max(0.01, pct(b, 0.95))).toFixed(2)}` : '';
    console.log(`  ${kind.padEnd(8)} p50 ${fmt(pct(a, 0.5))} ms  p95 ${fmt(pct(a, 0.95))} ms  p99 ${fmt(pct(a, 0.99))} ms${compare}`);
  }
  await store.close();
  if (!KEEP && !POSTGRES) rmSync(dir, { recursive: true, force: true });
}

/** Milliseconds per query, by kind, over REPS rounds of every query. */
async function timeQueries(search: (q: string) => Promise<void>): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const [kind, qs] of Object.entries(QUERIES)) {
    out[kind] = [];
    for (let rep = 0; rep < REPS; rep++) {
      for (const q of qs) {
        const s = performance.now();
        await search(q);
        out[kind].push(performance.now() - s);
        if (process.env.BENCH_VERBOSE) console.log(kind, rep, q, fmt(performance.now() - s));
      }
    }
  }
  return out;
}

for (const n of sizes) await run(n);
