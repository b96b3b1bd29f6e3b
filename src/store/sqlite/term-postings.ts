import type Database from 'better-sqlite3';
import { Statements } from './statements.js';
import { endianness } from 'node:os';
import { CANDIDATE_WEIGHTS } from '../first-pass.js';
import type { RefreshOptions, TextMatch } from '../store.js';
import { FIRST_PASS_BM25, ftsIdf, ftsRowLength, ftsTotals } from './fts5-bm25.js';
import { intersect, score, shapeOf, subtract, union, type Leaf, type PhraseRows, type Postings, type PostingsMatch } from './postings-eval.js';

/**
 * Full postings of the frequent words, kept beside FTS5 so that a query of frequent words is matched,
 * counted and scored from a few flat arrays instead of FTS5 walking and scoring every match: at 100k
 * documents `农村 改革` (7,873 matches) took FTS5 10–17 ms to order by bm25 and the same answer takes
 * ~1 ms here; counting 改革's 26,000 matches for the total and facets took 5–9 ms.
 *
 * A word's postings are every document holding it: rowid, weighted frequency f (CANDIDATE_WEIGHTS over
 * the columns) and row length, which is all FTS5's bm25 reads of a row for a one-token phrase. A match
 * (AND of OR-groups of phrases, exclusions) naming at least one such word is answered from them, with
 * every other phrase (a rare word, a synonym, a bigram chain) scored by FTS5 alone when few rows hold it:
 * the matches and bm25 values are FTS5's, to the bit (term-postings.test.ts compares them). Any other
 * match — a common phrase without postings, an alternative that is an AND of words — returns null and
 * FTS5 answers it.
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
 * A document indexed past the writer (by hand, or by a version before migration 10) leaves its rowid in
 * term_index_pending; no query uses postings until the refresh has written its tail entries. A tail entry
 * is written exactly when TermTops.add runs for the row, which is what clears that queue. `refresh` builds postings of newly listed words and merges a
 * word's tail and removals into its blob once they amount to a twentieth of it.
 */

/**
 * A phrase of a match without postings (a rare word, a synonym, a bigram chain) is scored by FTS5 alone
 * when at most this many rows hold it (default 500: well under a millisecond); more, and FTS5 answers
 * the whole match.
 */
export const FTS_PHRASE_MAX = 500;

/** A word gets postings once it has a frequent-word list and at least this many characters (default 2). */
export const POSTINGS_MIN_CHARS = 2;

/** A word's tail and removals are merged into its blob past this share of its postings (default 0.05) … */
export const MERGE_SHARE = 0.05;
/** … and at least this many (default 256). */
export const MERGE_MIN = 256;

/**
 * Removals (library-wide) or tail rows of one word beyond which a query does not read them (default
 * 20,000): FTS5 answers until the refresh has merged them; a word is merged before it has half as many.
 */
export const PENDING_MAX = 20_000;

/** Rowids removed since some removal, ascending, each with its last removal's sequence number. */
interface Removed { rids: Int32Array; seqs: Float64Array }

export interface TermPostingsOptions { mergeShare?: number; mergeMin?: number; phraseMax?: number; pendingMax?: number }


const COLUMN = new Map([['title', 0], ['keywords', 1], ['entities', 2], ['body', 3]]);

export class TermPostings {
  private words: { version: number; set: Set<string> } | null = null;
  private present: boolean | undefined;
  private readonly statements: Statements;
  /** Blobs hold native-endian arrays; a big-endian machine reading them would misread them, so it does not use them. */
  private readonly usable = endianness() === 'LE';

  private readonly mergeShare: number;
  private readonly mergeMin: number;

  private readonly phraseMax: number;
  private readonly pendingMax: number;

  /** Options default to MERGE_SHARE, MERGE_MIN, FTS_PHRASE_MAX and PENDING_MAX. */
  constructor(private readonly db: Database.Database, opts: TermPostingsOptions = {}) {
    this.statements = new Statements(db);
    this.phraseMax = opts.phraseMax ?? FTS_PHRASE_MAX;
    this.pendingMax = opts.pendingMax ?? PENDING_MAX;
    this.mergeShare = opts.mergeShare ?? MERGE_SHARE;
    this.mergeMin = opts.mergeMin ?? MERGE_MIN;
  }

  private sql(text: string): Database.Statement {
    return this.statements.get(text);
  }

