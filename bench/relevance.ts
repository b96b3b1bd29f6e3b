/**
 * npm run bench:relevance -- <folder> [--store sqlite|postgres] [--limit-queries N] [--candidates N] [--per-query FILE]
 * Indexes <folder>/corpus.jsonl into a fresh store, runs every query of queries.jsonl through
 * searchDocuments (the path users hit, limit 100) and scores the hits against qrels.tsv. Also prints
 * plain BM25 (k1 1.2, b 0.75) over the same index tokens as a baseline. Last line:
 * nDCG@10=… Recall@10=… Recall@100=… MRR@10=…
 * --per-query FILE writes one JSON line per query (its metrics, the rank of each judged document or -1
 * beyond the 100 hits, the top 10 ids) for reading failures; it changes nothing in the run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildIndexEntry, indexTokens } from '../src/search/tokens.js';
import { FEEDBACK, searchDocuments } from '../src/search/search.js';
import { DEFAULT_RANK } from '../src/search/rank.js';
import { EVIDENCE_WEIGHTS } from '../src/search/query-terms.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { evalDocument } from './eval-docs.js';

const args = process.argv.slice(2);
const folder = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
const opt = (name: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
if (!folder) { console.error('usage: npm run bench:relevance -- <folder> [--store sqlite|postgres]'); process.exit(2); }
const kind = opt('store') ?? 'sqlite';
const maxQueries = Number(opt('limit-queries') ?? Infinity);
// Candidates re-ranked together per query (default the product's CANDIDATES): a limit above the corpus size takes
// every match, so the result no longer depends on the store's own first-pass rank (FTS5 bm25 vs ts_rank). Below the
// 100 hits scored, the hits come in blocks of N, each re-ranked among itself (as search pages do).
const candidateLimit = opt('candidates') ? Number(opt('candidates')) : undefined;
// Parameter exploration only (general parameters, never per query): --params '{"k1":1.2,...}' --evidence '{"bigram":0.5}'
const rankOverride = opt('params') ? { ...DEFAULT_RANK, ...JSON.parse(opt('params')!) } : undefined;
if (opt('evidence')) Object.assign(EVIDENCE_WEIGHTS, JSON.parse(opt('evidence')!));
if (opt('feedback')) Object.assign(FEEDBACK, JSON.parse(opt('feedback')!));

const jsonl = <T>(f: string): T[] => readFileSync(join(folder, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
const corpus = jsonl<{ id: string; title?: string; text: string }>('corpus.jsonl');
const queries = jsonl<{ id: string; text: string }>('queries.jsonl').slice(0, maxQueries);
const qrels = new Map<string, Map<string, number>>();
for (const line of readFileSync(join(folder, 'qrels.tsv'), 'utf8').split('\n')) {
  const [q, d, r] = line.trim().split('\t');
  if (!q || !d || !(Number(r) >= 1) || q === 'query-id') continue;
  if (!qrels.has(q)) qrels.set(q, new Map());
  qrels.get(q)!.set(d, Number(r));
}

function metrics(ranked: string[], rel: Map<string, number>) {
  const dcg = (ids: string[]) => ids.slice(0, 10).reduce((a, id, i) => a + ((2 ** (rel.get(id) ?? 0) - 1) / Math.log2(i + 2)), 0);
  const ideal = [...rel.values()].sort((a, b) => b - a).slice(0, 10).reduce((a, r, i) => a + (2 ** r - 1) / Math.log2(i + 2), 0);
  const recall = (k: number) => ranked.slice(0, k).filter((id) => rel.has(id)).length / rel.size;
  const first = ranked.slice(0, 10).findIndex((id) => rel.has(id));
  return { ndcg: ideal ? dcg(ranked) / ideal : 0, r10: recall(10), r100: recall(100), mrr: first >= 0 ? 1 / (first + 1) : 0 };
}

type M = ReturnType<typeof metrics>;
const mean = (ms: M[]) => {
  const n = ms.length || 1;
  return { ndcg: ms.reduce((a, m) => a + m.ndcg, 0) / n, r10: ms.reduce((a, m) => a + m.r10, 0) / n, r100: ms.reduce((a, m) => a + m.r100, 0) / n, mrr: ms.reduce((a, m) => a + m.mrr, 0) / n };
};
const line = (m: M) => `nDCG@10=${m.ndcg.toFixed(3)} Recall@10=${m.r10.toFixed(3)} Recall@100=${m.r100.toFixed(3)} MRR@10=${m.mrr.toFixed(3)}`;

/** Plain BM25 over the concatenated index tokens of title and body, query = its index tokens. */
function plainBm25(docs: { id: string; tokens: string[] }[], k1 = 1.2, b = 0.75) {
  const df = new Map<string, number>();
  const tfs = docs.map((d) => { const m = new Map<string, number>(); for (const t of d.tokens) m.set(t, (m.get(t) ?? 0) + 1); for (const t of m.keys()) df.set(t, (df.get(t) ?? 0) + 1); return m; });
  const avg = docs.reduce((a, d) => a + d.tokens.length, 0) / docs.length;
  const n = docs.length;
  return (q: string): string[] => {
    const qt = indexTokens(q);
    const scores = docs.map((d, i) => {
      let s = 0;
      for (const t of qt) {
        const tf = tfs[i].get(t);
        if (!tf) continue;
        const dfv = df.get(t) ?? 0;
        s += Math.log(1 + (n - dfv + 0.5) / (dfv + 0.5)) * tf * (k1 + 1) / (tf + k1 * (1 - b + b * d.tokens.length / avg));
      }
      return { id: d.id, s };
    });
    return scores.filter((x) => x.s > 0).sort((a, c) => c.s - a.s).slice(0, 100).map((x) => x.id);
  };
}

