import type Database from 'better-sqlite3';
import { CANDIDATE_WEIGHTS } from '../first-pass.js';
import { cleanGroup, phraseAlternativesOf } from '../fts-query.js';
import type { TextMatch } from '../store.js';

/**
 * Impact-ordered lists of the documents that score best for each frequent term ("term tops"), so that the
 * first pass of a query made of frequent words reads a few thousand list rows instead of having FTS5 score
 * every match: FTS5 has no index that stops early, and bm25() over the 26,000 matches of 改革 at 100k
 * documents was 19 of a query's ~30 ms (ten times that at 1M).
 *
 * The answer is exact or not given. A list holds some documents of its term with their weighted term
 * frequency and length; `floor` bounds, from above, the single-term score of every document holding the
 * term that is not listed. A query answered from the lists ranks the listed documents with FTS5's own
 * bm25 formula, and answers only when its last wanted hit scores above what any unlisted document could
 * (the sum of the floors); otherwise, or when any word has no list, the caller runs the FTS5 query as
 * before. So lists never change a result, only its cost.
 *
 * Kept by writes: `add` (called by the store's one index writer) lists a new document under each frequent
 * word it scores above the floor for;
 * triggers drop a deleted document's rows and queue any document `add` did not see (`term_tops_pending`):
 * while that queue is not empty no query uses the lists. `refresh` (after imports, by the server when
 * idle, by benchmarks after loading) drains the queue and builds lists for words that became frequent.
 */

/** Documents per list (default 2,000): enough that a filter passing one document in ten still fills a page of 100 from it. */
export const TOP_SIZE = 2000;

/** A word gets a list once this many documents hold it (default 4,000, and at least 2 % of documents). */
export const TOP_MIN_DF = 4000;
export const TOP_MIN_SHARE = 0.02;

// FTS5's bm25 constants (fts5_aux.c); the score below is computed as FTS5 computes it, term by term.
const K1 = 1.2;
const B = 0.75;

/**
 * One phrase's term of FTS5's bm25 sum, in FTS5's order of operations (so that sums compare exactly with
 * its own): f is the column-weighted frequency, len the document's tokens, avgdl the mean, idf 1 for the
 * part before the IDF that lists are ordered by.
 */
export function termScore(f: number, len: number, avgdl: number, idf = 1): number {
  return (idf * (f * (K1 + 1.0))) / (f + K1 * (1 - B + (B * len) / avgdl));
}

/** FTS5's IDF (bm25 in fts5_aux.c: no "1 +", and never below 1e-6). */
export function ftsIdf(df: number, n: number): number {
  const v = Math.log((n - df + 0.5) / (df + 0.5));
  return v <= 0 ? 1e-6 : v;
}

