import type Database from 'better-sqlite3';
import { Statements } from './statements.js';
import { CANDIDATE_WEIGHTS } from '../first-pass.js';
import { cleanGroup, phraseAlternativesOf } from '../fts-query.js';
import type { RefreshOptions, TextMatch } from '../store.js';
import type { TermPostings } from './term-postings.js';
import { DOC_FTS_TOKENIZE, FIRST_PASS_BM25, frequencyOf, ftsDocumentCount, ftsIdf, ftsRowLength, ftsTokens, ftsTotals, isPlain, termScore } from './fts5-bm25.js';

/**
 * Impact-ordered lists of the documents that score best for each frequent word ("term tops"), so that the
 * first pass of a one-word query reads a few thousand list rows instead of having FTS5 score every match:
 * FTS5 has no index that stops early, and bm25() over the 26,000 matches of 改革 at 100k documents was 19
 * of a query's ~30 ms (ten times that at 1M).
 *
 * The answer is exact or not given. A list holds documents of its word with their weighted frequency and
 * length, and `floor` bounds from above the single-word score of every document holding the word that is
 * not listed. A query answered from a list ranks the listed documents with FTS5's own formula
 * (fts5-bm25.ts), and answers only when its last wanted hit scores clearly above what an unlisted document
 * could; otherwise, or for anything but one listed word, the caller runs the FTS5 query as before. So
 * lists never change a result, only its cost.
 *
 * Kept by writes: `add` (called by the store's one index writer) lists a new document under each listed
 * word it scores at least the floor for and counts it in each listed word's document frequency (`remove`
 * subtracts it); triggers drop deleted documents and queue any document `add` did not see
 * (`term_index_pending`) or removal `remove` did not (`term_df_pending`), and while the first is not empty
 * no query uses the lists, while either is not empty none uses the counts. `refresh`
 * (after imports, by the server when idle, by benchmarks after loading) drains the queue, rebuilds lists
 * grown or shrunk past their size or built for a much shorter mean length, and, when the library grew by a
 * tenth, lists words that became frequent.
 */

/** Documents per list (default 2,000): enough that a filter passing one document in ten still fills a page of 100 from it. */
export const TOP_SIZE = 2000;

/** A word gets a list once this many documents hold it (default 4,000, and at least 2 % of documents). */
export const TOP_MIN_DF = 4000;
export const TOP_MIN_SHARE = 0.02;

/** A page is answered from a list only when its last hit beats the bound by this much (default 1e-9, relative): rounding never decides. */
const MARGIN = 1e-9;

export interface TermTopsOptions { size?: number; minDf?: number; minShare?: number }

interface ListInfo { avgdl: number; floor: number }

export interface TopHit { rid: number; rank: number }

export class TermTops {
  private readonly size: number;
  private readonly minDf: number;
  private readonly minShare: number;
  /** The listed words with their mean length and floor, and the version of the lists they were read at. */
  private listed: { version: number; terms: Map<string, ListInfo> } | null = null;
  private present: boolean | undefined;
  private counts: boolean | undefined;
  private readonly statements: Statements;

  /**
   * Options default to TOP_SIZE, TOP_MIN_DF and TOP_MIN_SHARE (tests use small lists). `postings` are
   * written with the lists: `add` hands them each new row's frequencies.
   */
  constructor(private readonly db: Database.Database, opts: TermTopsOptions = {}, private readonly postings?: TermPostings) {
    this.statements = new Statements(db);
    this.size = opts.size ?? TOP_SIZE;
    this.minDf = opts.minDf ?? TOP_MIN_DF;
    this.minShare = opts.minShare ?? TOP_MIN_SHARE;
  }

  private sql(text: string): Database.Statement {
    return this.statements.get(text);
  }

  private meta(key: string): number | undefined {
    return this.sql('SELECT value FROM term_tops_meta WHERE key = ?').pluck().get(key) as number | undefined;
  }

  private setMeta(key: string, value: number | string): void {
    this.sql('INSERT OR REPLACE INTO term_tops_meta (key, value) VALUES (?, ?)').run(key, value);
  }

