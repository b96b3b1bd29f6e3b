// Keyword extraction: single content words and multi-word compounds (社区治理学院, 全人群参与), scored by
// tf-idf with title, position, lexicon and part-of-speech evidence; subsumed keywords are dropped.
import type { Span } from '../domain/analysis.js';
import { jiebaIdf, knownIdf, medianIdf, posOf } from './jieba-data.js';
import { normaliseForIndex } from './normalise.js';
import { docNumberRanges } from './metadata.js';
import { normalisedOnce } from './normalised.js';
import { segment, type Token } from './segment.js';
import { GENERIC_ALONE, STOPWORDS } from './stopwords.js';

/** Document-frequency statistics of the user's own library (see `buildCorpusStats`). */
export interface CorpusStats {
  docCount: number;
  df(term: string): number;
}

export interface KeywordOptions {
  /** Document title: its terms weigh more and compounds in it are always candidates. Default none. */
  title?: string;
  /** How many keywords to return. Default 10. */
  topK?: number;
  /** Library statistics for IDF; default jieba's shipped IDF table. */
  corpus?: CorpusStats;
  /** `segment(text)` when already computed, to avoid segmenting twice. */
  tokens?: Token[];
}

export interface KeywordResult {
  term: string;
  weight: number;
  /** Occurrences in `text`; empty when the keyword occurs only in the title. */
  spans: Span[];
}

/** Scoring knobs, chosen once as general values (not per data set). Exported for experiments only. */
export const KEYWORD_PARAMS = {
  maxParts: 4,
  maxChars: 12,
  titleBoost: 1.5,
  firstSentenceBoost: 0.3,
  lexiconBoost: 0.5,
  compoundBoost: 0,
  verbAlonePenalty: 0.7,
  /** compounds of 3+ tokens must occur this often in the text (not only in the title) */
  longCompoundMinTf: 2,
  /** minimum share of its rarest part's occurrences that a compound must account for */
  minCohesion: 0.5,
  cohesionPower: 1,
  subsume: 'shorter' as 'both' | 'shorter' | 'replace',
  replaceShare: 0.5,
  compoundIdfBonus: 1,
  libraryIdfWeight: 0.5,
  rawTf: true,
  compoundMinTextTf: 0,
  titleOnlyCompound: 1,
  verbFirstCompound: 0.6,
  overlapPenalty: 0.5,
};
const P = KEYWORD_PARAMS;
const DIVERSIFY_POOL = 400;
/** Roughly the largest IDF in jieba's table (log of its corpus size). */
const JIEBA_IDF_SCALE = 14;

const NOUNY = /^(n|nz|nt|ns|nr|nrt|nrfg|vn|an|eng|l|i|j|x|nw|b)$/;
const PART_OK = /^(n\w*|v|vn|vd|a|an|ad|b|l|i|j|x|eng|g|ng|vg|s|z)$/;

/** Per-word facts used by candidate generation, memoised across documents (the vocabulary is bounded). */
interface WordInfo {
  /** may sit inside a keyword */
  part: boolean;
  /** may be a keyword alone */
  alone: boolean;
  /** may end a compound (noun-like) */
  end: boolean;
  /** a single non-Latin character: cannot start a compound */
  single: boolean;
  generic: boolean;
  verb: boolean;
  /** verbs, adverbs, prepositions … make weak compound starts */
  weakStart: boolean;
}
const infoCache = new Map<string, WordInfo>();
const INFO_CACHE_MAX = 300_000;

const NOT_A_PART: WordInfo = { part: false, alone: false, end: false, single: false, generic: false, verb: false, weakStart: false };

function wordInfo(t: Token): WordInfo {
  if (t.kind === 'punct' || t.kind === 'figure') return NOT_A_PART;
  const key = t.kind === 'word' ? t.text : `${t.kind}\u0001${t.text}`;
  let info = infoCache.get(key);
  if (info) return info;
  const pos = posOf(t.text);
  const generic = GENERIC_ALONE.has(t.text);
  let part: boolean;
  if (t.kind === 'lexicon') part = true;
  else if (STOPWORDS.has(t.text)) part = false;
  else if (t.kind === 'latin') part = t.text.length >= 2;
  else if (t.text.length === 1) part = !!pos && /^(n|ng|b|a|vn|j)$/.test(pos);
  else part = pos === undefined || PART_OK.test(pos);
  const special = t.kind === 'lexicon' || t.kind === 'latin';
  const nouny = pos === undefined || NOUNY.test(pos) || pos === 'v';
  info = {
    part,
    alone: part && !generic && (special || (t.text.length >= 2 && nouny)),
    end: part && (special || nouny),
    single: t.text.length === 1 && t.kind !== 'latin',
    generic,
    verb: pos === 'v',
    weakStart: /^(v|d|p|c|ad|vd)$/.test(pos ?? ''),
  };
  if (infoCache.size >= INFO_CACHE_MAX) infoCache.clear();
  infoCache.set(key, info);
  return info;
}

