import type Database from 'better-sqlite3';
import { Statements } from './statements.js';
import type { FacetName } from '../../domain/index.js';
import { FacetColumns, GROUP_FACET, type FilterGroup } from './facet-columns.js';
import { RowCache } from './row-cache.js';
import type { TermTops } from './term-tops.js';
import { bestOf, type PostingsMatch } from './postings-eval.js';
import type { TermPostings } from './term-postings.js';
import { ftsExpression, isEmptyMatch, noneExpression } from '../fts-query.js';
import { FIRST_PASS_BM25, ftsDocumentCount } from './fts5-bm25.js';
import { FACET_FILTERS, RANK_BODY_CHARS, rankBody, type CorpusStats, type ExcludedFilters, type FacetCount, type IndexFilters, type IndexedDoc, type MatchOptions, type TextMatch } from '../store.js';

/**
 * What an IndexedDoc is read from (doc_index i joined to documents d). A body of at most RANK_BODY_CHARS
 * bytes has at most that many characters and is read as it is: SQLite knows a value's byte length from
 * the record header, while substr() and length() walk the characters (a third of the time spent reading
 * 100 candidates at 100k documents). Only longer bodies are cut and their characters counted.
 */
const INDEXED_COLUMNS = `i.document_id, i.title, i.keywords, i.entities,
  CASE WHEN octet_length(i.body) <= ${RANK_BODY_CHARS} THEN i.body ELSE substr(i.body, 1, ${RANK_BODY_CHARS}) END AS body,
  CASE WHEN octet_length(i.body) <= ${RANK_BODY_CHARS} THEN 0 ELSE length(i.body) > ${RANK_BODY_CHARS} END AS body_cut,
  i.year, i.sort_date, d.title AS doc_title, d.category, 0 AS rank`;

interface IndexRow {
  document_id: string; title: string; keywords: string; entities: string; body: string; body_cut: number; year: number | null;
  sort_date: string; doc_title: string; category: string; rank: number;
}

/** The search SQL of the SQLite store: FTS5 over pre-segmented tokens plus facet rows. */
export class SqliteSearch {
  /** Facet counts of recent matches (paging and re-sorting repeat them), valid while nothing was written. */
  private readonly facetCache = new Map<string, { stamp: string; value: Record<string, FacetCount[]> }>();

  private readonly columns: FacetColumns;
  /** better-sqlite3 transaction wrapper for inOneReadTransaction (its type cannot carry the generic result). */
  private readonly readTransaction: (f: () => unknown) => unknown;

  /**
   * Document frequencies already read, valid while nothing was written. fts5vocab counts a term by
   * walking its doclist in every segment: ~0.5 ms for a common word when cached pages are warm, 3–25 ms
   * when not, and a long question asks for dozens of terms.
   */
  private readonly dfCache = new Map<string, number>();
  private dfStamp = '';

  /** Rowids of recent FTS matches (see matchRowids), most recently used last. */
  private readonly rowidCache = new Map<string, { stamp: string; rowids: Int32Array | Float64Array }>();

  /** The filter test `zz_filter(rowid)` applies while a statement of `run` executes. */
  private activeFilter: ((rowid: number) => boolean) | null = null;

  private readonly statements: Statements;

  /** Index rows of recent candidates (their token strings are most of what a search reads). */
  private readonly rowCache = new RowCache<IndexRow>((r) => r.body.length + r.title.length + r.keywords.length + r.entities.length);

  /** Postings answers of recent matches (see postingsOf), most recently used last. */
  private readonly postingsCache = new Map<string, { stamp: string; value: PostingsMatch | null }>();

  /**
   * `tops`: the frequent words' lists, which answer a one-word first pass without scoring every match;
   * `postings`: their full postings, which answer matches of frequent words without FTS5.
   */
  constructor(private readonly db: Database.Database, private readonly tops: TermTops, private readonly postings: TermPostings) {
    this.statements = new Statements(db);
    this.columns = new FacetColumns(db);
    this.readTransaction = db.transaction((f: () => unknown) => f());
    db.function('zz_filter', { deterministic: false, directOnly: true }, (rowid) => (this.activeFilter ? (this.activeFilter(Number(rowid)) ? 1 : 0) : 1));
  }

