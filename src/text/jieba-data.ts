// Read-only views of the data @node-rs/jieba ships: part-of-speech tags from its dictionary and its IDF
// table. Both are parsed once, lazily, into one Map (word → entry): one table to build at start-up
// instead of two, and one probe of it per word where both facts are needed.
import { dict, idf } from '@node-rs/jieba/dict.js';
import { allSurfaceForms } from './lexicon/lexicon.js';

/** What jieba's data says about a word. `pos` is undefined when the dictionary does not list it, `idf`
 * when the IDF table does not. */
export interface WordEntry {
  pos?: string;
  idf?: number;
}

let table: Map<string, WordEntry> | undefined;
let idfMedian = 0;

function utf8(buf: Uint8Array): string {
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8');
}

/** Calls `each(word, second, rest)` per line `word second[ rest]`, without a string per line. */
function parseLines(text: string, each: (a: string, b: string, c: string) => void): void {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const a = text.indexOf(' ', start);
    if (a >= 0 && a < end) {
      const b = text.indexOf(' ', a + 1);
      if (b < 0 || b > end) each(text.slice(start, a), text.slice(a + 1, end).trim(), '');
      else each(text.slice(start, a), text.slice(a + 1, b), text.slice(b + 1, end).trim());
    }
    start = end + 1;
  }
}

function load(): Map<string, WordEntry> {
  const m = new Map<string, WordEntry>();
  parseLines(utf8(dict), (w, _f, tag) => {
    const e = m.get(w);
    if (e) e.pos = tag;
    else m.set(w, { pos: tag, idf: undefined });
  });
  for (const t of allSurfaceForms().keys()) {
    const e = m.get(t);
    if (!e) m.set(t, { pos: 'nz', idf: undefined });
    else if (e.pos === undefined) e.pos = 'nz';
  }
  const idfText = utf8(idf);
  const values = new Float64Array(idfText.length >> 2);
  let count = 0;
  parseLines(idfText, (w, v) => {
    const x = Number(v);
    const e = m.get(w);
    if (e) e.idf = x;
    else m.set(w, { pos: undefined, idf: x });
    values[count++] = x;
  });
  // a typed-array sort is native and numeric (the median of the values, duplicates included)
  const sorted = values.subarray(0, count).sort();
  idfMedian = count ? sorted[count >> 1] : 10;
  return m;
}

/** jieba's entry for a word (one lookup for its tag and IDF), undefined when it knows neither. */
export function wordEntry(word: string): WordEntry | undefined {
  return (table ??= load()).get(word);
}

/** Part-of-speech tag of a dictionary word (jieba's tag set: n, nz, vn, v, a, d …); lexicon terms are
 * 'nz'; unknown words return undefined. */
export function posOf(word: string): string | undefined {
  return (table ??= load()).get(word)?.pos;
}

/** jieba's shipped IDF for a word; words it does not list get the median IDF (as jieba does). */
export function jiebaIdf(word: string): number {
  const v = (table ??= load()).get(word)?.idf;
  return v === undefined ? idfMedian : v;
}

/** Whether jieba's IDF table lists the word. */
export function hasJiebaIdf(word: string): boolean {
  return (table ??= load()).get(word)?.idf !== undefined;
}

/** The median IDF, used for unseen words. */
export function medianIdf(): number {
  table ??= load();
  return idfMedian;
}