  /** The words with postings, read again whenever one was built (here or by another connection). */
  private postingWords(): Set<string> {
    this.present ??= !!this.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'term_postings'").get();
    // (A big-endian machine still writes tail rows, which hold no arrays, for when the file goes back.)
    if (!this.present) return new Set();
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
    if (!shape || !this.usable) return null;
    const words = this.postingWords();
    const isWord = (l: Leaf) => l.word !== undefined && words.has(l.word);
    const leaves = [...new Map([...shape.phrases, ...shape.none].map((l) => [l.match, l])).values()];
    // Nothing to gain when FTS5 would only score rare phrases. Every other phrase must be rare enough to
    // score alone, which no phrase is when its rarest token is not (decided before anything is read).
    if (!shape.phrases.some(isWord) || !leaves.every((l) => isWord(l) || Math.min(...l.tokens.map(df)) <= this.phraseMax)) return null;
    return this.db.transaction(() => {
      if (this.sql('SELECT 1 FROM term_index_pending LIMIT 1').get()) return null;
      const { rows: n, tokens } = ftsTotals(this.statements);
      if (!n) return { rids: new Int32Array(0), ranks: new Float64Array(0) };
      const blobs = new Map(leaves.filter(isWord).map((l) => [l.word!, this.blob(l.word!)]));
      const removed = this.removedSince(Math.min(...[...blobs.values()].map(([merged]) => merged)), this.pendingMax);
      if (!removed) return null;
      const rows = new Map<string, PhraseRows>();
      for (const leaf of leaves) {
        const r = isWord(leaf) ? this.current(leaf.word!, blobs.get(leaf.word!)!, removed) : this.scoredByFts(leaf.match);
        if (!r) return null;
        rows.set(leaf.match, 'values' in r ? r : { ...r, idf: ftsIdf(this.db, df(leaf.word!), n) });
      }
      let rids = shape.groups.map((g) => union(g.map((l) => rows.get(l.match)!.rids))).reduce(intersect);
      if (shape.none.length) rids = subtract(rids, union(shape.none.map((l) => rows.get(l.match)!.rids)));
      return { rids, ranks: score(rids, shape.phrases.map((l) => rows.get(l.match)!), tokens / n) };
    })();
  }

  /**
   * A phrase without postings as FTS5 scores it alone (its bm25 term for each row holding it), when at
   * most `phraseMax` rows hold it; null otherwise (FTS5 then answers the whole match).
   * (The MATCH text is the phrase's own: a token FTS5 would split further is scored as FTS5 splits it.)
   */
  private scoredByFts(phrase: string): PhraseRows | null {
    const found = this.sql(`SELECT rowid, ${FIRST_PASS_BM25} FROM doc_fts WHERE doc_fts MATCH ? LIMIT ?`).raw().all(phrase, this.phraseMax + 1) as [number, number][];
    if (found.length > this.phraseMax) return null;
    return { rids: Int32Array.from(found, (r) => r[0]), values: Float64Array.from(found, (r) => -r[1]) };
  }

  /** A word's blob: the last removal merged into it, and its arrays (see encode). */
  private blob(term: string): [number, Buffer] {
    return this.sql('SELECT merged, data FROM term_postings WHERE term = ?').raw().get(term) as [number, Buffer];
  }

  /**
   * Each rowid removed after removal `seq`, ascending, with its last removal; null when there are more than
   * `max` (a query's bound: reading them would cost more than FTS5's answer, and the refresh merges them first).
   */
  private removedSince(seq: number, max: number): Removed | null {
    const total = this.sql('SELECT count(*) FROM (SELECT 1 FROM term_postings_gone WHERE seq > ? LIMIT ?)').pluck().get(seq, limitOf(max)) as number;
    if (total > max) return null;
    const rows = this.sql('SELECT rid, max(seq) FROM term_postings_gone WHERE seq > ? GROUP BY rid ORDER BY rid').raw().all(seq) as [number, number][];
    return { rids: Int32Array.from(rows, (r) => r[0]), seqs: Float64Array.from(rows, (r) => r[1]) };
  }