  /**
   * Runs a search's reads in one read transaction: the facet columns' refresh and the match then see the
   * same state of the file. Read one after the other, another process could delete a document and insert
   * one of a hidden group under its rowid in between, and the columns would pass it as the deleted one's.
   */
  private inOneReadTransaction<T>(f: () => T): T {
    return this.db.inTransaction ? f() : this.readTransaction(f) as T;
  }

  private sql(text: string): Database.Statement {
    return this.statements.get(text);
  }

  /** Runs statements of a base() with its filter test in place (better-sqlite3 is synchronous). */
  private run<T>(b: { filter: ((rowid: number) => boolean) | null }, f: () => T): T {
    this.activeFilter = b.filter;
    try { return f(); } finally { this.activeFilter = null; }
  }

  corpusStats(): CorpusStats {
    const r = this.sql('SELECT n, title, keywords, entities, body FROM doc_stats').get() as
      { n: number; title: number; keywords: number; entities: number; body: number } | undefined;
    const n = r?.n ?? 0;
    const avg = (sum: number | undefined) => (n ? (sum ?? 0) / n : 0);
    return { docCount: n, avgLength: { title: avg(r?.title), keywords: avg(r?.keywords), entities: avg(r?.entities), body: avg(r?.body) } };
  }

  docFrequencies(terms: string[]): Map<string, number> {
    const stamp = this.writeStamp();
    if (stamp !== this.dfStamp || this.dfCache.size > DF_CACHE_SIZE) { this.dfCache.clear(); this.dfStamp = stamp; }
    const out = new Map<string, number>();
    const unknown = [...new Set(terms)].filter((t) => !this.dfCache.has(t));
    // Frequent words' counts are kept by the index writer: their doclists are the long ones to walk.
    const kept = this.tops.documentFrequencies(unknown);
    for (const t of unknown) this.dfCache.set(t, kept.get(t) ?? ftsDocumentCount(this.statements, t));
    for (const t of terms) out.set(t, this.dfCache.get(t)!);
    return out;
  }

  /**
   * SQL conditions on the rowid expression `r` for the filters; params are appended to `params`. With
   * `tested`, facet, year and collection filters are one zz_filter call per match; otherwise each is a
   * set of rowids read from narrow indexes, never from doc_index rows: those carry the token strings
   * (several kB each), and reading one per match made a filtered query at 100k documents take 0.1–1.6 s.
   */
  private filterSql(filters: IndexFilters, params: unknown[], r: string, tested: boolean): string[] {
    const where: string[] = [];
    // The unary + keeps SQLite from driving the FTS table by these rowid sets (one full MATCH per rowid:
    // seconds); the match is scanned once and each of its rowids looked up in the set.
    const inSet = (subquery: string, not: boolean) => `+${r} ${not ? 'NOT IN' : 'IN'} (${subquery})`;
    const byDocumentId = (subquery: string, not: boolean) => inSet(`SELECT x.rowid FROM doc_index x WHERE x.document_id IN (${subquery})`, not);
    const sets = (f: ExcludedFilters, not: boolean) => {
      for (const name of FACET_FILTERS) {
        const values = f[name];
        if (!values?.length) continue;
        where.push(byDocumentId('SELECT document_id FROM doc_facets WHERE facet = ? AND value IN (SELECT value FROM json_each(?))', not));
        params.push(name, JSON.stringify(values));
      }
      if (f.yearFrom != null || f.yearTo != null) {
        where.push(inSet('SELECT rowid FROM doc_index WHERE year >= ? AND year <= ?', not));
        params.push(f.yearFrom ?? -1e9, f.yearTo ?? 1e9);
      }
      if (f.collection?.length) {
        where.push(byDocumentId('SELECT document_id FROM collection_items WHERE collection_id IN (SELECT value FROM json_each(?))', not));
        params.push(JSON.stringify(f.collection));
      }
    };
    if (tested) {
      where.push(`zz_filter(${r})`);
    } else {
      sets(filters, false);
      if (filters.alsoRequired) sets(filters.alsoRequired, false);
      if (filters.exclude) sets(filters.exclude, true);
    }
    if (filters.visibleGroups && !tested) {
      // Hidden documents are the few in other groups (documents_group index), not the many visible ones.
      where.push(`+${r} NOT IN (SELECT x.rowid FROM documents d JOIN doc_index x ON x.document_id = d.id
        WHERE d.group_id IS NOT NULL AND d.group_id NOT IN (SELECT value FROM json_each(?)))`);
      params.push(JSON.stringify(filters.visibleGroups));
    }
    return where;
  }

