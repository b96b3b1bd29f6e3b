// FTS5's bm25() as SQLite computes it (fts5_aux.c), for code that must order documents exactly as the
// first pass `ORDER BY bm25(doc_fts, …), rowid` would without asking FTS5 to score every match.
import type Database from 'better-sqlite3';
import { CANDIDATE_WEIGHTS } from '../first-pass.js';
import type { Statements } from './statements.js';

// FTS5's constants.
const K1 = 1.2;
const B = 0.75;

/**
 * One phrase's term of FTS5's bm25 sum, with FTS5's order of operations so that the bits agree: f is the
 * column-weighted frequency, len the row's tokens over all columns, avgdl the mean; idf defaults to 1
 * for the part the lists are ordered by.
 */
export function termScore(f: number, len: number, avgdl: number, idf = 1): number {
  return idf * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + (B * len) / avgdl)));
}

/** The weighted frequency f that gives `s` = termScore(f, len, avgdl) (multiples of 1/1024: the weights are). */
export function frequencyOf(s: number, len: number, avgdl: number): number {
  const c = 1 - B + (B * len) / avgdl;
  return Math.round(((s * K1 * c) / (K1 + 1 - s)) * 1024) / 1024;
}

/**
 * FTS5's IDF: no "1 +" (unlike the re-ranker's), and never below 1e-6. The logarithm is SQLite's ln(),
 * i.e. the C library's log() that FTS5 calls: JavaScript's Math.log differs from it in the last bit for
 * some arguments (ln(100.5/60.5)), which would put a sum of several words' scores one bit off FTS5's.
 */
export function ftsIdf(db: Database.Database, df: number, n: number): number {
  let ln = lnOf.get(db);
  if (!ln) {
    const stmt = db.prepare('SELECT ln((? - ? + 0.5) / (? + 0.5))').pluck();
    ln = (nn, d) => stmt.get(nn, d, d) as number | null;
    lnOf.set(db, ln);
  }
  const v = ln(n, df) ?? -1;
  return v <= 0 ? 1e-6 : v;
}

const lnOf = new WeakMap<Database.Database, (n: number, df: number) => number | null>();

/** doc_fts's tokenizer, as migration 1 creates the table (a test compares them). */
export const DOC_FTS_TOKENIZE = "unicode61 remove_diacritics 0 tokenchars '.-%+#_'";

/**
 * Characters that FTS5's unicode61 (remove_diacritics 0) and JavaScript classify and fold alike: ASCII,
 * punctuation and symbols of the CJK blocks, kana without combining marks, hangul, and the Han characters
 * of Unicode 6 (SQLite's tables are older than JavaScript's: later additions may be separators to one and
 * letters to the other). Only text made of these is tokenized here; other text is left to FTS5 (TermTops).
 */
const PLAIN = /^[\u0000-\u007f\u2000-\u206f\u3000-\u303f\u3041-\u3096\u309d-\u30ff\u3400-\u4db5\u4e00-\u9fcc\uac00-\ud7a3\uff01-\uff20\uff3b-\uff40\uff5b-\uff65]*$/;
export const isPlain = (s: string): boolean => PLAIN.test(s);

/** Separators of doc_fts's tokenizer in plain text: all but letters, digits and tokenchars '.-%+#_'. */
const SEPARATORS = /[^\p{L}\p{N}.\-%+#_]+/u;

/** The tokens of plain text (isPlain) as doc_fts's tokenizer makes them: split, ASCII lower-cased. */
export function ftsTokens(s: string): string[] {
  return s ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()).split(SEPARATORS).filter((t) => t.length > 0) : [];
}

/** The first pass's score expression, as the store orders matches (`ORDER BY <this>, rowid`). */
export const FIRST_PASS_BM25 = `bm25(doc_fts, ${CANDIDATE_WEIGHTS.join(', ')})`;

/** FTS5's totals from its "averages" record (doc_fts_data row 1): rows, and tokens over every column. */
export function readTotals(block: Buffer | undefined): { rows: number; tokens: number } {
  if (!block) return { rows: 0, tokens: 0 };
  const values = readVarints(block);
  return { rows: values[0] ?? 0, tokens: values.slice(1).reduce((a, b) => a + b, 0) };
}

/** A row's tokens over every column, from its docsize record (doc_fts_docsize.sz; 0 for a row FTS5 does not hold). */
export function readRowLength(sz: Buffer | undefined): number {
  return sz ? readVarints(sz).reduce((a, b) => a + b, 0) : 0;
}

/** FTS5's totals of doc_fts (rows, tokens over every column): the N and mean length its bm25 uses. */
export function ftsTotals(st: Statements): { rows: number; tokens: number } {
  return readTotals(st.get('SELECT block FROM doc_fts_data WHERE id = 1').pluck().get() as Buffer | undefined);
}

/** Row `rid`'s tokens over every column as FTS5 counts them (its D). */
export function ftsRowLength(st: Statements, rid: number): number {
  return readRowLength(st.get('SELECT sz FROM doc_fts_docsize WHERE id = ?').pluck().get(rid) as Buffer | undefined);
}

/** How many rows hold `term`, as fts5vocab counts it (by walking its doclist: costs grow with the count). */
export function ftsDocumentCount(st: Statements, term: string): number {
  return (st.get('SELECT doc FROM doc_vocab WHERE term = ?').pluck().get(term) as number | undefined) ?? 0;
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