  /** The listed words, read again whenever a list was built (here or by another connection: the version is in the file). */
  private listedTerms(): Map<string, ListInfo> {
    // A file opened read-only from before the lists existed (a backup being inspected) has none.
    this.present ??= !!this.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'term_tops_meta'").get();
    if (!this.present) return new Map();
    const v = this.meta('version') ?? 0;
    if (!this.listed || this.listed.version !== v) {
      const rows = this.sql('SELECT term, avgdl, floor FROM term_top_lists').all() as (ListInfo & { term: string })[];
      this.listed = { version: v, terms: new Map(rows.map((r) => [r.term, { avgdl: r.avgdl, floor: r.floor }])) };
    }
    return this.listed.terms;
  }

  /**
   * Lists document `rid` (already in doc_index and doc_fts) under each listed word it scores at least the
   * list's floor for, and counts it in each listed word's document frequency (`countDf`; a queued row,
   * whose words nobody counted, is not). Runs inside the writer's transaction: a rolled-back write leaves
   * the lists as they were. Lists are not trimmed here (a new document enters about one list in seven it
   * could); they grow until a refresh rebuilds them.
   */
  add(rid: number, columns: [string, string, string, string], countDf = true): void {
    const listed = this.listedTerms();
    if (listed.size) {
      const len = ftsRowLength(this.statements, rid);
      const insert = this.sql('INSERT OR REPLACE INTO term_tops (term, s, rid, f, len) VALUES (?, ?, ?, ?, ?)');
      const freq = this.frequencies(columns, listed);
      for (const [term, f] of freq) {
        const l = listed.get(term)!;
        const s = termScore(f, len, l.avgdl);
        if (s >= l.floor) insert.run(term, s, rid, f, len);
      }
      if (countDf) this.sql('UPDATE term_top_lists SET df = df + 1 WHERE term IN (SELECT value FROM json_each(?))').run(JSON.stringify([...freq.keys()]));
      this.postings?.append(rid, freq, len);
    }
    this.sql('DELETE FROM term_tops_pending WHERE rid = ?').run(rid);
    this.sql('DELETE FROM term_index_pending WHERE rid = ?').run(rid);
  }

  /**
   * Whether index row `rid`'s words are in the kept counts: not when it was written past the index writer
   * or a write past the writer removed an earlier row at its rowid. Asked before the row is deleted.
   */
  counted(rid: number): boolean {
    if (!this.hasCounts()) return false;
    return !this.sql('SELECT 1 FROM term_index_pending WHERE rid = @rid UNION ALL SELECT 1 FROM term_df_pending WHERE rid = @rid LIMIT 1').get({ rid });
  }

  /**
   * Subtracts a removed index row (its columns as they were) from the listed words' document frequencies.
   * The writer calls it in the transaction that deleted the row, with `counted` asked before the delete;
   * the row's entry in term_df_pending, put there by the delete trigger, then goes. A row that was not
   * counted leaves the entry: the refresh counts every word again.
   */
  remove(rid: number, columns: [string, string, string, string], counted: boolean): void {
    if (!counted) return;
    const listed = this.listedTerms();
    if (listed.size) {
      const words = [...this.frequencies(columns, listed).keys()];
      this.sql('UPDATE term_top_lists SET df = df - 1 WHERE term IN (SELECT value FROM json_each(?))').run(JSON.stringify(words));
    }
    this.sql('DELETE FROM term_df_pending WHERE rid = ?').run(rid);
  }

  /**
   * The kept document frequencies of these words (only listed words have one), exact as fts5vocab would
   * count them; a word missing from the answer must be counted by walking its doclist. Nothing is answered
   * while a write is queued that no writer accounted for.
   */
  documentFrequencies(terms: string[]): Map<string, number> {
    const out = new Map<string, number>();
    if (!terms.length || !this.hasCounts() || !this.listedTerms().size) return out;
    return this.db.transaction(() => {
      if (this.unaccounted()) return out;
      const rows = this.sql('SELECT term, df FROM term_top_lists WHERE term IN (SELECT value FROM json_each(?)) AND df IS NOT NULL')
        .raw().all(JSON.stringify(terms)) as [string, number][];
      for (const [t, n] of rows) out.set(t, n);
      return out;
    })();
  }

