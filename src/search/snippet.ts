// Snippets: the best-matching passage of the ORIGINAL text with highlight ranges. Matches are found in
// the length-preserving normalised text (traditional/full-width/case never matter), then cut from the
// original at the same offsets.
import { normaliseForIndex } from '../text/normalise.js';

/** Snippet length in characters (default 120). */
export const SNIPPET_CHARS = 120;

export interface Snippet { text: string; highlights: [number, number][] }

/**
 * Occurrences of each needle in the normalised text, as [start, end, needleIndex] in text order: at most
 * `total` over all needles together (in needle order), and at most `each` of one needle.
 */
function occurrences(norm: string, needles: string[], { total = 5000, each = Infinity } = {}): [number, number, number][] {
  const out: [number, number, number][] = [];
  needles.forEach((n, i) => {
    if (!n) return;
    let count = 0;
    for (let at = norm.indexOf(n); at >= 0 && out.length < total && count < each; at = norm.indexOf(n, at + n.length), count++) out.push([at, at + n.length, i]);
  });
  return out.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
}

/**
 * Every occurrence of the needles in the original text, as merged [start, end) ranges in text order (at
 * most `max`), for marking a whole document. Needles must be normalised.
 */
export function matchRanges(original: string, needles: string[], max = 2000): [number, number][] {
  // Each needle's first `max` occurrences: a cap over all of them together (as the snippet's) would leave a
  // later word unmarked in a report where the first one stands thousands of times.
  const hits = occurrences(normaliseForIndex(original), [...new Set(needles)], { total: Infinity, each: max });
  const out: [number, number][] = [];
  for (const [s, e] of hits) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) { last[1] = Math.max(last[1], e); continue; }
    if (out.length >= max) break;
    out.push([s, e]);
  }
  return out;
}

/**
 * The window of `size` characters holding the most distinct needles (weighted), then the most hits,
 * moved back to start at a sentence boundary when one is near. Needles must be normalised.
 */
export function makeSnippet(original: string, needles: string[], weights: number[] = [], size = SNIPPET_CHARS): Snippet {
  const norm = normaliseForIndex(original);
  const occ = occurrences(norm, needles);
  if (!occ.length) {
    const text = original.slice(0, size).replace(/\s+/g, ' ');
    return { text: original.length > size ? text + '…' : text, highlights: [] };
  }
  let bestStart = occ[0][0];
  let bestScore = -1;
  let lo = 0;
  for (let hi = 0; hi < occ.length; hi++) {
    while (occ[hi][1] - occ[lo][0] > size) lo++;
    const seen = new Set<number>();
    let score = 0;
    for (let k = lo; k <= hi; k++) {
      if (!seen.has(occ[k][2])) { seen.add(occ[k][2]); score += (weights[occ[k][2]] ?? 1) * 10; }
      else score += 1;
    }
    if (score > bestScore) { bestScore = score; bestStart = occ[lo][0]; }
  }
  // Start at a sentence boundary shortly before the first hit, so the passage reads naturally.
  const back = Math.max(0, bestStart - 30);
  const boundary = Math.max(...['。', '！', '？', '；', '\n', '.'].map((p) => original.lastIndexOf(p, bestStart - 1)));
  let start = boundary >= back ? boundary + 1 : back;
  while (start < bestStart && /\s/.test(original[start])) start++;
  const end = Math.min(original.length, start + size);
  const rawText = original.slice(start, end);
  const highlights: [number, number][] = [];
  for (const [s, e] of occ) {
    if (s < start || e > end) continue;
    const last = highlights[highlights.length - 1];
    if (last && s - start < last[1]) { last[1] = Math.max(last[1], e - start); continue; }
    highlights.push([s - start, e - start]);
  }
  // Whitespace is collapsed code unit for code unit (newline → space) so ranges stay valid.
  let text = rawText.replace(/\s/g, ' ');
  const prefix = start > 0 ? '…' : '';
  const suffix = end < original.length ? '…' : '';
  text = prefix + text + suffix;
  return withoutMarkup(text, highlights.map(([s, e]) => [s + prefix.length, e + prefix.length] as [number, number]));
}

/** Markdown a passage may carry that would show as symbols: **bold**, __bold__, `code`, # headings. */
const RE_MARKUP = /\*\*|__|`+|(?<=^|[ …])#{1,6} /g;

/** The snippet without markdown markers, highlight ranges moved to match. */
function withoutMarkup(text: string, highlights: [number, number][]): Snippet {
  const cuts: [number, number][] = [];
  for (const m of text.matchAll(RE_MARKUP)) cuts.push([m.index!, m.index! + m[0].length]);
  if (!cuts.length) return { text, highlights };
  // Position i of the old text → its position in the new one (characters inside a marker collapse onto it).
  const moved = (i: number) => i - cuts.reduce((n, [s, e]) => n + Math.max(0, Math.min(i, e) - s), 0);
  let out = '';
  let at = 0;
  for (const [s, e] of cuts) { out += text.slice(at, s); at = e; }
  out += text.slice(at);
  const ranges = highlights.map(([s, e]) => [moved(s), moved(e)] as [number, number]).filter(([s, e]) => e > s);
  return { text: out, highlights: ranges };
}