  /**
   * A word's postings now: its blob (`merged`, `data`) without the rowids removed since its merge, with its
   * tail entries written after their rowid's last removal; null when its tail exceeds `tailMax`.
   */
  private current(term: string, [merged, data]: [number, Buffer], removed: Removed, tailMax = this.pendingMax): Postings | null {
    const base = decode(data);
    const tailRows = this.sql('SELECT rid, f, len, seq FROM term_postings_tail WHERE term = ? ORDER BY rid LIMIT ?').raw().all(term, limitOf(tailMax)) as [number, number, number, number][];
    if (tailRows.length > tailMax) return null;
    const tailRemoval = lastRemoval(removed);
    const tail = tailRows.filter(([rid, , , seq]) => tailRemoval(rid) <= seq);
    if (!tail.length && !removed.rids.length) return base;
    const baseRemoval = lastRemoval(removed);
    const n = base.rids.length;
    const out: Postings = { rids: new Int32Array(n + tail.length), fs: new Float32Array(n + tail.length), lens: new Int32Array(n + tail.length) };
    let k = 0;
    let j = 0;
    const put = (rid: number, f: number, len: number) => { out.rids[k] = rid; out.fs[k] = f; out.lens[k] = len; k++; };
    for (let i = 0; i < n; i++) {
      const rid = base.rids[i];
      while (j < tail.length && tail[j][0] < rid) { put(tail[j][0], tail[j][1], tail[j][2]); j++; }
      // A tail entry of the same rowid is the row as it is now; a removal after the merge hides the blob's.
      if (j < tail.length && tail[j][0] === rid) continue;
      if (baseRemoval(rid) <= merged) put(rid, base.fs[i], base.lens[i]);
    }
    for (; j < tail.length; j++) put(tail[j][0], tail[j][1], tail[j][2]);
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
      opts.onBuilt?.(++done);
      if (await step()) return done;
    }
    const counts = this.sql(`SELECT p.term, length(p.data) / 12,
        (SELECT count(*) FROM term_postings_tail t WHERE t.term = p.term) + (SELECT count(*) FROM term_postings_gone g WHERE g.seq > p.merged)
      FROM term_postings p`).raw().all() as [string, number, number][];
    for (const [term, n, changed] of counts) {
      if (changed <= Math.min(Math.max(this.mergeMin, this.mergeShare * n), this.pendingMax / 2)) continue;
      this.db.transaction(() => this.merge(term)).immediate();
      opts.onBuilt?.(++done);
      if (await step()) return done;
    }
    this.sql(`DELETE FROM term_postings_gone WHERE seq <= coalesce((SELECT min(merged) FROM term_postings),
      (SELECT max(seq) FROM term_postings_gone))`).run();
    return done;
  }

  /**
   * The last removal's sequence number (0 with none logged). After the log was pruned empty this is 0 again,
   * but AUTOINCREMENT never hands out a number twice, so every later removal still counts as after it.
   */
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
    const p: Postings = { rids, fs: Float32Array.from(rids, (r) => f.get(r)!), lens: Int32Array.from(rids, (r) => ftsRowLength(this.statements, r)) };
    this.write(term, p);
    this.sql("INSERT INTO term_tops_meta (key, value) VALUES ('postings', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1").run();
  }

  /** Folds a word's tail and removals into its blob (inside a write transaction). */
  private merge(term: string): void {
    const blob = this.blob(term);
    // Unbounded here: a merge reads everything once, whatever its size.
    this.write(term, this.current(term, blob, this.removedSince(blob[0], Infinity)!, Infinity)!);
  }

  private write(term: string, p: Postings): void {
    this.sql('INSERT OR REPLACE INTO term_postings (term, merged, data) VALUES (?, ?, ?)').run(term, this.lastGone(), encode(p));
    this.sql('DELETE FROM term_postings_tail WHERE term = ?').run(term);
  }
}

/** SQL LIMIT that tells whether more than `max` rows exist (max + 1; −1, no limit, for Infinity). */
const limitOf = (max: number) => (Number.isFinite(max) ? max + 1 : -1);

/**
 * A lookup of a rowid's last removal (−1 when none) for rowids asked in ascending order: a merge walk
 * over the removals, which ascend too.
 */
function lastRemoval(removed: Removed): (rid: number) => number {
  let r = 0;
  return (rid) => {
    while (r < removed.rids.length && removed.rids[r] < rid) r++;
    return r < removed.rids.length && removed.rids[r] === rid ? removed.seqs[r] : -1;
  };
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
