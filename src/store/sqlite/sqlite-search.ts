import type Database from 'better-sqlite3';
import type { FacetName } from '../../domain/index.js';
import { FacetColumns } from './facet-columns.js';
import { ftsExpression, isEmptyMatch } from '../fts-query.js';
import type { CorpusStats, FacetCount, IndexFilters, IndexedDoc, TextMatch } from '../store.js';

/**
 * Field weights for FTS5's bm25() when the store picks the candidates that search re-ranks (title,
 * keywords, entities, body): the re-ranker's own field weights (DEFAULT_RANK, checked by a test), so the
 * first pass orders documents much as the final ranking will and a pool of 100 holds the top page. With
 * 4/3/2/1 a pool of 200 was needed for the same agreement.
 */
export const CANDIDATE_WEIGHTS = [1, 1.5, 1.5, 1];

interface IndexRow {
  document_id: string; title: string; keywords: string; entities: string; body: string; year: number | null;
  created_at: string; doc_title: string; category: string; rank: number;
}

/** The search SQL of the SQLite store: FTS5 over pre-segmented tokens plus facet rows. */
export class SqliteSearch {
  /** Facet counts of recent matches (paging and re-sorting repeat them), valid while nothing was written. */
  private readonly facetCache = new Map<string, { stamp: string; value: Record<string, FacetCount[]> }>();

  private readonly columns: FacetColumns;

  constructor(private readonly db: Database.Database) {
    this.columns = new FacetColumns(db);
  }

  corpusStats(): CorpusStats {
    const r = this.db.prepare('SELECT n, title, keywords, entities, body FROM doc_stats').get() as
      { n: number; title: number; keywords: number; entities: number; body: number } | undefined;
    const n = r?.n ?? 0;
    const avg = (sum: number | undefined) => (n ? (sum ?? 0) / n : 0);
    return { docCount: n, avgLength: { title: avg(r?.title), keywords: avg(r?.keywords), entities: avg(r?.entities), body: avg(r?.body) } };
  }

  docFrequencies(terms: string[]): Map<string, number> {
    const out = new Map<string, number>();
    const stmt = this.db.prepare('SELECT doc FROM doc_vocab WHERE term = ?');
    for (const t of new Set(terms)) {
      const r = stmt.get(t) as { doc: number } | undefined;
      out.set(t, r?.doc ?? 0);
    }
    return out;
  }

  /** SQL condition over doc_index (aliased i) for the filters; params are appended to `params`. */
  private filterSql(filters: IndexFilters, params: unknown[]): string[] {
    const where: string[] = [];
    const facet = (name: string, values: string[] | undefined) => {
      if (!values?.length) return;
      where.push(`i.document_id IN (SELECT document_id FROM doc_facets WHERE facet = ? AND value IN (SELECT value FROM json_each(?)))`);
      params.push(name, JSON.stringify(values));
    };
    facet('category', filters.category);
    facet('theme', filters.theme);
    facet('region', filters.region);
    facet('tag', filters.tag);
    if (filters.yearFrom != null) { where.push('i.year >= ?'); params.push(filters.yearFrom); }
    if (filters.yearTo != null) { where.push('i.year <= ?'); params.push(filters.yearTo); }
    if (filters.collection?.length) {
      where.push('i.document_id IN (SELECT document_id FROM collection_items WHERE collection_id IN (SELECT value FROM json_each(?)))');
      params.push(JSON.stringify(filters.collection));
    }
    if (filters.visibleGroups) {
      where.push('i.document_id IN (SELECT id FROM documents WHERE group_id IS NULL OR group_id IN (SELECT value FROM json_each(?)))');
      params.push(JSON.stringify(filters.visibleGroups));
    }
    return where;
  }

  /** The FROM/WHERE part shared by matching and facet counting. Returns null when nothing can match. */
  private base(match: TextMatch | null, filters: IndexFilters): { from: string; where: string; params: unknown[]; fts: boolean; rowid: string } | null {
    const params: unknown[] = [];
    let from = 'doc_index i';
    const where: string[] = [];
    let fts = false;
    if (!isEmptyMatch(match)) {
      const expr = ftsExpression(match!);
      if (!expr) return null;
      from = 'doc_fts f JOIN doc_index i ON i.rowid = f.rowid';
      where.push('doc_fts MATCH ?');
      params.push(expr);
      fts = true;
    } else if (match?.none.length) {
      const none = ftsExpression({ all: [], any: match.none, none: [], phrases: [] });
      if (none) { where.push('i.rowid NOT IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?)'); params.push(none); }
    }
    const cond = this.filterSql(filters, params);
    where.push(...cond);
    // A bare text match needs no doc_index row until the winners are read (the join costs ~2x at 10k).
    const bare = fts && !cond.length;
    return { from: bare ? 'doc_fts f' : from, where: where.length ? `WHERE ${where.join(' AND ')}` : '', params, fts, rowid: bare ? 'f.rowid' : 'i.rowid' };
  }

