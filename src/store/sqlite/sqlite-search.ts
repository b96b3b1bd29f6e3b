import type Database from 'better-sqlite3';
import type { FacetName } from '../../domain/index.js';
import { ftsExpression, isEmptyMatch } from '../fts-query.js';
import type { CorpusStats, FacetCount, IndexFilters, IndexedDoc, TextMatch } from '../store.js';

/** Field weights for FTS5's bm25() when the store orders candidates (title, keywords, entities, body). */
export const CANDIDATE_WEIGHTS = [4, 3, 2, 1];

interface IndexRow {
  document_id: string; title: string; keywords: string; entities: string; body: string; year: number | null;
  created_at: string; doc_title: string; category: string; rank: number;
}

/** The search SQL of the SQLite store: FTS5 over pre-segmented tokens plus facet rows. */
export class SqliteSearch {
  private stats: CorpusStats | null = null;

  constructor(private readonly db: Database.Database) {}

  invalidate(): void {
    this.stats = null;
  }

  corpusStats(): CorpusStats {
    if (!this.stats) {
      const r = this.db.prepare(`SELECT count(*) AS n, avg(len_title) AS t, avg(len_keywords) AS k, avg(len_entities) AS e, avg(len_body) AS b FROM doc_index`).get() as
        { n: number; t: number | null; k: number | null; e: number | null; b: number | null };
      this.stats = { docCount: r.n, avgLength: { title: r.t ?? 0, keywords: r.k ?? 0, entities: r.e ?? 0, body: r.b ?? 0 } };
    }
    return this.stats;
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
  private base(match: TextMatch | null, filters: IndexFilters): { from: string; where: string; params: unknown[]; fts: boolean } | null {
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
    where.push(...this.filterSql(filters, params));
    return { from, where: where.length ? `WHERE ${where.join(' AND ')}` : '', params, fts };
  }

  matchDocuments(match: TextMatch | null, filters: IndexFilters, opts: { limit: number; sort?: 'rank' | 'date' }): { total: number; docs: IndexedDoc[] } {
    const b = this.base(match, filters);
    if (!b) return { total: 0, docs: [] };
    const total = (this.db.prepare(`SELECT count(*) AS n FROM ${b.from} ${b.where}`).get(...b.params) as { n: number }).n;
    const rank = b.fts ? `bm25(doc_fts, ${CANDIDATE_WEIGHTS.join(', ')})` : '0';
    const order = opts.sort === 'date' || !b.fts ? 'i.created_at DESC, i.rowid DESC' : 'rank';
    const rows = this.db.prepare(`SELECT i.document_id, i.title, i.keywords, i.entities, i.body, i.year, i.created_at, d.title AS doc_title, d.category, ${rank} AS rank
      FROM ${b.from} JOIN documents d ON d.id = i.document_id ${b.where} ORDER BY ${order} LIMIT ?`).all(...b.params, Math.max(0, opts.limit)) as IndexRow[];
    return { total, docs: rows.map(toIndexed) };
  }

  facetCounts(match: TextMatch | null, filters: IndexFilters, facets: (FacetName | 'collection')[], limit: number): Record<string, FacetCount[]> {
    const out: Record<string, FacetCount[]> = {};
    const b = this.base(match, filters);
    for (const facet of facets) {
      if (!b) { out[facet] = []; continue; }
      const matching = `SELECT i.document_id FROM ${b.from} ${b.where}`;
      const rows = facet === 'collection'
        ? this.db.prepare(`SELECT collection_id AS value, count(*) AS count FROM collection_items WHERE document_id IN (${matching}) GROUP BY collection_id ORDER BY count DESC, value LIMIT ?`).all(...b.params, limit)
        : this.db.prepare(`SELECT value, count(*) AS count FROM doc_facets WHERE facet = ? AND document_id IN (${matching}) GROUP BY value ORDER BY count DESC, value LIMIT ?`).all(facet, ...b.params, limit);
      out[facet] = rows as FacetCount[];
    }
    return out;
  }

  getIndexed(ids: string[]): IndexedDoc[] {
    if (!ids.length) return [];
    const rows = this.db.prepare(`SELECT i.document_id, i.title, i.keywords, i.entities, i.body, i.year, i.created_at, d.title AS doc_title, d.category, 0 AS rank
      FROM doc_index i JOIN documents d ON d.id = i.document_id WHERE i.document_id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as IndexRow[];
    const byId = new Map(rows.map((r) => [r.document_id, toIndexed(r)]));
    return ids.map((id) => byId.get(id)).filter((d): d is IndexedDoc => !!d);
  }
}

function toIndexed(r: IndexRow): IndexedDoc {
  return {
    id: r.document_id, title: r.doc_title, category: r.category, createdAt: r.created_at, year: r.year,
    fields: { title: r.title, keywords: r.keywords, entities: r.entities, body: r.body }, storeRank: r.rank,
  };
}
