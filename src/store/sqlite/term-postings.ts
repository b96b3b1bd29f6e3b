import type Database from 'better-sqlite3';
import { endianness } from 'node:os';
import { CANDIDATE_WEIGHTS } from '../first-pass.js';
import { clean, cleanGroup, phraseAlternativesOf } from '../fts-query.js';
import type { RefreshOptions, TextMatch } from '../store.js';
import { ftsIdf, readRowLength, readTotals, termScore } from './fts5-bm25.js';

/**
 * Full postings of the frequent words, kept beside FTS5 so that a query of frequent words is matched,
 * counted and scored from a few flat arrays instead of FTS5 walking and scoring every match: at 100k
 * documents `农村 改革` (7,873 matches) took FTS5 10–17 ms to order by bm25 and the same answer takes
 * ~1 ms here; counting 改革's 26,000 matches for the total and facets took 5–9 ms.
 *
 * A word's postings are every document holding it: rowid, weighted frequency f (CANDIDATE_WEIGHTS over
 * the columns) and row length, which is all FTS5's bm25 reads of a row for a one-token phrase. A query
 * made only of such words (AND of OR-groups, exclusions of such words) gets exactly FTS5's matches and
 * bm25 values, to the bit (term-postings.test.ts compares them); any other query, or one naming a word
 * without postings, returns null and FTS5 answers.
 *
 * Words: the words with a frequent-word list (term-tops.ts) of two or more characters (single characters
 * hold most postings and are not searched as words alone). Storage: one row per word whose blob holds the
 * three arrays as of its last merge (`merged`, a sequence number of term_postings_gone), plus
 *  - term_postings_tail: postings of documents indexed since, written by the index writer (`append`),
 *    each with the sequence number of the last removal before it;
 *  - term_postings_gone: rowids whose index row was deleted or rewritten (a trigger), which hide the
 *    blob's entries of that rowid for every word merged before, and tail entries written before.
 * (Tail entries are not deleted with their row: an index on rowid for that made each new document's
 * ~90 tail rows cost a third more to write.)
 * A document indexed past the writer leaves its rowid in term_tops_pending; no query uses postings until
 * the refresh has written its tail entries. `refresh` builds postings of newly listed words and merges a
 * word's tail and removals into its blob once they amount to a twentieth of it.
 */

/** A word gets postings once it has a frequent-word list and at least this many characters (default 2). */
export const POSTINGS_MIN_CHARS = 2;

/** A word's tail and removals are merged into its blob past this share of its postings (default 0.05) … */
export const MERGE_SHARE = 0.05;
/** … and at least this many (default 256). */
export const MERGE_MIN = 256;

export interface TermPostingsOptions { mergeShare?: number; mergeMin?: number }

/** What a match's postings say: every matching rowid, ascending, and its first-pass value (FTS5's bm25, lower is better). */
export interface PostingsMatch { rids: Int32Array; ranks: Float64Array }

interface Postings { rids: Int32Array; fs: Float32Array; lens: Int32Array }

const COLUMN = new Map([['title', 0], ['keywords', 1], ['entities', 2], ['body', 3]]);

export class TermPostings {
  private words: { version: number; set: Set<string> } | null = null;
  private present: boolean | undefined;
  private readonly statements = new Map<string, Database.Statement>();
  /** Blobs hold native-endian arrays; a big-endian machine reading them would misread them, so it does not use them. */
  private readonly usable = endianness() === 'LE';

  private readonly mergeShare: number;
  private readonly mergeMin: number;

  /** Options default to MERGE_SHARE and MERGE_MIN. */
  constructor(private readonly db: Database.Database, opts: TermPostingsOptions = {}) {
    this.mergeShare = opts.mergeShare ?? MERGE_SHARE;
    this.mergeMin = opts.mergeMin ?? MERGE_MIN;
  }

  private sql(text: string): Database.Statement {
    let s = this.statements.get(text);
    if (!s) { s = this.db.prepare(text); this.statements.set(text, s); }
    return s;
  }

