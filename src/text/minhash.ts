// Near-duplicate detection. MinHash over 3-token shingles of normalised content tokens finds copies and
// light edits; LSH band keys let a store look candidates up. Re-written accounts of one case (the seed's
// three analyses of one report) share almost no shingles, so `nearDuplicateScore` also compares the
// documents' key-term profiles (cosine over their top tf-idf terms).
import { jiebaIdf } from './jieba-data.js';
import { normalisedOnce } from './normalised.js';
import { segment, type Token } from './segment.js';
import { STOPWORDS } from './stopwords.js';

export const NUM_PERMUTATIONS = 128;
export const SHINGLE_SIZE = 3;

/**
 * Score at or above which two documents are treated as the same case. Measured on the seed (see
 * minhash.test.ts): its three re-written analyses of one report score 0.39–0.41 against each other
 * (MinHash alone: 0.00–0.02, they share almost no 3-token shingles), while different governance cases in
 * the same register — including a community-governance case from another city that shares most of the
 * generic vocabulary (社区, 议事会, 社会组织, 自治) — score 0.00–0.13. 0.25 sits in the middle of that gap;
 * exact and lightly edited copies score ≥ 0.8 through MinHash.
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.25;

/** Number of key terms per document in the term profile. */
const PROFILE_TERMS = 40;

/** Deterministic per-permutation seeds (splitmix32 from a fixed start). */
const SEEDS: Uint32Array = (() => {
  const out = new Uint32Array(NUM_PERMUTATIONS);
  let x = 0x9e3779b9;
  for (let i = 0; i < NUM_PERMUTATIONS; i++) {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    out[i] = (z ^ (z >>> 16)) >>> 0;
  }
  return out;
})();

/** murmur3 finaliser: a fast, well-mixed 32-bit permutation. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function isContent(t: Token): boolean {
  return t.kind !== 'punct' && !STOPWORDS.has(t.text);
}

/** Content tokens of the normalised text (traditional/simplified and width differences do not count).
 * normaliseForIndex is length-preserving, so given tokens of `text` are read from the normalised text. */
function contentTokens(text: string, tokens?: Token[]): string[] {
  const norm = normalisedOnce(text);
  const toks = tokens ?? segment(norm);
  const out: string[] = [];
  for (const t of toks) if (isContent(t)) out.push(tokens ? norm.slice(t.start, t.end) : t.text);
  return out;
}

/** MinHash signature (128 unsigned 32-bit values) over 3-token shingles. Pass `tokens` (of `text`) to
 * avoid segmenting again. Texts shorter than one shingle hash their tokens instead. */
export function minhashSignature(text: string, tokens?: Token[]): number[] {
  return signatureOf(contentTokens(text, tokens));
}

function signatureOf(words: string[]): number[] {
  // Hash each word once; a shingle's hash combines its words' hashes in order (no string joins).
  const wh = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) wh[i] = fnv1a(words[i]);
  const shingles = new Set<number>();
  if (words.length < SHINGLE_SIZE) {
    let h = 0x811c9dc5;
    for (const x of wh) h = fmix32(h ^ x) + 0x9e3779b9;
    if (words.length) shingles.add(h >>> 0);
  } else {
    for (let i = 0; i + SHINGLE_SIZE <= words.length; i++) {
      let h = 0x811c9dc5;
      for (let k = 0; k < SHINGLE_SIZE; k++) h = (fmix32((h ^ wh[i + k]) >>> 0) + 0x9e3779b9) >>> 0;
      shingles.add(h);
    }
  }
  const sig = new Uint32Array(NUM_PERMUTATIONS).fill(0xffffffff);
  for (const h of shingles) {
    for (let p = 0; p < NUM_PERMUTATIONS; p++) {
      const v = fmix32(h ^ SEEDS[p]);
      if (v < sig[p]) sig[p] = v;
    }
  }
  return Array.from(sig);
}

/** Estimated Jaccard similarity of the two shingle sets: the share of equal signature positions. */
export function jaccardEstimate(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  if (!n) return 0;
  // an empty text's signature is all 0xffffffff: it resembles nothing, not every other empty text
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i] && a[i] !== 0xffffffff) same++;
  return same / n;
}

/** LSH band keys (`band:hash`) for storage lookup: two signatures share a key when one band of
 * `sig.length / bands` rows is identical. 32 bands × 4 rows catch pairs from Jaccard ≈ 0.4 upwards. */
export function lshBands(sig: number[], bands = 32): string[] {
  const rows = Math.floor(sig.length / bands);
  const keys: string[] = [];
  for (let b = 0; b < bands; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < rows; r++) h = fmix32(h ^ sig[b * rows + r]) ^ Math.imul(h, 31);
    keys.push(`${b}:${(h >>> 0).toString(16)}`);
  }
  return keys;
}

/** Top tf-idf terms of a text, L2-normalised: its key-term profile. */
export function termProfile(text: string, tokens?: Token[]): Map<string, number> {
  return profileOf(contentTokens(text, tokens));
}

/** Signature and term profile in one pass over the tokens (what a store needs per document). */
export function caseFingerprint(text: string, tokens?: Token[]): { signature: number[]; profile: Map<string, number> } {
  const words = contentTokens(text, tokens);
  return { signature: signatureOf(words), profile: profileOf(words) };
}

function profileOf(words: string[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const w of words) {
    if (w.length < 2 || /^\d/.test(w)) continue;
    tf.set(w, (tf.get(w) ?? 0) + 1);
  }
  const weighted = [...tf].map(([w, n]): [string, number] => [w, (1 + Math.log(n)) * jiebaIdf(w)]);
  weighted.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const top = weighted.slice(0, PROFILE_TERMS);
  const norm = Math.sqrt(top.reduce((s, [, x]) => s + x * x, 0)) || 1;
  return new Map(top.map(([w, x]) => [w, x / norm]));
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let s = 0;
  for (const [k, x] of a) s += x * (b.get(k) ?? 0);
  return s;
}

export interface CaseDoc {
  text: string;
  /** Pre-computed `segment(text)`. */
  tokens?: Token[];
  /** Pre-computed `minhashSignature(text)`. */
  signature?: number[];
  /** Pre-computed `termProfile(text)`. */
  profile?: Map<string, number>;
}

/** Similarity in [0, 1]: the larger of the MinHash Jaccard estimate (copies, edits) and the cosine of
 * the key-term profiles (re-written accounts of the same case). */
export function nearDuplicateScore(a: CaseDoc, b: CaseDoc): number {
  const ja = jaccardEstimate(a.signature ?? minhashSignature(a.text, a.tokens), b.signature ?? minhashSignature(b.text, b.tokens));
  const co = cosine(a.profile ?? termProfile(a.text, a.tokens), b.profile ?? termProfile(b.text, b.tokens));
  return Math.max(ja, Math.min(1, co));
}

/** Whether two documents describe the same case (score ≥ `threshold`, default NEAR_DUPLICATE_THRESHOLD). */
export function isSameCase(a: CaseDoc, b: CaseDoc, threshold = NEAR_DUPLICATE_THRESHOLD): boolean {
  return nearDuplicateScore(a, b) >= threshold;
}
