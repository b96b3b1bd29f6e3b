import type Database from 'better-sqlite3';
import type { FacetCount } from '../store.js';

/** One filter as the columns test it: a document passes when it holds an accepted value of the facet (or, excluded, none). */
export interface FilterGroup { facet: string; accept: (value: string) => boolean; exclude?: boolean }

/**
 * Facet values of every indexed document, in memory, keyed by doc_index rowid, so that counting the
 * facets of a match is a pass over its rowids instead of an SQL join: at 100k documents a match of
 * 26,000 documents took ~190 ms through a temp table and doc_facets, and takes a few ms here.
 *
 * Kept fresh through the facet_changes log (migration 4, written by triggers, so writes of other
 * processes are seen too): before each use the columns re-read the documents logged since the last
 * sequence number they saw, or everything when the log no longer reaches back that far.
 * Memory: one small Int32Array per document (about 60 bytes + 4 per facet value).
 */
export class FacetColumns {
  /** rowid → ids of its facet values (an array indexed by rowid: a Map lookup per match cost 3x more). */
  private byRowid: (Int32Array | undefined)[] = [];
  private readonly rowidOf = new Map<string, number>();
  /** Value id → [facet, value]; ids are never reused while the connection lives. */
  private readonly values: [string, string][] = [];
  private readonly valueId = new Map<string, number>();
  private seq = -1;

  constructor(private readonly db: Database.Database) {}

  /** Whether the columns were read (at 1M documents that takes ~10 s; a one-off CLI search need not). */
  get loaded(): boolean {
    return this.seq >= 0;
  }

  /** Facet counts of the documents with these rowids, highest first, at most `limit` per facet. */
  count(rowids: Iterable<number>, facets: string[], limit: number): Record<string, FacetCount[]> {
    this.refresh();
    const counts = new Int32Array(this.values.length);
    for (const rid of rowids) {
      const ids = this.byRowid[rid];
      if (ids) for (let i = 0; i < ids.length; i++) counts[ids[i]]++;
    }
    const out: Record<string, FacetCount[]> = {};
    for (const f of facets) out[f] = [];
    counts.forEach((n, id) => {
      if (!n) return;
      const [facet, value] = this.values[id];
      out[facet]?.push({ value, count: n });
    });
    for (const f of facets) out[f] = topCounts(out[f], limit);
    return out;
  }

  /**
   * A test of the filters on a rowid, from the columns instead of SQL sets: the set of a broad filter
   * (年份:2012-) held most of the library and cost 20–45 ms per query at 100k documents to build; the
   * test costs well under a microsecond per match. Every given facet must hold one of its values, and no
   * excluded group any.
   */
  predicate(groups: FilterGroup[]): (rowid: number) => boolean {
    this.refresh();
    const bit = new Int32Array(this.values.length);
    groups.forEach((g, i) => this.values.forEach(([facet, value], id) => { if (facet === g.facet && g.accept(value)) bit[id] |= 1 << i; }));
    let all = 0;
    let banned = 0;
    groups.forEach((g, i) => { if (g.exclude) banned |= 1 << i; else all |= 1 << i; });
    // Answers are kept (1 fail, 2 pass): the first pass's bm25 statement tests the matches the count did.
    const known = new Uint8Array(this.byRowid.length);
    return (rowid) => {
      const k = known[rowid];
      if (k) return k === 2;
      const ids = this.byRowid[rowid];
      let got = 0;
      if (ids) for (let i = 0; i < ids.length; i++) got |= bit[ids[i]];
      const pass = !!ids && (got & all) === all && (got & banned) === 0;
      if (rowid < known.length) known[rowid] = pass ? 2 : 1;
      return pass;
    };
  }

  private refresh(): void {
    // Two subqueries: SQLite answers a lone max() or min() from the primary key, but both in one SELECT
    // scan the whole log (up to 50,000 rows: 3.6 ms, paid up to three times per search).
    const last = this.db.prepare('SELECT (SELECT max(seq) FROM facet_changes) AS hi, (SELECT min(seq) FROM facet_changes) AS lo').get() as { hi: number | null; lo: number | null };
    const hi = last.hi ?? 0;
    if (hi === this.seq) return;
    // Pruned past what we saw (or first use): reload all. Otherwise only the logged documents.
    if (this.seq < 0 || (last.lo != null && last.lo > this.seq + 1)) {
      this.byRowid = [];
      this.rowidOf.clear();
      this.load(this.db.prepare('SELECT rowid, document_id FROM doc_index').all() as { rowid: number; document_id: string }[], null);
    } else {
      const changed = this.db.prepare('SELECT DISTINCT document_id FROM facet_changes WHERE seq > ?').pluck().all(this.seq) as string[];
      for (const id of changed) {
        const old = this.rowidOf.get(id);
        if (old != null) this.byRowid[old] = undefined;
        this.rowidOf.delete(id);
      }
      const json = JSON.stringify(changed);
      this.load(this.db.prepare('SELECT rowid, document_id FROM doc_index WHERE document_id IN (SELECT value FROM json_each(?))').all(json) as { rowid: number; document_id: string }[], json);
    }
    this.seq = hi;
  }

  /** Reads the facet rows of these documents (all documents when `idsJson` is null). */
  private load(rows: { rowid: number; document_id: string }[], idsJson: string | null): void {
    const perDoc = new Map<string, number[]>();
    for (const r of rows) { this.rowidOf.set(r.document_id, r.rowid); perDoc.set(r.document_id, []); }
    const where = idsJson ? 'WHERE document_id IN (SELECT value FROM json_each(?))' : '';
    const params = idsJson ? [idsJson] : [];
    const facetRows = this.db.prepare(`SELECT document_id, facet, value FROM doc_facets ${where}
      UNION ALL SELECT document_id, 'collection', collection_id FROM collection_items ${where}`).raw().iterate(...params, ...params) as Iterable<[string, string, string]>;
    for (const [doc, facet, value] of facetRows) perDoc.get(doc)?.push(this.idOf(facet, value));
    for (const [doc, ids] of perDoc) this.byRowid[this.rowidOf.get(doc)!] = Int32Array.from(ids);
  }

  private idOf(facet: string, value: string): number {
    const key = `${facet}\u0000${value}`;
    let id = this.valueId.get(key);
    if (id == null) { id = this.values.length; this.values.push([facet, value]); this.valueId.set(key, id); }
    return id;
  }
}

/** Highest counts first, ties by value in SQLite's BINARY (UTF-8 byte) order, as ORDER BY count DESC, value did. */
export function topCounts(rows: FacetCount[], limit: number): FacetCount[] {
  const bytes = (v: string) => Buffer.from(v, 'utf8');
  return rows.sort((a, b) => b.count - a.count || Buffer.compare(bytes(a.value), bytes(b.value))).slice(0, Math.max(0, limit));
}