  /** The words with postings, read again whenever one was built (here or by another connection). */
  private postingWords(): Set<string> {
    this.present ??= !!this.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'term_postings'").get();
    if (!this.present || !this.usable) return new Set();
    const v = (this.sql("SELECT value FROM term_tops_meta WHERE key = 'postings'").pluck().get() as number | undefined) ?? 0;
    if (!this.words || this.words.version !== v) {
      this.words = { version: v, set: new Set(this.sql('SELECT term FROM term_postings').pluck().all() as string[]) };
    }
    return this.words.set;
  }

  /**
   * Writes the postings of a newly indexed row (`freq`: the weighted frequency of each listed word it holds,
   * `len` its tokens) for the words that have postings. Runs inside the index writer's transaction.
   */
  append(rid: number, freq: Map<string, number>, len: number): void {
    const words = this.postingWords();
    if (!words.size) return;
    const insert = this.sql('INSERT OR REPLACE INTO term_postings_tail (term, rid, f, len, seq) VALUES (?, ?, ?, ?, ?)');
    const seq = this.lastGone();
    for (const [term, f] of freq) if (words.has(term)) insert.run(term, rid, f, len, seq);
  }

  /**
   * The matches of `match` with their bm25 values, or null when postings cannot answer it (see above).
   * `df` gives a word's document frequency as fts5vocab counts it. Read in one snapshot.
   */
  evaluate(match: TextMatch, df: (term: string) => number): PostingsMatch | null {
    const shape = shapeOf(match);
    if (!shape) return null;
    const words = this.postingWords();
    if (![...shape.phrases, ...shape.none].every((t) => words.has(t))) return null;
    return this.db.transaction(() => {
      if (this.sql('SELECT 1 FROM term_tops_pending LIMIT 1').get()) return null;
      const read = new Map<string, Postings>();
      for (const t of new Set([...shape.phrases, ...shape.none])) read.set(t, this.read(t));
      const { rows: n, tokens } = readTotals(this.sql('SELECT block FROM doc_fts_data WHERE id = 1').pluck().get() as Buffer | undefined);
      if (!n) return { rids: new Int32Array(0), ranks: new Float64Array(0) };
      const avgdl = tokens / n;
      const idf = shape.phrases.map((t) => ftsIdf(this.db, df(t), n));
      const groupRids = shape.groups.map((g) => union(g.map((t) => read.get(t)!.rids)));
      let rids = groupRids.reduce(intersect);
      if (shape.none.length) rids = subtract(rids, union(shape.none.map((t) => read.get(t)!.rids)));
      return { rids, ranks: score(rids, shape.phrases.map((t) => read.get(t)!), idf, avgdl) };
    })();
  }

  /**
   * A word's postings now: its blob without the rowids removed since its merge, with its tail entries
   * written after their rowid's last removal.
   */
  private read(term: string): Postings {
    const row = this.sql('SELECT merged, data FROM term_postings WHERE term = ?').raw().get(term) as [number, Buffer];
    const base = decode(row[1]);
    // Rowid → its last removal after the merge.
    const removed = new Map(this.sql('SELECT rid, max(seq) FROM term_postings_gone WHERE seq > ? GROUP BY rid').raw().all(row[0]) as [number, number][]);
    const tail = (this.sql('SELECT rid, f, len, seq FROM term_postings_tail WHERE term = ? ORDER BY rid').raw().all(term) as [number, number, number, number][])
      .filter(([rid, , , seq]) => (removed.get(rid) ?? -1) <= seq).map(([rid, f, len]) => [rid, f, len] as [number, number, number]);
    if (!removed.size && !tail.length) return base;
    const gone = new Set([...removed.keys(), ...tail.map(([rid]) => rid)]);
    const n = base.rids.length;
    const out: Postings = { rids: new Int32Array(n + tail.length), fs: new Float32Array(n + tail.length), lens: new Int32Array(n + tail.length) };
    let k = 0;
    let j = 0;
    const put = (rid: number, f: number, len: number) => { out.rids[k] = rid; out.fs[k] = f; out.lens[k] = len; k++; };
    for (let i = 0; i < n; i++) {
      const rid = base.rids[i];
      while (j < tail.length && tail[j][0] < rid) { put(...tail[j]); j++; }
      if (!gone.has(rid)) put(rid, base.fs[i], base.lens[i]);
    }
    for (; j < tail.length; j++) put(...tail[j]);
    return { rids: out.rids.subarray(0, k), fs: out.fs.subarray(0, k), lens: out.lens.subarray(0, k) };
  }

