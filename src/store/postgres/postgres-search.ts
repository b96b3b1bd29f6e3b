import type pg from 'pg';
import type { FacetName } from '../../domain/index.js';
import { isEmptyMatch, matchTokens, phraseAlternativesOf } from '../fts-query.js';
import { FACET_FILTERS, RANK_BODY_CHARS, rankBody, type CorpusStats, type ExcludedFilters, type FacetCount, type IndexFilters, type IndexedDoc, type MatchOptions, type TextMatch } from '../store.js';
import { inTransaction } from './transaction.js';
import { CANDIDATE_WEIGHTS, idf as bm25Idf } from '../first-pass.js';
import { lexeme, noneQuery, phrasePatterns, tsqueryFor } from './tsquery.js';


/** How long corpus statistics and document frequencies are kept when this node does not write (default 60 s). */
const STATS_TTL_MS = 60_000;

/** Document frequencies kept at most (default 100,000 terms, ~10 MB; then all are dropped). */
const DF_CACHE_SIZE = 100_000;

/**
 * Queries with at most this many terms break ties of their IDF sum by where the terms are (default 12);
 * a question's terms rarely tie, and testing each of them in every match costs more than it changes.
 */
const SHORT_FIELD_MAX_TERMS = 12;

/** Queries with more terms than this (a pasted page) are not weighted term by term (default 200). */
const MAX_WEIGHTED_TERMS = 200;


/**
 * Search statements' results kept, each with the snapshot it was read in: at most this many statements
 * (default 64) and rows in all (default 100,000: a facet count of many values, a long question's SQL as
 * its key, stay well within tens of MB); oldest dropped first.
 */
const RESULT_CACHE = { statements: 64, rows: 100_000 };

/** `fts` is the placeholder of the match's tsquery when there is a text match. */
interface Base { where: string; params: unknown[]; fts: string | null }

/** Runs a search statement, or answers it from an earlier run in the same database state. */
type CachedQuery = (sql: string, params: unknown[], plannerSettings?: { before: string; after: string }) => Promise<Record<string, any>[]>;

/**
 * The search SQL of the PostgreSQL store: a tsvector of the pre-segmented tokens with a GIN index, facet
 * rows in doc_facets.
 *
 * What makes it fast is touching the tsvector of as few matches as possible. A tsvector of an
 * 800-character document is ~4.7 kB, stored compressed out of line: reading one costs 5–25 µs, while a
 * GIN bitmap scan yields a match for ~1 µs. So counting and the first pass run on bitmap scans and
 * inline columns only (see firstPass), and the wide token strings are read for the winners.
 * At 10k documents the old single statement (ranking joined to the wide rows) took 146 ms for one
 * common word and a question's count ran a sequential scan over every tsvector (285 ms).
 */
export class PostgresSearch {
  private statsCache: CorpusStats | null = null;

  /**
   * Document frequencies already counted (a bitmap count per term: 80–250 ms for a question's terms at
   * 100k documents). Cleared by this node's writes and after STATS_TTL_MS, so another node's writes are
   * reflected within that time; they only weigh terms, so a few seconds of drift changes nothing visible.
   */
  private readonly dfCache = new Map<string, number>();
  private dfSince = Date.now();
  /** Bumped by invalidate(): statistics read before a write are not kept after it (the statement results are checked by snapshot instead). */
  private generation = 0;

  /**
   * Rows of counting, first-pass and facet statements, by statement and parameters, with the snapshot
   * (pg_current_snapshot: xmin, xmax and the transactions in progress) of the transaction that read them.
   * Two transactions with the same snapshot see the same committed data, whichever node or process wrote
   * it, so a kept answer is reused only when nothing was committed since: the next page of a search (the
   * same block of candidates) and its facet counts are not computed again. The snapshot is the whole
   * server's: a commit to any database on it, or by any process (an import, autovacuum's ANALYZE), ends
   * every kept answer. The server's start time is part of the key, so that a restored or promoted server,
   * whose snapshots may repeat with other data, shares none. Callers must not change the rows they get.
   */
  private readonly results = new Map<string, { snapshot: string; rows: Record<string, any>[] }>();
  private resultRows = 0;

  constructor(private readonly pool: pg.Pool) {}

  /** Forget cached corpus statistics (after any write to the index). */
  invalidate(): void {
    this.statsCache = null;
    this.dfCache.clear();
    this.dfSince = Date.now();
    this.generation++;
  }