  /** Whether a write is queued whose words no writer counted (an added row not listed, a removed one not subtracted). */
  private unaccounted(): boolean {
    return !!this.sql('SELECT 1 FROM term_index_pending UNION ALL SELECT 1 FROM term_df_pending LIMIT 1').get();
  }

  /** Whether the file keeps counts (migration 10; a file opened read-only from before has none). */
  private hasCounts(): boolean {
    this.counts ??= !!this.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'term_df_pending'").get();
    return this.counts;
  }

  /**
   * The weighted frequency of each listed word in a row. Plain text is tokenized here as FTS5 does; other
   * text (cased letters beyond ASCII, marks, scripts whose classes differ between SQLite's Unicode tables
   * and JavaScript's) is tokenized by FTS5 itself, once: the row goes into a one-row FTS5 table of this
   * connection's temp schema with doc_fts's tokenizer, and its instance vocabulary is read.
   */
  private frequencies(columns: string[], listed: Map<string, ListInfo>): Map<string, number> {
    const freq = new Map<string, number>();
    const count = (t: string, c: number, n = 1) => { if (listed.has(t)) freq.set(t, (freq.get(t) ?? 0) + n * CANDIDATE_WEIGHTS[c]); };
    if (columns.every(isPlain)) {
      columns.forEach((text, c) => { for (const t of ftsTokens(text)) count(t, c); });
      return freq;
    }
    this.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.zz_row_tokens USING fts5(c0, c1, c2, c3, tokenize="${DOC_FTS_TOKENIZE}");
      CREATE VIRTUAL TABLE IF NOT EXISTS temp.zz_row_token_list USING fts5vocab(temp, zz_row_tokens, instance);`);
    this.sql('DELETE FROM temp.zz_row_tokens').run();
    this.sql('INSERT INTO temp.zz_row_tokens (rowid, c0, c1, c2, c3) VALUES (1, ?, ?, ?, ?)').run(...columns);
    for (const [t, col, n] of this.sql('SELECT term, col, count(*) FROM temp.zz_row_token_list GROUP BY term, col').raw().all() as [string, string, number][]) {
      count(t, Number(col.slice(1)), n);
    }
    this.sql('DELETE FROM temp.zz_row_tokens').run();
    return freq;
  }

  /**
   * The first pass of an FTS query from a list: the documents at ranks skip … skip+limit−1 of
   * `ORDER BY bm25(doc_fts, CANDIDATE_WEIGHTS), rowid` among those passing `filter`, or null when the list
   * cannot say for certain (more than one word, phrases, OR, exclusions, a word without a list, a document
   * not yet listed). `df` gives a word's document frequency as fts5vocab counts it.
   */
  top(match: TextMatch, df: (term: string) => number, filter: ((rid: number) => boolean) | null, skip: number, limit: number): TopHit[] | null {
    const term = singleTerm(match);
    if (!term || limit <= 0) return null;
    // One snapshot: another process's commit between these reads would mix two states of the library.
    return this.db.transaction(() => {
      const l = this.listedTerms().get(term);
      if (!l || this.sql(`SELECT 1 FROM ${this.hasCounts() ? 'term_index_pending' : 'term_tops_pending'} LIMIT 1`).get()) return null;
      const rows = (this.sql('SELECT rid, f, len FROM term_tops WHERE term = ?').raw().all(term) as [number, number, number][])
        .filter(([rid]) => !filter || filter(rid));
      const need = skip + limit;
      if (rows.length < need) return null;
      const { rows: n, tokens } = ftsTotals(this.statements);
      const avgdl = tokens / n;
      const idf = ftsIdf(this.db, df(term), n);
      const hits = rows.map(([rid, f, len]) => ({ rid, rank: -1.0 * (0 + termScore(f, len, avgdl, idf)) }));
      hits.sort((a, b) => a.rank - b.rank || a.rid - b.rid);
      // An unlisted document scores at most the floor, taken at the list's mean length: a larger mean now
      // raises a score by at most that ratio (1 − b + b·len/avgdl shrinks by no more).
      const bound = idf * l.floor * Math.max(1, avgdl / l.avgdl);
      if (-hits[need - 1].rank <= bound * (1 + MARGIN)) return null;
      return hits.slice(skip, need);
    })();
  }

  /**
   * Drains the queue of documents not yet listed, rebuilds lists grown past twice or shrunk under half
   * their size or whose mean length grew by a quarter, and, when the library grew by a tenth since the
   * vocabulary was last read, lists the words held by at least max(minDf, minShare of documents).
   * `pause` runs after each step (a server answers requests there), `shouldStop` ends early. Returns the
   * number of lists built.
   */
  async refresh(opts: RefreshOptions & { chunk?: number } = {}): Promise<number> {
    // (term_tops_pending, migration 9's queue, holds a subset of term_index_pending: the same triggers fill
    // both, and only the writer of migration 9 clears it alone.)
    const pending = () => !!this.sql('SELECT 1 FROM term_index_pending LIMIT 1').get();
    const uncounted = () => !!this.sql('SELECT 1 FROM term_top_lists WHERE df IS NULL LIMIT 1').get();
    const stamp = this.stamp();
    if (stamp === String(this.meta('stamp')) && !this.unaccounted() && !uncounted()) return 0;
    const step = async () => { await opts.pause?.(); return opts.shouldStop?.() ?? false; };
    // A queued write's words were not counted: every kept count is dropped in the same transaction that
    // takes it off the queue (so a reader never sees an empty queue beside a wrong count), and read again below.
    const forgetCounts = () => this.sql('UPDATE term_top_lists SET df = NULL WHERE df IS NOT NULL').run();
    while (pending()) {
      // Read inside the write transaction: another process may delete or rewrite a queued document meanwhile.
      this.db.transaction(() => {
        this.sql('DELETE FROM term_index_pending WHERE rid NOT IN (SELECT rowid FROM doc_index)').run();
        const rows = this.sql(`SELECT p.rid, i.title, i.keywords, i.entities, i.body
          FROM term_index_pending p JOIN doc_index i ON i.rowid = p.rid LIMIT 500`).raw().all() as [number, string, string, string, string][];
        for (const [rid, ...cols] of rows) this.add(rid, cols as [string, string, string, string], false);
        forgetCounts();
      }).immediate();
      if (await step()) return 0;
    }
    this.db.transaction(() => {
      if (!this.sql('SELECT 1 FROM term_df_pending LIMIT 1').get()) return;
      this.sql('DELETE FROM term_df_pending').run();
      forgetCounts();
    }).immediate();
    const counted = this.sql('SELECT term FROM term_top_lists WHERE df IS NULL').pluck();
    for (const [i, term] of (counted.all() as string[]).entries()) {
      this.db.transaction(() => this.setCount(term)).immediate();
      if (i % 50 === 49 && await step()) return 0;
    }
    const { rows, tokens } = ftsTotals(this.statements);
    // An empty library has no mean length to build with; its lists (if any) answer nothing.
    if (!rows) { this.setMeta('stamp', stamp); return 0; }
    const avgdl = tokens / rows;
    let built = 0;
    /** Builds one list in its own transaction; true when the caller should stop. */
    const rebuild = async (term: string) => {
      this.db.transaction(() => this.build(term)).immediate();
      built++;
      opts.onBuilt?.(built);
      return step();
    };
    const count = this.sql('SELECT count(*) FROM term_tops WHERE term = ?').pluck();
    let checked = 0;
    for (const [term, l] of [...this.listedTerms()]) {
      if (++checked % 200 === 0 && await step()) return built;
      const n = count.get(term) as number;
      // A list with floor 0 holds every document of its word: not short, however few they are.
      if ((n >= this.size / 2 || l.floor === 0) && n <= 2 * this.size && avgdl <= 1.25 * l.avgdl) continue;
      if (await rebuild(term)) return built;
    }
    const walked = this.meta('walked');
    if (walked === undefined || rows >= 1.1 * walked) {
      const minDf = Math.max(this.minDf, Math.ceil(this.minShare * rows));
      // fts5vocab counts a word by walking its doclist: the whole index is read, in steps.
      const vocab = this.sql('SELECT term, doc FROM doc_vocab WHERE term > ? ORDER BY term LIMIT ?').raw();
      for (let after = ''; ;) {
        const chunk = vocab.all(after, opts.chunk ?? 200) as [string, number][];
        if (!chunk.length) break;
        after = chunk[chunk.length - 1][0];
        for (const [term, doc] of chunk) {
          if (doc < minDf || this.listedTerms().has(term) || !listable(term)) continue;
          if (await rebuild(term)) return built;
        }
        if (await step()) return built;
      }
      this.setMeta('walked', rows);
    }
    this.setMeta('stamp', stamp);
    return built;
  }

  /**
   * What adding, deleting or re-indexing documents changes: their count, the highest rowid and the
   * length of every field (a re-index keeps the rowid and may change only the text).
   */
  private stamp(): string {
    const r = this.sql(`SELECT n, title + keywords + entities + body AS tokens, (SELECT coalesce(max(rowid), 0) FROM doc_index) AS top
      FROM doc_stats`).get() as { n: number; tokens: number; top: number } | undefined;
    return r ? `${r.n}:${r.tokens}:${r.top}` : '';
  }

  /** (Re)builds one word's list from FTS5: its best documents by bm25, and the next one's score as the floor. */
  private build(term: string): void {
    const { rows, tokens } = ftsTotals(this.statements);
    const avgdl = tokens / rows;
    const best = this.sql(`SELECT rowid, ${FIRST_PASS_BM25} FROM doc_fts WHERE doc_fts MATCH ? ORDER BY 2, rowid LIMIT ?`)
      .raw().all(`"${term}"`, this.size + 1) as [number, number][];
    // For one phrase bm25 = −idf · s: s is read back with the IDF, and f solved from s. The document frequency
    // is read here, in the build's transaction, even when the vocabulary walk just read it: another process
    // may have written since, and only the count FTS5 scored with gives the right f.
    const df = ftsDocumentCount(this.statements, term);
    const idf = ftsIdf(this.db, df, rows);
    this.sql('DELETE FROM term_tops WHERE term = ?').run(term);
    const insert = this.sql('INSERT OR REPLACE INTO term_tops (term, s, rid, f, len) VALUES (?, ?, ?, ?, ?)');
    for (const [rid, bm] of best.slice(0, this.size)) {
      const len = ftsRowLength(this.statements, rid);
      const f = frequencyOf(-bm / idf, len, avgdl);
      insert.run(term, termScore(f, len, avgdl), rid, f, len);
    }
    // The floor as add() computes scores (a division by the IDF may round a tie a bit above it).
    let floor = 0;
    if (best.length > this.size) {
      const [rid, bm] = best[this.size];
      const len = ftsRowLength(this.statements, rid);
      floor = Math.max(-bm / idf, termScore(frequencyOf(-bm / idf, len, avgdl), len, avgdl));
    }
    this.sql('INSERT OR REPLACE INTO term_top_lists (term, avgdl, floor, df) VALUES (?, ?, ?, ?)').run(term, avgdl, floor, this.unaccounted() ? null : df);
    this.setMeta('version', (this.meta('version') ?? 0) + 1);
  }

  /**
   * Keeps a listed word's document frequency as fts5vocab counts it now (inside a write transaction, so
   * no write comes between), or none while a write is queued that no writer accounted for.
   */
  private setCount(term: string): void {
    const df = this.unaccounted() ? null : ftsDocumentCount(this.statements, term);
    this.sql('UPDATE term_top_lists SET df = ? WHERE term = ?').run(df, term);
  }
}

/** A word that can have a list: one token of plain text (see isPlain) as FTS5 stores it. */
function listable(term: string): boolean {
  const t = ftsTokens(term);
  return isPlain(term) && t.length === 1 && t[0] === term;
}

/** The word of a match that is one listable word and nothing else, or null. */
function singleTerm(match: TextMatch): string | null {
  if (match.none.length || match.nonePhrases?.length || match.phrases.length || match.all.length !== 1) return null;
  const g = cleanGroup(match.all[0]);
  if (g.length !== 1 || typeof g[0] !== 'string' || phraseAlternativesOf(match, 0).length) return null;
  return listable(g[0]) ? g[0] : null;
}