interface Cand {
  term: string;
  parts: number;
  /** tokens and index of one occurrence (parts are read from there) */
  src: Token[];
  at: number;
  tf: number;
  titleTf: number;
  first: number;
  lexicon: boolean;
  verb: boolean;
  startsWithVerb: boolean;
}

/** Calls `each` for every candidate n-gram (1..maxParts adjacent part-eligible tokens). With
 * `titleSrc`, compounds are only generated where they can survive scoring — where the first two tokens
 * occur together at least twice, or the first token occurs in the title — which skips most of the
 * string work in long documents without changing the result. */
function forNgrams(
  src: string,
  tokens: Token[],
  each: (term: string, i: number, n: number, infos: WordInfo[]) => void,
  titleSrc?: string,
): void {
  const infos = tokens.map(wordInfo);
  const keyOf = (i: number): string => {
    const t = tokens[i];
    return t.text.length === t.end - t.start && src.startsWith(t.text, t.start) ? t.text : src.slice(t.start, t.end);
  };
  let pairCount: Map<number, number> | undefined;
  let ids: Int32Array | undefined;
  if (titleSrc !== undefined) {
    const idOf = new Map<string, number>();
    ids = new Int32Array(tokens.length).fill(-1);
    pairCount = new Map();
    for (let i = 0; i < tokens.length; i++) {
      if (!infos[i].part) continue;
      const k = keyOf(i);
      let id = idOf.get(k);
      if (id === undefined) idOf.set(k, (id = idOf.size));
      ids[i] = id;
      if (i > 0 && ids[i - 1] >= 0 && tokens[i].start === tokens[i - 1].end) {
        const pk = ids[i - 1] * 0x100000 + id;
        pairCount.set(pk, (pairCount.get(pk) ?? 0) + 1);
      }
    }
  }
  for (let i = 0; i < tokens.length; i++) {
    if (!infos[i].part) continue;
    const start = tokens[i].start;
    const first = keyOf(i);
    each(first, i, 1, infos);
    if (pairCount && ids && i + 1 < tokens.length && ids[i + 1] >= 0) {
      const together = pairCount.get(ids[i] * 0x100000 + ids[i + 1]) ?? 0;
      if (together < 2 && !titleSrc!.includes(first)) continue;
    }
    for (let n = 2; n <= P.maxParts && i + n <= tokens.length; n++) {
      const k = i + n - 1;
      if (!infos[k].part) break;
      if (tokens[k].start !== tokens[k - 1].end) break; // must be adjacent in the text
      if (tokens[k].end - start > P.maxChars) break;
      // a slice of the source (tokens are adjacent) hashes without flattening a concatenation
      each(src.slice(start, tokens[k].end), i, n, infos);
    }
  }
}

function isAloneCand(tokens: Token[], infos: WordInfo[], i: number, n: number): boolean {
  if (n === 1) return infos[i].alone;
  // a compound must end in a noun-like word and not start with a single character
  const first = infos[i];
  const last = infos[i + n - 1];
  if (first.single) return false;
  if (n === 2 && first.generic && last.generic) return false;
  return last.end;
}

/** Builds library statistics from documents (texts, or texts with their `segment` tokens): document frequency of
 * every word and every compound candidate, so compounds get a real IDF. */
export function buildCorpusStats(docs: Iterable<string | { text: string; tokens: Token[] }>): CorpusStats {
  const counter = new CorpusCounter();
  for (const d of docs) counter.add(typeof d === 'string' ? d : d.text, typeof d === 'string' ? undefined : d.tokens);
  return counter;
}

/** Document frequencies of keyword candidates, counted one document at a time (a growing library). */
export class CorpusCounter implements CorpusStats {
  docCount = 0;
  private readonly counts = new Map<string, number>();

  /** Counts one document; `tokens` are segment(normalised text) when already at hand. */
  add(text: string, tokens?: Token[]): void {
    const norm = normaliseForIndex(text);
    const seen = new Set<string>();
    forNgrams(norm, tokens ?? segment(norm), (term) => seen.add(term));
    for (const t of seen) this.counts.set(t, (this.counts.get(t) ?? 0) + 1);
    this.docCount++;
  }

  df(term: string): number {
    return this.counts.get(term) ?? 0;
  }

  /** A copy for another thread (structured clone keeps the Map); `CorpusCounter.from` reads it back. */
  snapshot(): { docCount: number; counts: Map<string, number> } {
    return { docCount: this.docCount, counts: new Map(this.counts) };
  }