  /**
   * Builds postings for listed words of POSTINGS_MIN_CHARS or more that have none, merges tails and
   * removals past MERGE_SHARE of a word's postings, and forgets removals every word has merged. Each word
   * in its own transaction; `pause` runs between them. Returns the number of words built or merged.
   */
  async refresh(opts: RefreshOptions = {}): Promise<number> {
    if (!this.usable) return 0;
    const step = async () => { await opts.pause?.(); return opts.shouldStop?.() ?? false; };
    let done = 0;
    const missing = this.sql(`SELECT term FROM term_top_lists WHERE length(term) >= ${POSTINGS_MIN_CHARS}
      AND term NOT IN (SELECT term FROM term_postings) ORDER BY term`).pluck().all() as string[];
    for (const term of missing) {
      this.db.transaction(() => this.build(term)).immediate();
      done++;
      if (await step()) return done;
    }
    const counts = this.sql(`SELECT p.term, length(p.data) / 12,
        (SELECT count(*) FROM term_postings_tail t WHERE t.term = p.term) + (SELECT count(*) FROM term_postings_gone g WHERE g.seq > p.merged)
      FROM term_postings p`).raw().all() as [string, number, number][];
    for (const [term, n, changed] of counts) {
      if (changed <= Math.max(this.mergeMin, this.mergeShare * n)) continue;
      this.db.transaction(() => this.merge(term)).immediate();
      done++;
      if (await step()) return done;
    }
    this.sql(`DELETE FROM term_postings_gone WHERE seq <= coalesce((SELECT min(merged) FROM term_postings),
      (SELECT max(seq) FROM term_postings_gone))`).run();
    return done;
  }

  private lastGone(): number {
    return (this.sql('SELECT coalesce(max(seq), 0) FROM term_postings_gone').pluck().get() as number);
  }

  /** A word's postings from FTS5's instances (inside a write transaction: no write comes between). */
  private build(term: string): void {
    this.db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.zz_doc_instances USING fts5vocab(main, doc_fts, instance)');
    const f = new Map<number, number>();
    for (const [doc, col] of this.sql('SELECT doc, col FROM temp.zz_doc_instances WHERE term = ?').raw().iterate(term) as Iterable<[number, string]>) {
      f.set(doc, (f.get(doc) ?? 0) + CANDIDATE_WEIGHTS[COLUMN.get(col)!]);
    }
    const rids = Int32Array.from([...f.keys()].sort((a, b) => a - b));
    const size = this.sql('SELECT sz FROM doc_fts_docsize WHERE id = ?').pluck();
    const p: Postings = { rids, fs: Float32Array.from(rids, (r) => f.get(r)!), lens: Int32Array.from(rids, (r) => readRowLength(size.get(r) as Buffer | undefined)) };
    this.write(term, p);
    this.sql("INSERT INTO term_tops_meta (key, value) VALUES ('postings', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1").run();
  }

  /** Folds a word's tail and removals into its blob (inside a write transaction). */
  private merge(term: string): void {
    this.write(term, this.read(term));
  }

  private write(term: string, p: Postings): void {
    this.sql('INSERT OR REPLACE INTO term_postings (term, merged, data) VALUES (?, ?, ?)').run(term, this.lastGone(), encode(p));
    this.sql('DELETE FROM term_postings_tail WHERE term = ?').run(term);
  }
}

