// The arithmetic of answering a match from postings (term-postings.ts): which matches qualify, set
// operations over sorted rowid arrays, FTS5's bm25 of each matching row, and the first pass's page.
import { clean, cleanGroup, ftsString, phraseAlternativesOf } from '../fts-query.js';
import type { TextMatch } from '../store.js';
import { termScore } from './fts5-bm25.js';

/** What a match's postings say: every matching rowid, ascending, and its first-pass value (FTS5's bm25, lower is better). */
export interface PostingsMatch { rids: Int32Array; ranks: Float64Array }

/** One word's postings: rowids ascending, with each row's weighted frequency f and length in tokens. */
export interface Postings { rids: Int32Array; fs: Float32Array; lens: Int32Array }

/**
 * Ranks skip … skip+limit−1 of the matches passing `filter`, ordered as the first pass orders them
 * (`ORDER BY bm25, rowid`): a bounded max-heap of the best skip+limit, not a sort of every match.
 */
export function bestOf(m: PostingsMatch, filter: ((rowid: number) => boolean) | null, skip: number, limit: number): { rid: number; rank: number }[] {
  const need = skip + limit;
  const heap: number[] = [];
  // a before b in the first pass's order (rowids ascend with the index, so ties go to the lower index).
  const before = (a: number, b: number) => m.ranks[a] < m.ranks[b] || (m.ranks[a] === m.ranks[b] && a < b);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let worst = i;
      if (l < heap.length && before(heap[worst], heap[l])) worst = l;
      if (r < heap.length && before(heap[worst], heap[r])) worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst], heap[i]];
      i = worst;
    }
  };
  for (let i = 0; i < m.rids.length; i++) {
    if (filter && !filter(m.rids[i])) continue;
    if (heap.length < need) {
      heap.push(i);
      for (let c = heap.length - 1; c > 0;) {
        const p = (c - 1) >> 1;
        if (!before(heap[p], heap[c])) break;
        [heap[p], heap[c]] = [heap[c], heap[p]];
        c = p;
      }
    } else if (need > 0 && before(i, heap[0])) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort((a, b) => (before(a, b) ? -1 : 1)).slice(skip).map((i) => ({ rid: m.rids[i], rank: m.ranks[i] }));
}

/** One phrase of a match, as FTS5 numbers them: its MATCH text, its tokens, and the word when it is one string of the query. */
export interface Leaf { match: string; tokens: string[]; word?: string }

/**
 * A phrase's rows: from a word's postings (bm25's term computed here, with the word's IDF), or as FTS5
 * scored the phrase alone (its term of the sum, read back from a one-phrase query).
 */
export type PhraseRows = (Postings & { idf: number }) | { rids: Int32Array; values: Float64Array };

/**
 * The match as postings can answer it: AND of OR-groups of phrases (a group's strings, then its phrase
 * alternatives; then each required phrase as a group; or one OR-group from `any` when nothing else is
 * asked), phrases excluded — all in the order ftsExpression writes them, which is the order FTS5 numbers
 * its phrases and sums bm25. An alternative that is itself an AND of words is not answered (null).
 */
export function shapeOf(match: TextMatch): { groups: Leaf[][]; phrases: Leaf[]; none: Leaf[] } | null {
  const word = (t: string): Leaf => ({ match: ftsString(t), tokens: [t], word: t });
  const phrase = (p: string[]): Leaf => ({ match: ftsString(p.join(' ')), tokens: p });
  const groups: Leaf[][] = [];
  for (const [i, g] of match.all.entries()) {
    const alts = cleanGroup(g);
    if (alts.some((a) => typeof a !== 'string')) return null;
    const leaves = [...(alts as string[]).map(word), ...phraseAlternativesOf(match, i).map(phrase)];
    if (leaves.length) groups.push(leaves);
  }
  for (const p of match.phrases) if (clean(p).length) groups.push([phrase(clean(p))]);
  if (!groups.length && clean(match.any).length) groups.push(clean(match.any).map(word));
  if (!groups.length) return null;
  const none = [...clean(match.none).map(word), ...(match.nonePhrases ?? []).map(clean).filter((p) => p.length).map(phrase)];
  return { groups, phrases: groups.flat(), none };
}

/** bm25 of each matching row as FTS5 computes it: the phrases' terms summed in order, 0 where a phrase is absent. */
export function score(rids: Int32Array, phrases: PhraseRows[], avgdl: number): Float64Array {
  const ranks = new Float64Array(rids.length);
  const at = new Int32Array(phrases.length);
  const present = new Int32Array(phrases.length);
  for (let i = 0; i < rids.length; i++) {
    const rid = rids[i];
    // The row's length, from any word's postings it is in (a word it is not in contributes 0 whatever the length).
    let len = 0;
    for (let k = 0; k < phrases.length; k++) {
      const p = phrases[k];
      let j = at[k];
      while (j < p.rids.length && p.rids[j] < rid) j++;
      at[k] = j;
      present[k] = j < p.rids.length && p.rids[j] === rid ? 1 : 0;
      if (present[k] && 'lens' in p) len = p.lens[j];
    }
    let s = 0;
    for (let k = 0; k < phrases.length; k++) {
      const p = phrases[k];
      if ('values' in p) s += present[k] ? p.values[at[k]] : 0;
      else s += termScore(present[k] ? p.fs[at[k]] : 0, len, avgdl, p.idf);
    }
    ranks[i] = -1.0 * s;
  }
  return ranks;
}

/** Sorted union of sorted rowid lists, merged pairwise (the lists are already in order). */
export function union(lists: Int32Array[]): Int32Array {
  return lists.reduce((a, b) => {
    const out = new Int32Array(a.length + b.length);
    let i = 0, j = 0, k = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) out[k++] = a[i++];
      else if (a[i] > b[j]) out[k++] = b[j++];
      else { out[k++] = a[i++]; j++; }
    }
    while (i < a.length) out[k++] = a[i++];
    while (j < b.length) out[k++] = b[j++];
    return out.subarray(0, k);
  });
}

export function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let i = 0, j = 0, k = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else { out[k++] = a[i]; i++; j++; }
  }
  return out.subarray(0, k);
}

export function subtract(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length);
  let j = 0, k = 0;
  for (let i = 0; i < a.length; i++) {
    while (j < b.length && b[j] < a[i]) j++;
    if (j >= b.length || b[j] !== a[i]) out[k++] = a[i];
  }
  return out.subarray(0, k);
}