/** The tokens of a column as FTS5's unicode61 tokenizer of doc_fts splits them (letters, digits, private use and tokenchars '.-%+#_'). */
const SEPARATORS = /[^\p{L}\p{N}\p{Co}.\-%+#_]+/u;
export function ftsTokens(s: string): string[] {
  return s ? s.toLowerCase().split(SEPARATORS).filter((t) => t.length > 0) : [];
}

export interface TermTopsOptions { size?: number; minDf?: number; minShare?: number }

interface ListInfo { avgdl: number; floor: number }

export interface TopHit { rid: number; rank: number }

export class TermTops {
  /** The listed terms with their mean length and floor, and the version of the lists they were read at. */
  private listed: { version: number; terms: Map<string, ListInfo> } | null = null;

  private readonly size: number;
  private readonly minDf: number;
  private readonly minShare: number;

  /** Options default to TOP_SIZE, TOP_MIN_DF and TOP_MIN_SHARE (tests use small lists). */
  constructor(private readonly db: Database.Database, opts: TermTopsOptions = {}) {
    this.size = opts.size ?? TOP_SIZE;
    this.minDf = opts.minDf ?? TOP_MIN_DF;
    this.minShare = opts.minShare ?? TOP_MIN_SHARE;
  }

  /** The lists' version; -1 in a file opened read-only from before they existed (a backup being inspected). */
  private version(): number {
    this.present ??= !!this.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'term_tops_meta'").get();
    return this.present ? this.meta('version') ?? 0 : -1;
  }

  private present: boolean | undefined;

  /** Read again whenever a list was built (here or by another connection: the version is in the file). */
  private listedTerms(): Map<string, ListInfo> {
    const v = this.version();
    if (v < 0) return new Map();
    if (!this.listed || this.listed.version !== v) {
      const rows = this.db.prepare('SELECT term, avgdl, floor FROM term_top_lists').all() as (ListInfo & { term: string })[];
      this.listed = { version: v, terms: new Map(rows.map((r) => [r.term, { avgdl: r.avgdl, floor: r.floor }])) };
    }
    return this.listed.terms;
  }

  /** FTS5's corpus totals: rows and tokens of every column (its "averages" record, varints). */
  private totals(): { rows: number; tokens: number } {
    const blob = this.db.prepare('SELECT block FROM doc_fts_data WHERE id = 1').pluck().get() as Buffer | undefined;
    if (!blob) return { rows: 0, tokens: 0 };
    const values = readVarints(blob);
    return { rows: values[0] ?? 0, tokens: values.slice(1).reduce((a, b) => a + b, 0) };
  }

  /** Tokens of a document as FTS5 stored them (its docsize record). */
  private docLength(rid: number): number {
    const blob = this.db.prepare('SELECT sz FROM doc_fts_docsize WHERE id = ?').pluck().get(rid) as Buffer | undefined;
    return blob ? readVarints(blob).reduce((a, b) => a + b, 0) : 0;
  }

  /**
   * Lists document `rid` (already in doc_index and doc_fts) under each listed word it scores above the
   * list's floor. Runs inside the writer's transaction, so a rolled-back write leaves the lists as they
   * were. Lists are not trimmed here (an eviction is three more writes, and a new document enters about
   * one list in seven it could): they grow until a refresh rebuilds them.
   */
  add(rid: number, columns: [string, string, string, string]): void {
    const listed = this.listedTerms();
    if (listed.size) {
      const freq = new Map<string, number>();
      columns.forEach((text, c) => {
        for (const t of ftsTokens(text)) if (listed.has(t)) freq.set(t, (freq.get(t) ?? 0) + CANDIDATE_WEIGHTS[c]);
      });
      if (freq.size) {
        const len = this.docLength(rid);
        const insert = this.db.prepare('INSERT OR REPLACE INTO term_tops (term, s, rid, f, len) VALUES (?, ?, ?, ?, ?)');
        for (const [term, f] of freq) {
          const l = listed.get(term)!;
          const s = termScore(f, len, l.avgdl);
          if (s > l.floor) insert.run(term, s, rid, f, len);
        }
      }
    }
    this.db.prepare('DELETE FROM term_tops_pending WHERE rid = ?').run(rid);
  }

  /**
   * The first pass of an FTS query from the lists: the documents at ranks skip … skip+limit−1 of
   * `ORDER BY bm25(doc_fts, CANDIDATE_WEIGHTS), rowid` among those passing `filter`, or null when the
   * lists cannot say for certain (a word without a list, phrases, OR, exclusions, documents not yet listed).
   * `df` holds each word's document frequency (as fts5vocab counts it).
   */
  top(match: TextMatch, df: (term: string) => number, filter: ((rid: number) => boolean) | null, skip: number, limit: number): TopHit[] | null {
    const terms = singleTerms(match);
    // Several words: the documents listed under all of them were too few to settle a page (the bound is
    // the sum of every word's floor), and reading several lists cost more than FTS5's own intersection.
    // The code below is general, but only one word is asked of it.
    if (!terms || terms.length !== 1) return null;
    const listed = this.listedTerms();
    if (!terms.every((t) => listed.has(t))) return null;
    if (this.db.prepare('SELECT 1 FROM term_tops_pending LIMIT 1').get()) return null;
    const { rows, tokens } = this.totals();
    if (!rows) return null;
    const avgdl = tokens / rows;
    const read = this.db.prepare('SELECT rid, f, len FROM term_tops WHERE term = ?').raw();
    // Per document, each term's score once listed; per term, what an unlisted document can score at most
    // (the floor was taken at the list's avgdl: a larger mean now raises every score by at most that ratio).
    const scores = new Map<number, number[]>();
    const bounds: number[] = [];
    terms.forEach((term, i) => {
      const l = listed.get(term)!;
      const idf = ftsIdf(df(term), rows);
      bounds.push(idf * l.floor * Math.max(1, avgdl / l.avgdl));
      for (const [rid, f, len] of read.all(term) as [number, number, number][]) {
        if (filter && !filter(rid)) continue;
        let s = scores.get(rid);
        if (!s) { s = new Array<number>(terms.length).fill(NaN); scores.set(rid, s); }
        s[i] = termScore(f, len, avgdl, idf);
      }
    });
    const complete: TopHit[] = [];
    // Anything not listed under every word is below this; scores summed in phrase order, as FTS5 does.
    let ceiling = bounds.reduce((a, b) => a + b, 0);
    for (const [rid, s] of scores) {
      if (s.every((x) => !Number.isNaN(x))) {
        let score = 0;
        for (const x of s) score += x;
        complete.push({ rid, rank: -score });
      } else {
        let partial = 0;
        s.forEach((x, i) => { partial += Number.isNaN(x) ? bounds[i] : x; });
        ceiling = Math.max(ceiling, partial);
      }
    }
    complete.sort((a, b) => a.rank - b.rank || a.rid - b.rid);
    const need = skip + limit;
    if (complete.length < need || -complete[need - 1].rank <= ceiling) return null;
    return complete.slice(skip, need);
  }

  /**
   * Drains the queue of documents not yet listed, then builds lists for words held by at least
   * max(TOP_MIN_DF, TOP_MIN_SHARE of documents) that have none, and rebuilds lists that deletions left
   * under half full. Reads the vocabulary in chunks of `chunk` words (default 200: ~30 ms at 100k
   * documents); `pause` runs after each chunk and each list built (a server answers requests there).
   * Returns the number of lists built.
   */
  async refresh(opts: { chunk?: number; pause?: () => Promise<void>; shouldStop?: () => boolean } = {}): Promise<number> {
    // Nothing added or deleted since the last refresh (re-indexed documents are kept by the writer): done.
    const stamp = this.stamp();
    if (stamp === this.meta('stamp') && !this.db.prepare('SELECT 1 FROM term_tops_pending LIMIT 1').get()) return 0;
    const pending = this.db.prepare('SELECT p.rid, i.title, i.keywords, i.entities, i.body FROM term_tops_pending p JOIN doc_index i ON i.rowid = p.rid LIMIT 500').raw();
    for (;;) {
      const rows = pending.all() as [number, string, string, string, string][];
      this.db.prepare('DELETE FROM term_tops_pending WHERE rid NOT IN (SELECT rowid FROM doc_index)').run();
      if (!rows.length) break;
      this.db.transaction(() => { for (const [rid, ...cols] of rows) this.add(rid, cols as [string, string, string, string]); }).immediate();
      await opts.pause?.();
      if (opts.shouldStop?.()) return 0;
    }
    const { rows } = this.totals();
    const minDf = Math.max(this.minDf, Math.ceil(this.minShare * rows));
    const vocab = this.db.prepare('SELECT term, doc FROM doc_vocab WHERE term > ? ORDER BY term LIMIT ?').raw();
    const avgdl = this.totals().tokens / Math.max(1, rows);
    const listed = this.listedTerms();
    const sizes = new Map((this.db.prepare('SELECT term, count(*) FROM term_tops GROUP BY term').raw().all() as [string, number][]));
    let after = '';
    let built = 0;
    for (;;) {
      const chunk = vocab.all(after, opts.chunk ?? 200) as [string, number][];
      if (!chunk.length) break;
      after = chunk[chunk.length - 1][0];
      for (const [term, doc] of chunk) {
        if (doc < minDf) continue;
        // A list stays while it holds between half and twice its size (deletions shrink it, new documents
        // grow it) and the mean length grew by under a quarter (its bound loosens with that growth).
        const l = listed.get(term);
        const n = sizes.get(term) ?? 0;
        if (l && n >= this.size / 2 && n <= 2 * this.size && avgdl <= 1.25 * l.avgdl) continue;
        if (ftsTokens(term).length !== 1 || ftsTokens(term)[0] !== term) continue;
        this.db.transaction(() => this.build(term)).immediate();
        built++;
        await opts.pause?.();
      }
      await opts.pause?.();
      if (opts.shouldStop?.()) return built;
    }
    this.db.prepare("INSERT OR REPLACE INTO term_tops_meta (key, value) VALUES ('stamp', ?)").run(stamp);
    return built;
  }

  /** What changes when documents are added or deleted: their count and the highest rowid. */
  private stamp(): number {
    const r = this.db.prepare('SELECT count(*) AS n, coalesce(max(rowid), 0) AS top FROM doc_index').get() as { n: number; top: number };
    return r.top * 1e7 + r.n;
  }

  private meta(key: string): number | undefined {
    return this.db.prepare('SELECT value FROM term_tops_meta WHERE key = ?').pluck().get(key) as number | undefined;
  }

  /** (Re)builds one word's list from FTS5: its best documents by bm25, and the next one's score as the floor. */
  private build(term: string): void {
    const { rows, tokens } = this.totals();
    const avgdl = tokens / rows;
    const expr = `"${term.replace(/"/g, '""')}"`;
    const best = this.db.prepare(`SELECT rowid, bm25(doc_fts, ${CANDIDATE_WEIGHTS.join(', ')}) FROM doc_fts WHERE doc_fts MATCH ? ORDER BY 2, rowid LIMIT ?`)
      .raw().all(expr, this.size + 1) as [number, number][];
    if (!best.length) return;
    // bm25 = −idf · s for one phrase; the IDF is the same for every row, so s is read back from the
    // best row's ratio to a score computed here, and f solved from s (weights are multiples of 1/2).
    const df = this.db.prepare('SELECT doc FROM doc_vocab WHERE term = ?').pluck().get(term) as number;
    const idf = ftsIdf(df, rows);
    this.db.prepare('DELETE FROM term_tops WHERE term = ?').run(term);
    const insert = this.db.prepare('INSERT OR REPLACE INTO term_tops (term, s, rid, f, len) VALUES (?, ?, ?, ?, ?)');
    const listedRows = best.slice(0, this.size);
    for (const [rid, bm] of listedRows) {
      const len = this.docLength(rid);
      const s = -bm / idf;
      const c = 1 - B + (B * len) / avgdl;
      const f = Math.round(((s * K1 * c) / (K1 + 1 - s)) * 1024) / 1024;
      insert.run(term, termScore(f, len, avgdl), rid, f, len);
    }
    const floor = best.length > this.size ? -best[this.size][1] / idf : 0;
    this.db.prepare('INSERT OR REPLACE INTO term_top_lists (term, avgdl, floor) VALUES (?, ?, ?)').run(term, avgdl, floor);
    this.db.prepare("INSERT INTO term_tops_meta (key, value) VALUES ('version', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1").run();
  }
}

/** The words of a match that is an AND of single tokens and nothing else, or null. */
function singleTerms(match: TextMatch): string[] | null {
  if (match.none.length || match.nonePhrases?.length || match.phrases.length || !match.all.length) return null;
  const terms: string[] = [];
  for (const [i, group] of match.all.entries()) {
    const g = cleanGroup(group);
    if (g.length !== 1 || typeof g[0] !== 'string' || phraseAlternativesOf(match, i).length) return null;
    const t = ftsTokens(g[0]);
    if (t.length !== 1 || t[0] !== g[0]) return null;
    terms.push(g[0]);
  }
  return terms;
}

/** SQLite varints (big-endian, 7 bits a byte, the ninth byte whole), as FTS5 writes its records. */
function readVarints(buf: Buffer): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < buf.length) {
    let v = 0;
    for (let k = 0; k < 9 && i < buf.length; k++) {
      const byte = buf[i++];
      if (k === 8) { v = v * 256 + byte; break; }
      v = v * 128 + (byte & 0x7f);
      if (!(byte & 0x80)) break;
    }
    out.push(v);
  }
  return out;
}
