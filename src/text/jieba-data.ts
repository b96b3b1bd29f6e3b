// Read-only views of the data @node-rs/jieba ships: part-of-speech tags from its dictionary and its IDF
// table. Parsed once, lazily, each in one pass over the shipped text without a string per line.
import { dict, idf } from '@node-rs/jieba/dict.js';
import { allSurfaceForms, derivedFromLexicon } from './lexicon/lexicon.js';

let posMap: Map<string, string> | undefined;
let idfMap: Map<string, number> | undefined;
let idfMedian = 0;

function utf8(buf: Uint8Array): string {
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8');
}

/** Calls `each(word, second, rest)` per line `word second[ rest]`. */
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

function loadPos(): Map<string, string> {
  const m = new Map<string, string>();
  parseLines(utf8(dict), (w, _f, tag) => m.set(w, tag));
  return m;
}

/** The lexicon's surface forms, rebuilt once user terms were added. */
const lexiconFormSet = derivedFromLexicon(() => new Set(allSurfaceForms().keys()));

function loadIdf(): Map<string, number> {
  const m = new Map<string, number>();
  const text = utf8(idf);
  const values = new Float64Array(text.length >> 2);
  let count = 0;
  parseLines(text, (w, v) => {
    const x = Number(v);
    m.set(w, x);
    values[count++] = x;
  });
  // a typed-array sort is native and numeric: the median of all values, duplicates included
  const sorted = values.subarray(0, count).sort();
  idfMedian = count ? sorted[count >> 1] : 10;
  return m;
}

/** Loads both of jieba's tables now (~0.4 s together) instead of at their first lookup. */
export function loadJiebaTables(): void {
  posMap ??= loadPos();
  idfMap ??= loadIdf();
}

/** Part-of-speech tag of a dictionary word (jieba's tag set: n, nz, vn, v, a, d …); lexicon terms are
 * 'nz'; unknown words return undefined. */
export function posOf(word: string): string | undefined {
  return (posMap ??= loadPos()).get(word) ?? (lexiconFormSet().has(word) ? 'nz' : undefined);
}

/** jieba's shipped IDF for a word; words it does not list get the median IDF (as jieba does). */
export function jiebaIdf(word: string): number {
  const v = (idfMap ??= loadIdf()).get(word);
  return v === undefined ? idfMedian : v;
}

/** jieba's IDF when its table lists the word, else undefined (one lookup instead of has + get). */
export function knownIdf(word: string): number | undefined {
  return (idfMap ??= loadIdf()).get(word);
}

/** Whether jieba's IDF table lists the word. */
export function hasJiebaIdf(word: string): boolean {
  return (idfMap ??= loadIdf()).has(word);
}

/** The median IDF, used for unseen words. */
export function medianIdf(): number {
  idfMap ??= loadIdf();
  return idfMedian;
}