  matchDocuments(match: TextMatch | null, filters: IndexFilters, opts: { limit: number; sort?: 'rank' | 'date' }): { total: number; docs: IndexedDoc[] } {
    const b = this.base(match, filters);
    if (!b) return { total: 0, docs: [] };
    const total = (this.db.prepare(`SELECT count(*) AS n FROM ${b.from} ${b.where}`).get(...b.params) as { n: number }).n;
    const rank = b.fts ? `bm25(doc_fts, ${CANDIDATE_WEIGHTS.join(', ')})` : '0';
    const from = opts.sort === 'date' && b.rowid !== 'i.rowid' ? 'doc_fts f JOIN doc_index i ON i.rowid = f.rowid' : b.from;
    const order = opts.sort === 'date' || !b.fts ? 'i.created_at DESC, i.rowid DESC' : 'rank';
    // Two steps: order narrow rows (rowid, rank) first, then read the wide token strings of the winners
    // only. Sorting the joined wide rows made SQLite spill multi-kilobyte records through its sorter
    // (seconds per query at 10k documents).
    const top = this.db.prepare(`SELECT ${from === b.from ? b.rowid : 'i.rowid'} AS rid, ${rank} AS rank FROM ${from} ${b.where} ORDER BY ${order} LIMIT ?`)
      .all(...b.params, Math.max(0, opts.limit)) as { rid: number; rank: number }[];
    if (!top.length) return { total, docs: [] };
    const rows = this.db.prepare(`SELECT i.rowid AS rid, i.document_id, i.title, i.keywords, i.entities, i.body, i.year, i.created_at, d.title AS doc_title, d.category, 0 AS rank
      FROM doc_index i JOIN documents d ON d.id = i.document_id WHERE i.rowid IN (SELECT value FROM json_each(?))`).all(JSON.stringify(top.map((t) => t.rid))) as (IndexRow & { rid: number })[];
    const byRid = new Map(rows.map((r) => [r.rid, r]));
    const docs: IndexedDoc[] = [];
    for (const t of top) {
      const r = byRid.get(t.rid);
      if (r) docs.push(toIndexed({ ...r, rank: t.rank }));
    }
    return { total, docs };
  }

  facetCounts(match: TextMatch | null, filters: IndexFilters, facets: (FacetName | 'collection')[], limit: number): Record<string, FacetCount[]> {
    const out: Record<string, FacetCount[]> = {};
    for (const f of facets) out[f] = [];
    const b = this.base(match, filters);
    if (!b || !facets.length) return out;
    const key = JSON.stringify([b.from, b.where, b.params, facets, limit]);
    const hit = this.facetCache.get(key);
    if (hit && hit.stamp === this.writeStamp()) return copyCounts(hit.value);
    const rowids = this.db.prepare(`SELECT ${b.rowid} FROM ${b.from} ${b.where}`).pluck().all(...b.params) as number[];
    Object.assign(out, this.columns.count(rowids, facets, limit));
    this.facetCache.set(key, { stamp: this.writeStamp(), value: out });
    if (this.facetCache.size > FACET_CACHE_SIZE) this.facetCache.delete(this.facetCache.keys().next().value!);
    return copyCounts(out);
  }

  /** Changes when this connection writes (total_changes) or another one commits (data_version). */
  private writeStamp(): string {
    const c = (this.db.prepare('SELECT total_changes() AS c').get() as { c: number }).c;
    return `${c}:${String(this.db.pragma('data_version', { simple: true }))}`;
  }

  getIndexed(ids: string[]): IndexedDoc[] {
    if (!ids.length) return [];
    const rows = this.db.prepare(`SELECT i.document_id, i.title, i.keywords, i.entities, i.body, i.year, i.created_at, d.title AS doc_title, d.category, 0 AS rank
      FROM doc_index i JOIN documents d ON d.id = i.document_id WHERE i.document_id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as IndexRow[];
    const byId = new Map(rows.map((r) => [r.document_id, toIndexed(r)]));
    return ids.map((id) => byId.get(id)).filter((d): d is IndexedDoc => !!d);
  }
}

/** Entries kept in the facet cache (default 64; oldest dropped first). */
const FACET_CACHE_SIZE = 64;

const copyCounts = (r: Record<string, FacetCount[]>): Record<string, FacetCount[]> =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.map((x) => ({ ...x }))]));

function toIndexed(r: IndexRow): IndexedDoc {
  return {
    id: r.document_id, title: r.doc_title, category: r.category, createdAt: r.created_at, year: r.year,
    fields: { title: r.title, keywords: r.keywords, entities: r.entities, body: r.body }, storeRank: r.rank,
  };
}