  /** The filters the facet columns can test, one group per facet (and one per excluded facet, and the team's groups). */
  private filterGroups(filters: IndexFilters): FilterGroup[] {
    const groups: FilterGroup[] = [];
    const add = (f: ExcludedFilters, exclude: boolean) => {
      for (const facet of [...FACET_FILTERS, 'collection'] as const) {
        const values = f[facet];
        if (values?.length) { const set = new Set(values); groups.push({ facet, accept: (v) => set.has(v), exclude }); }
      }
      if (f.yearFrom != null || f.yearTo != null) {
        const lo = f.yearFrom ?? -Infinity;
        const hi = f.yearTo ?? Infinity;
        groups.push({ facet: 'year', accept: (v) => { const y = Number(v); return y >= lo && y <= hi; }, exclude });
      }
    };
    add(filters, false);
    if (filters.alsoRequired) add(filters.alsoRequired, false);
    if (filters.exclude) add(filters.exclude, true);
    // A team member sees documents of no group and of their own groups: any other group excludes.
    if (filters.visibleGroups) {
      const visible = new Set(filters.visibleGroups);
      groups.push({ facet: GROUP_FACET, accept: (v) => !visible.has(v), exclude: true });
    }
    return groups;
  }

  /** The FROM/WHERE part shared by matching and facet counting. Returns null when nothing can match. */
  private base(match: TextMatch | null, filters: IndexFilters): {
    from: string; where: string; params: unknown[]; fts: boolean; rowid: string; filter: ((rowid: number) => boolean) | null; matchOnly: string | null;
  } | null {
    const params: unknown[] = [];
    const where: string[] = [];
    const fts = !isEmptyMatch(match);
    // With a text match, FTS rows alone: no doc_index row is read until the winners are.
    const rowid = fts ? 'f.rowid' : 'i.rowid';
    if (fts) {
      const expr = ftsExpression(match!);
      if (!expr) return null;
      where.push('doc_fts MATCH ?');
      params.push(expr);
    } else if (match) {
      const none = noneExpression(match);
      if (none) { where.push('i.rowid NOT IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?)'); params.push(none); }
    }
    // Over a text match, filters are tested from the facet columns once they are in memory (a server
    // loads them at start); before that, and without a text match, as rowid sets.
    const groups = fts && this.columns.loaded ? this.filterGroups(filters) : [];
    const filter = groups.length ? this.columns.predicate(groups) : null;
    where.push(...this.filterSql(filters, params, rowid, filter !== null));
    // The match's rowids can be read once and counted, filtered and tallied in memory when every filter is
    // one the columns test (all are, the team's group restriction included, once they are loaded).
    const matchOnly = fts && this.columns.loaded ? (params[0] as string) : null;
    return { from: fts ? 'doc_fts f' : 'doc_index i', where: where.length ? `WHERE ${where.join(' AND ')}` : '', params, fts, rowid, filter, matchOnly };
  }