  /**
   * Runs search statements in one read-only transaction. The planner does not know that reading a
   * tsvector costs a detoast, and for a common word it picks a sequential scan that evaluates the match
   * on every document's tsvector; with sequential scans off it uses the GIN index, which needs no
   * recheck for plain lexeme queries. Parallel workers only add start-up time on these short queries.
   */
  private read<T>(fn: (c: pg.PoolClient, cached: CachedQuery) => Promise<T>): Promise<T> {
    // Repeatable read: every statement sees the snapshot the cache's entries are checked against.
    const begin = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0';
    return inTransaction(this.pool, begin, async (c) => {
      let snapshot: string | null = null;
      const cached: CachedQuery = async (sql, params, plannerSettings) => {
        snapshot ??= (await c.query(`SELECT pg_current_snapshot()::text || '@' || pg_postmaster_start_time() AS s`)).rows[0].s as string;
        const key = `${sql}\u0000${JSON.stringify(params)}`;
        const hit = this.results.get(key);
        if (hit) { this.results.delete(key); this.resultRows -= hit.rows.length; }
        if (hit && hit.snapshot === snapshot) { this.keep(key, hit); return hit.rows; }
        // Planner settings a statement needs are set around it only when it runs (no round trips for a kept answer).
        if (plannerSettings) await c.query(plannerSettings.before);
        const rows = (await c.query(sql, params)).rows as Record<string, any>[];
        if (plannerSettings) await c.query(plannerSettings.after);
        this.keep(key, { snapshot, rows });
        return rows;
      };
      return fn(c, cached);
    });
  }

  /** Keeps a statement's rows as the newest entry, dropping the oldest past RESULT_CACHE's bounds. */
  private keep(key: string, entry: { snapshot: string; rows: Record<string, any>[] }): void {
    if (entry.rows.length > RESULT_CACHE.rows) return;
    this.results.set(key, entry);
    this.resultRows += entry.rows.length;
    while (this.results.size > RESULT_CACHE.statements || this.resultRows > RESULT_CACHE.rows) {
      const [oldest, dropped] = this.results.entries().next().value!;
      this.results.delete(oldest);
      this.resultRows -= dropped.rows.length;
    }
  }

  async corpusStats(): Promise<CorpusStats> {
    if (Date.now() - this.dfSince > STATS_TTL_MS) this.invalidate();
    if (this.statsCache) return this.statsCache;
    const gen = this.generation;
    const r = (await this.pool.query('SELECT count(*) AS n, avg(len_title) AS t, avg(len_keywords) AS k, avg(len_entities) AS e, avg(len_body) AS b FROM doc_index')).rows[0];
    const stats = { docCount: Number(r.n), avgLength: { title: Number(r.t ?? 0), keywords: Number(r.k ?? 0), entities: Number(r.e ?? 0), body: Number(r.b ?? 0) } };
    if (gen === this.generation) this.statsCache = stats;
    return stats;
  }

  async docFrequencies(terms: string[]): Promise<Map<string, number>> {
    if (Date.now() - this.dfSince > STATS_TTL_MS || this.dfCache.size > DF_CACHE_SIZE) this.invalidate();
    const out = new Map<string, number>();
    const missing = [...new Set(terms)].filter((t) => t.length && !this.dfCache.has(t));
    if (missing.length) {
      const gen = this.generation;
      const { rows } = await this.read((c) => c.query(
        `SELECT t.term, (SELECT count(*) FROM doc_index WHERE tsv @@ tsquery(quote_literal(t.term))) AS n FROM unnest($1::text[]) AS t(term)`, [missing]));
      for (const r of rows) {
        out.set(r.term, Number(r.n));
        if (gen === this.generation) this.dfCache.set(r.term, Number(r.n));
      }
    }
    for (const t of terms) if (!out.has(t)) out.set(t, this.dfCache.get(t) ?? 0);
    return out;
  }