async function main(): Promise<void> {
  let store: Store;
  let cleanup = () => {};
  if (kind === 'postgres') {
    if (!process.env.ZHIZHI_DATABASE_URL) { console.error('--store postgres needs ZHIZHI_DATABASE_URL (an empty database)'); process.exit(2); }
    store = await openStore({});
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'zhizhi-relevance-'));
    store = await openStore({ dataDir: dir, databaseUrl: '' });
    cleanup = () => rmSync(dir, { recursive: true, force: true });
  }
  console.log(`set ${resolve(folder!)}: ${corpus.length} documents, ${queries.length} queries, store ${store.kind}`);
  const t0 = performance.now();
  const plainDocs: { id: string; tokens: string[] }[] = [];
  const base = Date.UTC(2020, 0, 1);
  for (const [i, rec] of corpus.entries()) {
    const doc = evalDocument(rec, new Date(base + i * 1000).toISOString().replace('Z', '000Z'));
    const entry = buildIndexEntry(doc);
    plainDocs.push({ id: rec.id, tokens: [...entry.title.split(' '), ...entry.body.split(' ')].filter(Boolean) });
    await store.createDocument(doc, { index: entry });
  }
  console.log(`indexed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const bm25 = plainBm25(plainDocs);
  const ours: M[] = [];
  const plain: M[] = [];
  const t1 = performance.now();
  const lat: number[] = [];
  const perQuery: string[] = [];
  for (const q of queries) {
    const rel = qrels.get(q.id);
    if (!rel?.size) continue;
    const s = performance.now();
    const res = await searchDocuments(store, { q: q.text, limit: 100 }, { facets: false, ...(candidateLimit ? { candidateLimit } : {}), ...(rankOverride ? { rank: rankOverride } : {}) });
    lat.push(performance.now() - s);
    const ids = res.hits.map((h) => h.id);
    ours.push(metrics(ids, rel));
    perQuery.push(JSON.stringify({ id: q.id, text: q.text, ...ours[ours.length - 1], judged: Object.fromEntries([...rel.keys()].map((d) => [d, ids.indexOf(d)])), top10: ids.slice(0, 10) }));
    plain.push(metrics(bm25(q.text), rel));
  }
  lat.sort((a, b) => a - b);
  if (opt('per-query')) writeFileSync(opt('per-query')!, perQuery.join('\n') + '\n');
  console.log(`queries: ${ours.length} judged, ${((performance.now() - t1) / 1000).toFixed(1)} s, search p50 ${lat[Math.floor(lat.length / 2)]?.toFixed(1)} ms p95 ${lat[Math.floor(lat.length * 0.95)]?.toFixed(1)} ms`);
  console.log(`baseline plain BM25 (jieba search + bigrams, k1 1.2 b 0.75): ${line(mean(plain))}`);
  await store.close();
  cleanup();
  console.log(line(mean(ours)));
}

main().catch((e) => { console.error(e); process.exit(1); });
