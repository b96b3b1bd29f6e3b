// Read-only views of the data @node-rs/jieba ships: part-of-speech tags from its dictionary and its IDF
// table. Parsed once, lazily (each parse costs ~100 ms), so segmentation and tagging need one jieba pass.
import { dict, idf } from '@node-rs/jieba/dict.js';
import { allSurfaceForms } from './lexicon/lexicon.js';

let posMap: Map<string, string> | undefined;
let idfMap: Map<string, number> | undefined;
let idfMedian = 0;

function parseLines(buf: Uint8Array, each: (a: string, b: string, c: string) => void): void {
  const text = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8');
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    const a = line.indexOf(' ');
    if (a < 0) continue;
    const b = line.indexOf(' ', a + 1);
    each(line.slice(0, a), b < 0 ? line.slice(a + 1).trim() : line.slice(a + 1, b), b < 0 ? '' : line.slice(b + 1).trim());
  }
}

/** Part-of-speech tag of a dictionary word (jieba's tag set: n, nz, vn, v, a, d …); lexicon terms are
 * 'nz'; unknown words return undefined. */
export function posOf(word: string): string | undefined {
  if (!posMap) {
    posMap = new Map();
    const m = posMap;
    parseLines(dict, (w, _f, tag) => m.set(w, tag));
    for (const t of allSurfaceForms().keys()) if (!m.has(t)) m.set(t, 'nz');
  }
  return posMap.get(word);
}

/** jieba's shipped IDF for a word; words it does not list get the median IDF (as jieba does). */
export function jiebaIdf(word: string): number {
  if (!idfMap) {
    idfMap = new Map();
    const m = idfMap;
    const values: number[] = [];
    parseLines(idf, (w, v) => {
      const x = Number(v);
      m.set(w, x);
      values.push(x);
    });
    values.sort((a, b) => a - b);
    idfMedian = values[values.length >> 1] ?? 10;
  }
  return idfMap.get(word) ?? idfMedian;
}

/** Whether jieba's IDF table lists the word. */
export function hasJiebaIdf(word: string): boolean {
  jiebaIdf('');
  return idfMap!.has(word);
}

/** The median IDF, used for unseen words. */
export function medianIdf(): number {
  jiebaIdf('');
  return idfMedian;
}