  private base(match: TextMatch | null, filters: IndexFilters): Base | null {
    const params: unknown[] = [];
    const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
    const where: string[] = [];
    let fts: string | null = null;
    // Anti-joins are NOT EXISTS: NOT IN (subquery) is hashed only while the planner expects the set to fit
    // in work_mem, and a larger one (-类别: over half of a big library) was re-scanned for every row.
    const notExists = (from: string, cond: string) => `NOT EXISTS (SELECT 1 FROM ${from} x WHERE x.document_id = i.document_id AND ${cond})`;
    if (!isEmptyMatch(match)) {
      const q = tsqueryFor(match!);
      if (!q) return null;
      fts = p(q);
      where.push(`i.tsv @@ ${fts}::tsquery`);
      for (const pat of phrasePatterns(match!.phrases)) where.push(inSomeField(p(pat)));
      // A group with phrase alternatives: one of its words (by the index) or one of its phrases (in the text).
      for (const [i, group] of match!.all.entries()) {
        const phrases = phraseAlternativesOf(match!, i);
        if (!phrases.length) continue;
        const words = tsqueryFor({ all: [group], any: [], none: [], phrases: [] });
        where.push(`(${[...(words ? [`i.tsv @@ ${p(words)}::tsquery`] : []), ...phrasePatterns(phrases).map((pat) => inSomeField(p(pat)))].join(' OR ')})`);
      }
    } else if (match) {
      // As a set from the GIN index: NOT (tsv @@ …) on every row would read every document's tsvector.
      const nq = noneQuery(match);
      if (nq) where.push(notExists('doc_index', `x.tsv @@ ${p(nq)}::tsquery`));
    }
    // Excluded sequences: the token strings are checked only for documents that have all their tokens.
    for (const seq of (match?.nonePhrases ?? []).map((ts) => ts.map((t) => t.trim()).filter(Boolean)).filter((ts) => ts.length)) {
      const all = p(seq.map(lexeme).join(' & '));
      where.push(notExists('doc_index', `x.tsv @@ ${all}::tsquery AND ${inSomeField(p(` ${seq.join(' ')} `), 'x')}`));
    }
    const sets = (f: ExcludedFilters, not: boolean) => {
      const inSet = (table: string, cond: string) => (not ? notExists(table, cond) : `i.document_id IN (SELECT x.document_id FROM ${table} x WHERE ${cond})`);
      for (const name of FACET_FILTERS) {
        if (f[name]?.length) where.push(inSet('doc_facets', `x.facet = ${p(name)} AND x.value = ANY(${p(f[name])})`));
      }
      if (f.yearFrom != null || f.yearTo != null) {
        const range = `i.year >= ${p(f.yearFrom ?? -1e9)} AND i.year <= ${p(f.yearTo ?? 1e9)}`;
        // A document with no year is in no range: kept by an exclusion, left out by a filter.
        where.push(not ? `(i.year IS NULL OR NOT (${range}))` : range);
      }
      if (f.collection?.length) where.push(inSet('collection_items', `x.collection_id = ANY(${p(f.collection)})`));
    };
    sets(filters, false);
    if (filters.alsoRequired) sets(filters.alsoRequired, false);
    if (filters.exclude) sets(filters.exclude, true);
    if (filters.visibleGroups) where.push(`i.document_id IN (SELECT id FROM documents WHERE group_id IS NULL OR group_id = ANY(${p(filters.visibleGroups)}))`);
    return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params, fts };
  }

  async matchDocuments(match: TextMatch | null, filters: IndexFilters, opts: MatchOptions): Promise<{ total: number; docs: IndexedDoc[] }> {
    const b = this.base(match, filters);
    if (!b) return { total: 0, docs: [] };
    const limit = Math.max(0, Math.floor(opts.limit));
    const skip = Math.max(0, Math.floor(opts.skip ?? 0));
    // Statistics first, outside the read transaction (they are cached per node).
    const byDate = opts.sort === 'date' || !b.fts;
    const terms = byDate || !match ? [] : matchTokens(match);
    const weighted = terms.length > 1 && terms.length <= MAX_WEIGHTED_TERMS;
    const [df, stats] = byDate ? [new Map<string, number>(), null] : await Promise.all([weighted ? this.docFrequencies(terms) : new Map<string, number>(), this.corpusStats()]);
    return this.read(async (c, cached) => {
      let total: number;
      let top: { document_id: string; rank: number }[];
      const count = async () => Number((await cached(`SELECT count(*) AS n FROM doc_index i ${b.where}`, b.params))[0].n);
      if (byDate || !limit) {
        total = await count();
        if (!total || !limit) return { total, docs: [] };
        top = await cached(`SELECT i.document_id, 0 AS rank FROM doc_index i ${b.where} ORDER BY i.sort_date DESC, i.seq DESC LIMIT ${limit} OFFSET ${skip}`, b.params) as typeof top;
      } else {
        ({ total, top } = await this.firstPass(cached, b, [...b.params], { terms, weighted, df, docCount: stats?.docCount ?? 0 }, limit, skip));
        // A page past the last match returns no row to read the total from.
        if (!top.length && skip) total = await count();
      }
      // The wide token strings (several kB per document) are read for the winners only.
      const docs = await indexedByIds(c, top.map((t) => t.document_id));
      const rankOf = new Map(top.map((t) => [t.document_id, Number(t.rank)]));
      for (const d of docs) d.storeRank = rankOf.get(d.id) ?? 0;
      return { total, docs };
    });
  }

  /**
   * The first-pass order of a text match, from what costs no detoast. ts_rank over these tsvectors (built
   * without positions) is the same for every document holding one term, so it ordered a common word's
   * matches by insertion, and read every one of their tsvectors to do so (0.3–0.6 s for 26,000 matches
   * at 100k documents). Instead, by:
   * 1. for several terms, the IDF-weighted count of the terms present (bitmap scans only; it weighs rare
   *    terms as SQLite's bm25 does);
   * 2. where the terms are: in title, keywords, entities (short columns stored inline), weighted as the
   *    fields are weighted (for one term this is the whole order);
   * 3. shorter bodies first (bm25 scores one occurrence higher in a shorter text), then insertion.
   * How often a term occurs is not known here (reading it for a window of 300 candidates kept 99.6 %
   * instead of 98.6 % of SQLite's top-20 score at 100k, `npm run bench:agreement`, and cost 10–15 ms per
   * query at 10k); the re-ranker counts it among the candidates.
   */
  private async firstPass(cached: CachedQuery, b: Base, params: unknown[], q: { terms: string[]; weighted: boolean; df: Map<string, number>; docCount: number },
    limit: number, skip: number): Promise<{ total: number; top: { document_id: string; rank: number }[] }> {
    const { terms, df } = q;
    const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
    const n = Math.max(1, q.docCount);
    const idf = (t: string) => bm25Idf(df.get(t) ?? 0, n);
    // Where the terms are in the short fields (stored inline, so no detoast), weighted as bm25 weighs
    // fields; for one term the whole order of step 1, for a few a tie-break of equal IDF sums.
    const [w0, w1, w2] = CANDIDATE_WEIGHTS;
    const shortScore = (ts: string[]) => ts.map((term) => {
      const t = p(` ${term} `);
      const has = (col: string) => `(strpos(' ' || i.${col} || ' ', ${t}) > 0)::int`;
      return `${ts.length > 1 ? `${idf(term).toFixed(6)} * ` : ''}(${has('title')} * ${w0} + ${has('keywords')} * ${w1} + ${has('entities')} * ${w2})`;
    }).join(' + ') || '0';
    // Each statement also counts the matches (the total), so the match is evaluated once.
    let pool: Record<string, any>[];
    if (q.weighted) {
      const postings = terms.map((t) => `SELECT document_id, ${idf(t).toFixed(6)}::float8 AS w FROM doc_index WHERE tsv @@ ${p(lexeme(t))}::tsquery`).join(' UNION ALL ');
      // PostgreSQL estimates an AND of lexemes at one row and would join the postings to the matches
      // in a nested loop (re-reading every posting list once per match): hash joins only here.
      const hashJoins = { before: 'SET LOCAL enable_nestloop = off', after: 'SET LOCAL enable_nestloop = on' };
      // Rounded: a float sum can differ in its last bit with the order rows arrive in, and the order of
      // equal sums must be the same for every limit.
      const short = terms.length <= SHORT_FIELD_MAX_TERMS ? `round((${shortScore(terms)})::numeric, 6)` : '0';
      pool = await cached(`WITH m AS MATERIALIZED (SELECT i.document_id, i.seq, i.len_body, ${short} AS short FROM doc_index i ${b.where})
        SELECT m.document_id, (SELECT count(*) FROM m) AS total FROM m JOIN (${postings}) x ON x.document_id = m.document_id
        GROUP BY m.document_id, m.seq, m.len_body, m.short ORDER BY round(sum(x.w)::numeric, 6) DESC, m.short DESC, m.len_body, m.seq LIMIT ${limit} OFFSET ${skip}`, params, hashJoins);
    } else if (terms.length <= 1) {
      pool = await cached(`SELECT i.document_id, count(*) OVER () AS total FROM doc_index i ${b.where}
        ORDER BY ${shortScore(terms)} DESC, i.len_body, i.seq LIMIT ${limit} OFFSET ${skip}`, params);
    } else {
      // More terms than are weighted one by one (quoted pages): ts_rank still counts the terms present.
      pool = await cached(`SELECT i.document_id, count(*) OVER () AS total FROM doc_index i ${b.where}
        ORDER BY ts_rank(i.tsv, ${b.fts}::tsquery) DESC, i.len_body, i.seq LIMIT ${limit} OFFSET ${skip}`, params);
    }
    return { total: Number(pool[0]?.total ?? 0), top: pool.map((r, i) => ({ document_id: r.document_id, rank: skip + i })) };
  }

  async facetCounts(match: TextMatch | null, filters: IndexFilters, facets: (FacetName | 'collection')[], limitPerFacet = 50): Promise<Record<string, FacetCount[]>> {
    const out: Record<string, FacetCount[]> = {};
    for (const f of facets) out[f] = [];
    const b = this.base(match, filters);
    if (!b || !facets.length) return out;
    // One pass: the match is evaluated once (MATERIALIZED) and every facet is counted from it.
    const names = facets.filter((f) => f !== 'collection');
    const n = b.params.length;
    const parts = [`SELECT f.facet, f.value, count(*) AS count FROM m JOIN doc_facets f ON f.document_id = m.document_id WHERE f.facet = ANY($${n + 1}) GROUP BY f.facet, f.value`];
    if (facets.includes('collection')) parts.push(`SELECT 'collection', c.collection_id, count(*) FROM m JOIN collection_items c ON c.document_id = m.document_id GROUP BY c.collection_id`);
    const ranked = `SELECT facet, value, count, row_number() OVER (PARTITION BY facet ORDER BY count DESC, value COLLATE "C") AS k FROM (${parts.join(' UNION ALL ')}) x`;
    const rows = await this.read((_c, cached) => cached(`WITH m AS MATERIALIZED (SELECT i.document_id FROM doc_index i ${b.where})
      SELECT facet, value, count FROM (${ranked}) r WHERE k <= ${Math.max(0, Math.floor(limitPerFacet))} ORDER BY facet, k`, [...b.params, names]));
    for (const r of rows) out[r.facet]?.push({ value: r.value, count: Number(r.count) });
    return out;
  }

  getIndexed(ids: string[]): Promise<IndexedDoc[]> {
    return indexedByIds(this.pool, ids);
  }
}

