/**
 * npm run bench:agreement -- --sqlite FILE   (with ZHIZHI_DATABASE_URL of a PostgreSQL library)
 * Runs the bench:search queries on two stores holding the same documents — a SQLite file kept by
 * `bench:search --keep DIR` and a PostgreSQL database filled by `bench:search --store postgres` at the same
 * size — and prints, per query, each store's total and time and the PostgreSQL top 20's share of the
 * SQLite top 20's score (the same re-ranker scores both). SQLite's first pass scores every match with
 * bm25; PostgreSQL's orders them by what it can read without a detoast (postgres-search.ts firstPass),
 * so a share below 1 is what that costs. Scores, not ids: the recombined bench documents repeat, and
 * equal copies tie.
 */
import { searchDocuments, warmSearch } from '../src/search/search.js';
import { openStore } from '../src/store/open-store.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { QUERIES } from './search-queries.js';

const args = process.argv.slice(2);
const file = args.includes('--sqlite') ? args[args.indexOf('--sqlite') + 1] : undefined;
if (!file || !process.env.ZHIZHI_DATABASE_URL) {
  console.error('用法 usage: ZHIZHI_DATABASE_URL=… npm run bench:agreement -- --sqlite /path/b100000.db');
  process.exit(2);
}
const sqlite = new SqliteStore(file);
const pg = await openStore({});
await warmSearch(sqlite);
await warmSearch(pg);
const scoreSum = (hits: { score: number }[]) => hits.reduce((s, h) => s + h.score, 0);
const shares: number[] = [];
for (const q of Object.values(QUERIES).flat()) {
  let t = performance.now();
  const a = await searchDocuments(sqlite, { q, limit: 20 }, { facets: false });
  const ta = performance.now() - t;
  t = performance.now();
  const b = await searchDocuments(pg, { q, limit: 20 }, { facets: false });
  const tb = performance.now() - t;
  const share = a.hits.length ? scoreSum(b.hits) / scoreSum(a.hits) : 1;
  shares.push(share);
  console.log(`${q.padEnd(16)} total ${a.total} / ${b.total}  score share@20 ${share.toFixed(3)}  sqlite ${ta.toFixed(0)} ms · postgres ${tb.toFixed(0)} ms`);
}
shares.sort((x, y) => x - y);
console.log(`queries ${shares.length}: mean score share@20 ${(shares.reduce((s, x) => s + x, 0) / shares.length).toFixed(3)}, lowest ${shares[0].toFixed(3)}`);
await sqlite.close();
await pg.close();