  static from(s: { docCount: number; counts: Map<string, number> }): CorpusCounter {
    const c = new CorpusCounter();
    c.docCount = s.docCount;
    for (const [t, n] of s.counts) c.counts.set(t, n);
    return c;
  }
}

function jiebaIdfOf(term: string, parts: string[]): number {
  if (parts.length === 1) return jiebaIdf(term);
  const known = knownIdf(term);
  if (known !== undefined) return known;
  // A compound unknown to jieba: as specific as its rarest part, a little more.
  return Math.max(...parts.map((p) => jiebaIdf(p)), medianIdf()) + P.compoundIdfBonus;
}

function idfOf(term: string, parts: string[], corpus?: CorpusStats): number {
  const base = jiebaIdfOf(term, parts);
  if (!corpus || corpus.docCount === 0) return base;
  const lib = Math.log((corpus.docCount + 1) / (corpus.df(term) + 1)) + 1;
  // Blend: a small library knows its own vocabulary but has noisy counts for rare words; scale the
  // library IDF to jieba's range (log of a ~1M-document corpus) before mixing.
  const scaled = (lib / (Math.log(corpus.docCount + 1) + 1)) * JIEBA_IDF_SCALE;
  return P.libraryIdfWeight * scaled + (1 - P.libraryIdfWeight) * base;
}

/** Greedy re-ranking of the head of the list: a candidate sharing a word with one already picked
 * counts `overlapPenalty` of its weight, so five keywords cover more than one idea. */
function diversify(list: { term: string; weight: number; parts: string[] }[], head: number): void {
  const picked = new Set<string>();
  for (let i = 0; i < Math.min(head, list.length); i++) {
    let best = i;
    let bestW = -Infinity;
    for (let j = i; j < list.length; j++) {
      const shares = list[j].parts.some((p) => picked.has(p));
      const w = list[j].weight * (shares ? P.overlapPenalty : 1);
      if (w > bestW) {
        bestW = w;
        best = j;
      }
    }
    const [x] = list.splice(best, 1);
    list.splice(i, 0, x);
    for (const p of x.parts) picked.add(p);
  }
}

/** Spans of the chosen keywords: occurrences in the normalised text that start and end on token boundaries. */
function fillSpans(text: string, tokens: Token[], out: KeywordResult[]): void {
  if (!out.length) return;
  // bit 1: a token starts here; bit 2: a token ends here
  const edge = new Uint8Array(text.length + 1);
  for (const t of tokens) {
    edge[t.start] |= 1;
    edge[t.end] |= 2;
  }
  for (const k of out) {
    for (let at = text.indexOf(k.term); at >= 0; at = text.indexOf(k.term, at + 1)) {
      if (edge[at] & 1 && edge[at + k.term.length] & 2) k.spans.push({ start: at, end: at + k.term.length });
    }
  }
}