/** Index entries of these documents, in the order given (missing ones left out), with storeRank 0. */
async function indexedByIds(q: Pick<pg.Pool, 'query'>, ids: string[]): Promise<IndexedDoc[]> {
  if (!ids.length) return [];
  // octet_length is known without counting characters (as on SQLite): only a longer body is cut and counted.
  const { rows } = await q.query(`SELECT i.document_id, i.title, i.keywords, i.entities,
      CASE WHEN octet_length(i.body) <= ${RANK_BODY_CHARS} THEN i.body ELSE left(i.body, ${RANK_BODY_CHARS}) END AS body,
      CASE WHEN octet_length(i.body) <= ${RANK_BODY_CHARS} THEN false ELSE length(i.body) > ${RANK_BODY_CHARS} END AS body_cut,
      i.year, i.sort_date, d.title AS doc_title, d.category, 0 AS rank
    FROM doc_index i JOIN documents d ON d.id = i.document_id WHERE i.document_id = ANY($1)`, [ids]);
  const byId = new Map(rows.map((r) => [r.document_id as string, indexedFromRow(r)]));
  return ids.map((id) => byId.get(id)).filter((d): d is IndexedDoc => !!d);
}

/** SQL: the space-padded token sequence at this placeholder occurs in one of the document's fields. */
function inSomeField(ph: string, t = 'i'): string {
  return `(strpos(' ' || ${t}.title || ' ', ${ph}) > 0 OR strpos(' ' || ${t}.keywords || ' ', ${ph}) > 0 OR strpos(' ' || ${t}.entities || ' ', ${ph}) > 0 OR strpos(' ' || ${t}.body || ' ', ${ph}) > 0)`;
}

function indexedFromRow(r: Record<string, any>): IndexedDoc {
  const { body, bodyCut } = rankBody(r.body, r.body_cut === true);
  return {
    id: r.document_id, title: r.doc_title, category: r.category, sortDate: r.sort_date, year: r.year, storeRank: Number(r.rank),
    fields: { title: r.title, keywords: r.keywords, entities: r.entities, body }, ...(bodyCut ? { bodyCut } : {}),
  };
}