  /**
   * Rowids of an FTS expression's matches, read as one JSON array (a row per match through
   * better-sqlite3 cost 60 % more) and kept while nothing is written: the count and the facet tally of a
   * query share this pass over the doclists (the first pass's bm25 statement makes its own).
   */
  private matchRowids(expr: string): Int32Array | Float64Array {
    const stamp = this.writeStamp();
    const hit = this.rowidCache.get(expr);
    this.rowidCache.delete(expr);
    if (hit && hit.stamp === stamp) { this.rowidCache.set(expr, hit); return hit.rowids; }
    const json = this.sql('SELECT json_group_array(rowid) FROM doc_fts WHERE doc_fts MATCH ?').pluck().get(expr) as string;
    const list = JSON.parse(json) as number[];
    // Rowids are assigned from 1 up; a library past 2^31 of them would need the wider array.
    const rowids = list.every((r) => r <= 0x7fffffff) ? Int32Array.from(list) : Float64Array.from(list);
    this.rowidCache.set(expr, { stamp, rowids });
    if (this.rowidCache.size > ROWID_CACHE_SIZE) this.rowidCache.delete(this.rowidCache.keys().next().value!);
    return rowids;
  }

  /**
   * The match's rowids and first-pass values from the frequent words' postings, or null when they cannot
   * answer it (term-postings.ts); kept like matchRowids.
   */
  private postingsOf(match: TextMatch, expr: string): PostingsMatch | null {
    const stamp = this.writeStamp();
    const hit = this.postingsCache.get(expr);
    this.postingsCache.delete(expr);
    if (hit && hit.stamp === stamp) { this.postingsCache.set(expr, hit); return hit.value; }
    const value = this.postings.evaluate(match, (t) => this.docFrequencies([t]).get(t) ?? 0);
    this.postingsCache.set(expr, { stamp, value });
    if (this.postingsCache.size > ROWID_CACHE_SIZE) this.postingsCache.delete(this.postingsCache.keys().next().value!);
    return value;
  }

  /** The match's rowids that pass the filter test (all of them without one): from postings when they answer. */
  private passing(match: TextMatch, expr: string, filter: ((rowid: number) => boolean) | null): Int32Array | Float64Array {
    const all = this.postingsOf(match, expr)?.rids ?? this.matchRowids(expr);
    return filter ? all.filter((r: number) => filter(r)) : all;
  }

  matchDocuments(match: TextMatch | null, filters: IndexFilters, opts: MatchOptions): { total: number; docs: IndexedDoc[] } {
    return this.inOneReadTransaction(() => this.matchNow(match, filters, opts));
  }

