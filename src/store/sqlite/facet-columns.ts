import type Database from 'better-sqlite3';
import type { FacetCount } from '../store.js';

/**
 * The columns' name for a document's group (documents.group_id, teams only): not a facet users see or count,
 * but a team member's search is restricted by it, and testing it here rather than in SQL lets the
 * frequent-word lists and postings answer those searches too.
 */
export const GROUP_FACET = 'group';

/** One filter as the columns test it: a document passes when it holds an accepted value of the facet (or, excluded, none). */
export interface FilterGroup { facet: string; accept: (value: string) => boolean; exclude?: boolean }

/**
 * Facet values of every indexed document, in memory, keyed by doc_index rowid, so that counting the
 * facets of a match is a pass over its rowids instead of an SQL join: at 100k documents a match of
 * 26,000 documents took ~190 ms through a temp table and doc_facets, and takes well under a ms here.
 *
 * Kept fresh through the facet_changes log (migration 4, written by triggers, so writes of other
 * processes are seen too): before each use the columns re-read the documents logged since the last
 * sequence number they saw, or everything when the log no longer reaches back that far.
 *
 * Layout: every document's value ids in one array (`ids`), a document's run starting at `start[rowid]`
 * (compressed sparse rows). A typed array per document, as before, cost 3–6 ms per 26,000 matches in
 * pointer chasing; one pass over two flat arrays costs 0.3 ms. Documents written since the layout was
 * built are kept aside in `patched` until there are enough of them to rebuild it (see PATCH_SHARE).
 * Memory: 4 bytes per rowid and 4 per facet value.
 */
export class FacetColumns {
  /** Value ids of document rowid r are ids[start[r] .. start[r + 1]); rowids ≥ start.length - 1 are not in it. */
  private start = new Int32Array(1);
  private ids = new Int32Array(0);
  /** 1 where a rowid's run is stale (its document changed or left): `patched` holds its values instead. */
  private stale = new Uint8Array(0);
  /** Rowid → value ids of documents written since the layout was built (undefined: no document there now). */
  private readonly patched = new Map<number, Int32Array | undefined>();
  private readonly rowidOf = new Map<string, number>();
  /** Value id → [facet, value]; ids are never reused while the connection lives. */
  private readonly values: [string, string][] = [];
  private readonly valueId = new Map<string, number>();
  private seq = -1;

  /** `patchMin`: see PATCH_MIN (tests lower it to rebuild the layout after a few writes). */
  constructor(private readonly db: Database.Database, private readonly patchMin = PATCH_MIN) {}

  /** Whether the columns were read (at 1M documents that takes ~10 s; a one-off CLI search need not). */
  get loaded(): boolean {
    return this.seq >= 0;
  }