/**
 * The match as postings can answer it: AND of OR-groups of single listed tokens (or one OR-group from
 * `any` when nothing else is asked, as ftsExpression reads it), words excluded; phrases in FTS5's order.
 */
function shapeOf(match: TextMatch): { groups: string[][]; phrases: string[]; none: string[] } | null {
  if (match.phrases.some((p) => clean(p).length) || match.nonePhrases?.some((p) => clean(p).length)) return null;
  const groups: string[][] = [];
  for (const [i, g] of match.all.entries()) {
    if (phraseAlternativesOf(match, i).length) return null;
    const alts = cleanGroup(g);
    if (alts.some((a) => typeof a !== 'string')) return null;
    if (alts.length) groups.push(alts as string[]);
  }
  if (!groups.length && clean(match.any).length) groups.push(clean(match.any));
  if (!groups.length) return null;
  // Words with postings are single tokens as FTS5 stores them (listed words): the caller checks each is one.
  return { groups, phrases: groups.flat(), none: clean(match.none) };
}

/** bm25 of each matching row as FTS5 computes it: phrases summed in order, f 0 where a phrase is absent. */
function score(rids: Int32Array, phrases: Postings[], idf: number[], avgdl: number): Float64Array {
  const ranks = new Float64Array(rids.length);
  const at = new Int32Array(phrases.length);
  const f = new Float64Array(phrases.length);
  for (let i = 0; i < rids.length; i++) {
    const rid = rids[i];
    let len = 0;
    for (let k = 0; k < phrases.length; k++) {
      const p = phrases[k];
      let j = at[k];
      while (j < p.rids.length && p.rids[j] < rid) j++;
      at[k] = j;
      if (j < p.rids.length && p.rids[j] === rid) { len = p.lens[j]; f[k] = p.fs[j]; } else f[k] = 0;
    }
    let s = 0;
    for (let k = 0; k < phrases.length; k++) s += termScore(f[k], len, avgdl, idf[k]);
    ranks[i] = -1.0 * s;
  }
  return ranks;
}

/** Sorted union of sorted rowid lists. */
function union(lists: Int32Array[]): Int32Array {
  if (lists.length === 1) return lists[0];
  const all = new Int32Array(lists.reduce((a, l) => a + l.length, 0));
  let k = 0;
  for (const l of lists) { all.set(l, k); k += l.length; }
  all.sort();
  let w = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[w++] = all[i];
  return all.subarray(0, w);
}

function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let i = 0, j = 0, k = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else { out[k++] = a[i]; i++; j++; }
  }
  return out.subarray(0, k);
}

function subtract(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length);
  let j = 0, k = 0;
  for (let i = 0; i < a.length; i++) {
    while (j < b.length && b[j] < a[i]) j++;
    if (j >= b.length || b[j] !== a[i]) out[k++] = a[i];
  }
  return out.subarray(0, k);
}

/** Three arrays of n in one blob: rowids (Int32), f (Float32), lengths (Int32), native byte order. */
function encode(p: Postings): Buffer {
  const n = p.rids.length;
  const buf = Buffer.alloc(n * 12);
  buf.set(new Uint8Array(p.rids.buffer, p.rids.byteOffset, n * 4), 0);
  buf.set(new Uint8Array(p.fs.buffer, p.fs.byteOffset, n * 4), n * 4);
  buf.set(new Uint8Array(p.lens.buffer, p.lens.byteOffset, n * 4), n * 8);
  return buf;
}

function decode(buf: Buffer): Postings {
  // Copied into an ArrayBuffer of its own: a Buffer's bytes need not be 4-byte aligned.
  const bytes = new Uint8Array(buf.length);
  bytes.set(buf);
  const n = buf.length / 12;
  return { rids: new Int32Array(bytes.buffer, 0, n), fs: new Float32Array(bytes.buffer, n * 4, n), lens: new Int32Array(bytes.buffer, n * 8, n) };
}