/** Ranked keywords of `text`, with their spans in `text`. Deterministic. */
export function extractKeywords(text: string, opts: KeywordOptions = {}): KeywordResult[] {
  const topK = opts.topK ?? 10;
  // Candidates are keyed by their normalised form (繁/简, width and case differences merge); tokens may
  // come from the raw or the normalised text: offsets are the same.
  const norm = normalisedOnce(text);
  const tokens = opts.tokens ?? segment(norm);
  const title = opts.title ?? '';
  const titleNorm = normaliseForIndex(title);
  const titleTokens = title ? segment(titleNorm) : [];
  const firstSentenceEnd = (() => {
    const m = /[。！？!?]/.exec(text);
    return m ? m.index : Math.min(text.length, 80);
  })();

  const cands = new Map<string, Cand>();
  const titleTerms = new Set<string>();
  // 文号 (京政办发〔2021〕7号) are references, not topics: 政办发 and 国办发 were keywords.
  const numbers = docNumberRanges(norm);
  const inNumber = (at: number) => numbers.some(([s, e]) => at >= s && at < e);
  const collect = (src: string, toks: Token[], inTitle: boolean) =>
    forNgrams(
      src,
      toks,
      (term, i, n, infos) => {
      if (inTitle) titleTerms.add(term);
      if (!inTitle && numbers.length && inNumber(toks[i].start)) return;
      if (!isAloneCand(toks, infos, i, n)) return;
      let c = cands.get(term);
      if (!c) {
        c = {
          term,
          parts: n,
          src: toks,
          at: i,
          tf: 0,
          titleTf: 0,
          first: Infinity,
          lexicon: n === 1 && toks[i].kind === 'lexicon' && term.length >= 3,
          verb: n === 1 && infos[i].verb,
          startsWithVerb: infos[i].weakStart,
        };
        cands.set(term, c);
      }
      if (inTitle) {
        c.titleTf++;
        return;
      }
      c.tf++;
      if (c.first === Infinity) c.first = toks[i].start;
      },
      inTitle ? undefined : titleNorm,
    );
  collect(norm, tokens, false);
  collect(titleNorm, titleTokens, true);

  const wordCount = new Map<string, number>();
  for (const toks of [tokens, titleTokens]) for (const t of toks) wordCount.set(t.text, (wordCount.get(t.text) ?? 0) + 1);

  const scored: (KeywordResult & { parts: string[]; tf: number })[] = [];
  const score = (c: Cand, inTitle: boolean): void => {
    const partsText = c.parts === 1 ? [c.term] : c.src.slice(c.at, c.at + c.parts).map((t) => t.text);
    let cohesion = 1;
    if (c.parts > 1) {
      const rarest = Math.min(...partsText.map((p) => wordCount.get(p) ?? 1));
      cohesion = (c.tf + c.titleTf) / rarest;
      if (cohesion < P.minCohesion) return;
    }
    const tf = c.tf + (inTitle ? 1 : 0);
    let w = (P.rawTf ? tf : Math.log1p(tf)) * idfOf(c.term, partsText, opts.corpus);
    if (inTitle) w *= 1 + P.titleBoost;
    if (c.first <= firstSentenceEnd) w *= 1 + P.firstSentenceBoost;
    if (c.lexicon) w *= 1 + P.lexiconBoost;
    if (c.parts > 1 && c.tf === 0) w *= P.titleOnlyCompound;
    if (c.parts > 1 && c.startsWithVerb) w *= P.verbFirstCompound;
    if (c.parts > 1) w *= (1 + P.compoundBoost * (c.parts - 1)) * Math.pow(Math.min(1, cohesion), P.cohesionPower);
    if (c.verb) w *= P.verbAlonePenalty;
    scored.push({ term: c.term, weight: w, spans: [], parts: partsText, tf: c.tf });
  };
  // Words seen once and not in the title are scored only if they could still reach the head of the
  // list: in long documents that skips most of the vocabulary without changing the result.
  const once: Cand[] = [];
  for (const c of cands.values()) {
    const inTitle = c.titleTf > 0 || titleTerms.has(c.term);
    // compounds must recur or appear in the title; single words must occur at least once
    if (c.parts > 1 && !inTitle && c.tf < 2) continue;
    if (c.parts > 2 && c.tf < P.longCompoundMinTf) continue;
    if (c.parts > 1 && c.tf < P.compoundMinTextTf) continue;
    if (c.tf <= 1 && !inTitle) once.push(c);
    else score(c, inTitle);
  }
  const head = topK * 3;
  let bar = -Infinity;
  if (scored.length >= head) bar = scored.map((k) => k.weight).sort((a, b) => b - a)[head - 1];
  const maxIdf = JIEBA_IDF_SCALE + P.compoundIdfBonus;
  for (const c of once) {
    const tf1 = P.rawTf ? 1 : Math.log1p(1);
    const bound = tf1 * maxIdf * (1 + P.firstSentenceBoost) * (1 + P.lexiconBoost) * (1 + P.compoundBoost * 3);
    if (bound >= bar) score(c, false);
  }
  scored.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  // only the head can reach the top K after re-ranking
  if (scored.length > DIVERSIFY_POOL) scored.length = DIVERSIFY_POOL;
  if (P.overlapPenalty < 1) diversify(scored, topK * 2);

  // A keyword contained in a higher-ranked one is dropped; a compound that contains a higher-ranked
  // word and accounts for most of its occurrences replaces it (水运 → 水运工程项目).
  const out: (KeywordResult & { tf: number })[] = [];
  for (const k of scored) {
    if (out.length >= topK) break;
    const tf = k.tf;
    if (out.some((o) => o.term.includes(k.term))) continue;
    const inner = out.findIndex((o) => k.term.includes(o.term));
    if (inner >= 0) {
      if (P.subsume === 'replace' && tf + 1 >= P.replaceShare * (out[inner].tf + 1)) {
        out[inner] = { ...k, weight: out[inner].weight, tf };
        // the replacement may now contain other chosen words too
        for (let i = out.length - 1; i >= 0; i--) if (i !== inner && k.term.includes(out[i].term)) out.splice(i, 1);
      } else if (P.subsume !== 'shorter') continue;
      else out.push({ ...k, tf });
      continue;
    }
    out.push({ ...k, tf });
  }
  fillSpans(norm, tokens, out);
  // Show each keyword as written at its first occurrence (in the text, else in the title).
  for (const k of out) {
    const sp = k.spans[0];
    if (sp) k.term = text.slice(sp.start, sp.end);
    else {
      const at = titleNorm.indexOf(k.term);
      if (at >= 0) k.term = title.slice(at, at + k.term.length);
    }
  }
  const max = out[0]?.weight || 1;
  return out.map((k) => ({ term: k.term, weight: Math.round((k.weight / max) * 1000) / 1000, spans: k.spans }));
}