  private matchNow(match: TextMatch | null, filters: IndexFilters, opts: MatchOptions): { total: number; docs: IndexedDoc[] } {
    const b = this.base(match, filters);
    if (!b) return { total: 0, docs: [] };
    const total = b.matchOnly ? this.passing(match!, b.matchOnly, b.filter).length
      : this.run(b, () => (this.sql(`SELECT count(*) AS n FROM ${b.from} ${b.where}`).get(...b.params) as { n: number }).n);
    // Two steps: order narrow rows (rowid, rank) first, then read the wide token strings of the winners
    // only. Sorting the joined wide rows made SQLite spill multi-kilobyte records through its sorter
    // (seconds per query at 10k documents). By date, the matching rowids are looked up for their
    // sort_date (a doc_index row each: ~85 ms for a 26,000-document match at 100k).
    const sql = opts.sort === 'date' || !b.fts
      ? `SELECT i.rowid AS rid, 0 AS rank FROM doc_index i
          ${b.where ? `WHERE i.rowid IN (SELECT ${b.rowid} FROM ${b.from} ${b.where})` : ''} ORDER BY i.sort_date DESC, i.rowid DESC LIMIT ? OFFSET ?`
      : `SELECT f.rowid AS rid, ${FIRST_PASS_BM25} AS rank FROM doc_fts f ${b.where} ORDER BY rank, f.rowid LIMIT ? OFFSET ?`;
    const skip = Math.max(0, opts.skip ?? 0);
    const limit = Math.max(0, opts.limit);
    // Postings, or else the lists, answer for queries of frequent words when every filter is one the columns
    // test (b.matchOnly).
    const indexed = opts.sort !== 'date' && b.matchOnly && limit > 0;
    const fromPostings = indexed ? this.postingsOf(match!, b.matchOnly!) : null;
    const listed = fromPostings ? bestOf(fromPostings, b.filter, skip, limit)
      : indexed ? this.tops.top(match!, (t) => this.docFrequencies([t]).get(t) ?? 0, b.filter, skip, limit) : null;
    const top = listed ?? this.run(b, () => this.sql(sql).all(...b.params, limit, skip) as { rid: number; rank: number }[]);
    if (!top.length) return { total, docs: [] };
    const byRid = this.rowCache.get(this.writeStamp(), top.map((t) => t.rid), (missing) => (this.sql(`SELECT i.rowid AS rid, ${INDEXED_COLUMNS}
      FROM doc_index i JOIN documents d ON d.id = i.document_id WHERE i.rowid IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(missing)) as (IndexRow & { rid: number })[]).map((r) => [r.rid, r]));
    const docs: IndexedDoc[] = [];
    for (const t of top) {
      const r = byRid.get(t.rid);
      if (r) docs.push(toIndexed({ ...r, rank: t.rank }));
    }
    return { total, docs };
  }

  facetCounts(match: TextMatch | null, filters: IndexFilters, facets: (FacetName | 'collection')[], limit: number): Record<string, FacetCount[]> {
    return this.inOneReadTransaction(() => this.countNow(match, filters, facets, limit));
  }

  private countNow(match: TextMatch | null, filters: IndexFilters, facets: (FacetName | 'collection')[], limit: number): Record<string, FacetCount[]> {
    const out: Record<string, FacetCount[]> = {};
    for (const f of facets) out[f] = [];
    const b = this.base(match, filters);
    if (!b || !facets.length) return out;
    const key = JSON.stringify([b.from, b.where, b.params, filters, facets, limit]);
    const hit = this.facetCache.get(key);
    if (hit && hit.stamp === this.writeStamp()) return copyCounts(hit.value);
    const rowids = b.matchOnly ? this.passing(match!, b.matchOnly, b.filter)
      : this.run(b, () => this.sql(`SELECT ${b.rowid} FROM ${b.from} ${b.where}`).pluck().all(...b.params) as number[]);
    Object.assign(out, this.columns.count(rowids, facets, limit));
    this.facetCache.set(key, { stamp: this.writeStamp(), value: out });
    if (this.facetCache.size > FACET_CACHE_SIZE) this.facetCache.delete(this.facetCache.keys().next().value!);
    return copyCounts(out);
  }

  /** Changes when this connection writes (total_changes) or another one commits (data_version). */
  private writeStamp(): string {
    const [c, v] = this.sql('SELECT total_changes(), (SELECT data_version FROM pragma_data_version)').raw().get() as [number, number];
    return `${c}:${v}`;
  }

  getIndexed(ids: string[]): IndexedDoc[] {
    if (!ids.length) return [];
    const rows = this.sql(`SELECT ${INDEXED_COLUMNS}
      FROM doc_index i JOIN documents d ON d.id = i.document_id WHERE i.document_id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as IndexRow[];
    const byId = new Map(rows.map((r) => [r.document_id, toIndexed(r)]));
    return ids.map((id) => byId.get(id)).filter((d): d is IndexedDoc => !!d);
  }
}

/** Terms whose document frequency is kept between writes (default 100,000, ~10 MB; then all are dropped). */
const DF_CACHE_SIZE = 100_000;

/** Matches whose rowids are kept (default 8; 4 bytes per match, ~1 MB for a common word at 1M documents). */
const ROWID_CACHE_SIZE = 8;

/** Entries kept in the facet cache (default 64; oldest dropped first). */
const FACET_CACHE_SIZE = 64;

const copyCounts = (r: Record<string, FacetCount[]>): Record<string, FacetCount[]> =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.map((x) => ({ ...x }))]));

function toIndexed(r: IndexRow): IndexedDoc {
  const { body, bodyCut } = rankBody(r.body, r.body_cut === 1);
  return {
    id: r.document_id, title: r.doc_title, category: r.category, sortDate: r.sort_date, year: r.year, storeRank: r.rank,
    fields: { title: r.title, keywords: r.keywords, entities: r.entities, body }, ...(bodyCut ? { bodyCut } : {}),
  };
}