  /** Facet counts of the documents with these rowids, highest first, at most `limit` per facet. */
  count(rowids: Int32Array | Float64Array | number[], facets: string[], limit: number): Record<string, FacetCount[]> {
    this.refresh();
    const counts = new Int32Array(this.values.length);
    const { start, ids, stale } = this;
    const laid = start.length - 1;
    for (let k = 0; k < rowids.length; k++) {
      const rid = rowids[k];
      if (rid < laid && !stale[rid]) {
        for (let i = start[rid], end = start[rid + 1]; i < end; i++) counts[ids[i]]++;
      } else {
        const own = this.patched.get(rid);
        if (own) for (let i = 0; i < own.length; i++) counts[own[i]]++;
      }
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
    const { start, ids, stale } = this;
    const laid = start.length - 1;
    // The layout is captured and `patched` read live: both stay as they are while a test is in use, since
    // only refresh() changes them and a search refreshes before it builds its test, never during.
    return (rowid) => {
      let got = 0;
      if (rowid < laid && !stale[rowid]) {
        for (let i = start[rowid], end = start[rowid + 1]; i < end; i++) got |= bit[ids[i]];
      } else {
        const own = this.patched.get(rowid);
        // Not in the columns: a document written after they were read (a lone rowid test runs after refresh).
        if (!own) return false;
        for (let i = 0; i < own.length; i++) got |= bit[own[i]];
      }
      return (got & all) === all && (got & banned) === 0;
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
      this.rowidOf.clear();
      this.patched.clear();
      this.layOut(this.read(this.db.prepare('SELECT rowid, document_id FROM doc_index').raw().all() as [number, string][], null));
    } else {
      const changed = this.db.prepare('SELECT DISTINCT document_id FROM facet_changes WHERE seq > ?').pluck().all(this.seq) as string[];
      for (const id of changed) {
        const old = this.rowidOf.get(id);
        if (old != null) this.patch(old, undefined);
        this.rowidOf.delete(id);
      }
      const json = JSON.stringify(changed);
      const rows = this.db.prepare('SELECT rowid, document_id FROM doc_index WHERE document_id IN (SELECT value FROM json_each(?))').raw().all(json) as [number, string][];
      const pairs = this.read(rows, json);
      const own = new Map<number, number[]>(rows.map(([rowid]) => [rowid, []]));
      pairs.rids.forEach((rid, i) => own.get(rid)!.push(pairs.values[i]));
      for (const [rowid, values] of own) this.patch(rowid, Int32Array.from(values));
      if (this.patched.size > Math.max(this.patchMin, PATCH_SHARE * this.rowidOf.size)) this.layOut(this.current());
    }
    this.seq = hi;
  }

  private patch(rowid: number, values: Int32Array | undefined): void {
    this.patched.set(rowid, values);
    if (rowid < this.start.length - 1) this.stale[rowid] = 1;
  }

  /** Every document's values as they stand, as (rowid, value id) pairs: the layout's runs, the patched documents over them. */
  private current(): Pairs {
    const out: Pairs = { rids: [], values: [] };
    for (let r = 0; r < this.start.length - 1; r++) {
      if (this.stale[r]) continue;
      for (let i = this.start[r]; i < this.start[r + 1]; i++) { out.rids.push(r); out.values.push(this.ids[i]); }
    }
    for (const [r, v] of this.patched) if (v) for (const id of v) { out.rids.push(r); out.values.push(id); }
    return out;
  }

  /**
   * Builds the flat layout from every document's (rowid, value id) pairs, in any order (a counting sort
   * by rowid: no object per document, which made loading a million documents' columns seconds slower).
   * Nothing is patched after it.
   */
  private layOut(pairs: Pairs): void {
    let top = 0;
    for (const r of pairs.rids) if (r > top) top = r;
    const start = new Int32Array(top + 2);
    for (const r of pairs.rids) start[r + 1]++;
    for (let r = 1; r < start.length; r++) start[r] += start[r - 1];
    const ids = new Int32Array(pairs.values.length);
    const fill = start.slice(0, top + 1);
    pairs.rids.forEach((r, i) => { ids[fill[r]++] = pairs.values[i]; });
    this.start = start;
    this.ids = ids;
    this.stale = new Uint8Array(top + 1);
    this.patched.clear();
  }

  /** Reads the facet rows of these documents (all documents when `idsJson` is null) as (rowid, value id) pairs. */
  private read(rows: [number, string][], idsJson: string | null): Pairs {
    for (const [rowid, id] of rows) this.rowidOf.set(id, rowid);
    const where = idsJson ? 'WHERE document_id IN (SELECT value FROM json_each(?))' : '';
    const params = idsJson ? [idsJson] : [];
    const facetRows = this.db.prepare(`SELECT document_id, facet, value FROM doc_facets ${where}
      UNION ALL SELECT document_id, 'collection', collection_id FROM collection_items ${where}
      UNION ALL SELECT id, '${GROUP_FACET}', group_id FROM documents WHERE group_id IS NOT NULL
        ${idsJson ? 'AND id IN (SELECT value FROM json_each(?))' : ''}`).raw().iterate(...params, ...params, ...params) as Iterable<[string, string, string]>;
    const out: Pairs = { rids: [], values: [] };
    for (const [doc, facet, value] of facetRows) {
      const rid = this.rowidOf.get(doc);
      if (rid !== undefined) { out.rids.push(rid); out.values.push(this.idOf(facet, value)); }
    }
    return out;
  }

  private idOf(facet: string, value: string): number {
    const key = `${facet}\u0000${value}`;
    let id = this.valueId.get(key);
    if (id == null) { id = this.values.length; this.values.push([facet, value]); this.valueId.set(key, id); }
    return id;
  }
}

/** Facet values as parallel lists: document rowid, value id. */
interface Pairs { rids: number[]; values: number[] }

/** Patched documents beyond which the layout is rebuilt: this share of the library (default 0.05) … */
const PATCH_SHARE = 0.05;
/** … or this many, whichever is more (default 2,000): rebuilding costs a pass over every value. */
const PATCH_MIN = 2_000;

/** Highest counts first, ties by value in SQLite's BINARY (UTF-8 byte) order, as ORDER BY count DESC, value did. */
export function topCounts(rows: FacetCount[], limit: number): FacetCount[] {
  const bytes = (v: string) => Buffer.from(v, 'utf8');
  return rows.sort((a, b) => b.count - a.count || Buffer.compare(bytes(a.value), bytes(b.value))).slice(0, Math.max(0, limit));
}
