// Extractive summary: sentences scored by similarity to the document's tf-idf centroid, a position prior,
// title overlap and a length prior. `oneLine` is the best single sentence without its leading marker.
import type { Span } from '../domain/analysis.js';
import { jiebaIdf } from './jieba-data.js';
import { splitSentences, stripMarker, type Sentence } from './sentences.js';
import { segment, type Token } from './segment.js';
import { STOPWORDS } from './stopwords.js';

export interface SummaryOptions {
  /** Number of summary sentences. Default 3. */
  sentences?: number;
  /** Title: sentences sharing its words score higher. Default none. */
  title?: string;
  /** `segment(text)` when already computed. */
  tokens?: Token[];
  /** `splitSentences(text)` when already computed. */
  sentenceList?: Sentence[];
}

export interface SummaryItem {
  text: string;
  spans: Span[];
}

/** Scoring weights, general values chosen once. Exported for experiments only. */
export const SUMMARY_WEIGHTS = {
  centroid: 1,
  /** bonus for the first sentence, decaying with position */
  position: 1,
  positionDecay: 0.5,
  title: 0.5,
  /** sentences shorter than this (characters) are penalised; longer than `longChars` too */
  shortChars: 12,
  longChars: 40,
  /** sentences that only introduce a list (以下是…：) or carry boilerplate get this factor */
  introPenalty: 0.3,
  /** a one-line summary longer than this is cut to its most central run of clauses */
  oneLineMaxChars: 40,
};

/** A sparse tf-idf vector over a document's term ids, entries in first-occurrence order (sums below run
 * in that order, so scores are bit-identical to the Map-based version they replace). */
interface Vec {
  ids: number[];
  ws: number[];
}

/** Per-document term ids: each distinct token text is looked up (stopword, IDF) once. */
class Terms {
  readonly idOf = new Map<string, number>();
  readonly idf: number[] = [];
  /** 1 content word, 0 not content (by text alone; single characters decide per token) */
  readonly stop: boolean[] = [];
  readonly words: string[] = [];

  id(text: string): number {
    let id = this.idOf.get(text);
    if (id === undefined) {
      id = this.words.length;
      this.idOf.set(text, id);
      this.words.push(text);
      this.stop.push(STOPWORDS.has(text));
      this.idf.push(NaN);
    }
    return id;
  }

  idfOf(id: number): number {
    let x = this.idf[id];
    if (x !== x) this.idf[id] = x = jiebaIdf(this.words[id]);
    return x;
  }
}

function vecNorm(v: Vec): number {
  let s = 0;
  for (const x of v.ws) s += x * x;
  return Math.sqrt(s);
}

/** A vector with a dense lookup (id → weight, 0 when absent) for dot products. */
interface DenseVec extends Vec {
  dense: Float64Array;
}

function densify(v: Vec, size: number): DenseVec {
  const dense = new Float64Array(size);
  for (let i = 0; i < v.ids.length; i++) dense[v.ids[i]] = v.ws[i];
  return { ...v, dense };
}

/** dot(a, b) iterating the smaller vector in its own order, as the Map version did (b wins ties). */
function dotDense(a: Vec, b: DenseVec, scratch: Float64Array): number {
  let s = 0;
  if (a.ids.length < b.ids.length) {
    for (let i = 0; i < a.ids.length; i++) {
      const y = b.dense[a.ids[i]];
      if (y) s += a.ws[i] * y;
    }
    return s;
  }
  for (let i = 0; i < a.ids.length; i++) scratch[a.ids[i]] = a.ws[i];
  for (let i = 0; i < b.ids.length; i++) {
    const y = scratch[b.ids[i]];
    if (y) s += b.ws[i] * y;
  }
  for (let i = 0; i < a.ids.length; i++) scratch[a.ids[i]] = 0;
  return s;
}

/** Per-sentence tf-idf vectors (tokens assigned to sentences by offset). */
function sentenceVectors(sentences: Sentence[], tokens: Token[], terms: Terms): Vec[] {
  const vecs: Vec[] = sentences.map(() => ({ ids: [], ws: [] }));
  // slot[id]: index of the id in the sentence's vector, valid when stamp[id] is that sentence's number + 1
  const cap = terms.words.length + tokens.length;
  const slot = new Int32Array(cap);
  const stamp = new Int32Array(cap);
  let si = 0;
  for (const t of tokens) {
    while (si < sentences.length && sentences[si].end <= t.start) si++;
    if (si >= sentences.length) break;
    if (t.start < sentences[si].start || t.kind === 'punct' || t.kind === 'figure') continue;
    const id = terms.id(t.text);
    if (terms.stop[id] || (t.text.length < 2 && t.kind !== 'latin')) continue;
    const v = vecs[si];
    if (stamp[id] !== si + 1) {
      stamp[id] = si + 1;
      slot[id] = v.ids.length;
      v.ids.push(id);
      v.ws.push(0 + terms.idfOf(id));
    } else v.ws[slot[id]] += terms.idfOf(id);
  }
  return vecs;
}

const RE_INTRO = /^(以下是|以下为|主要(内容|亮点|做法)|亮点包括|具体(如下|包括)|.{0,12}(如下|包括)[：:]$)|[：:]$/;

interface Scored {
  sentences: Sentence[];
  scores: number[];
  centroid: Map<string, number>;
  tokens: Token[];
}
interface ScoredInternal extends Scored {
  terms: Terms;
  centroidVec: DenseVec;
  cn: number;
}

// analyze() scores the same sentences twice (summary, then highlights); the last result is reused
// when text, sentence list, tokens and title are the very same.
let last: { text: string; sentences?: Sentence[]; tokens?: Token[]; title?: string; out: ScoredInternal } | undefined;

/** Scores every sentence; higher is more central. Exported for highlights. */
export function scoreSentences(text: string, opts: SummaryOptions = {}): Scored {
  const { terms: _t, centroidVec: _c, cn: _n, ...out } = scoreInternal(text, opts);
  return out;
}

function scoreInternal(text: string, opts: SummaryOptions): ScoredInternal {
  if (last && opts.sentenceList && opts.tokens && last.text === text && last.sentences === opts.sentenceList && last.tokens === opts.tokens && last.title === opts.title)
    return last.out;
  const sentences = opts.sentenceList ?? splitSentences(text);
  const tokens = opts.tokens ?? segment(text);
  const terms = new Terms();
  const vecs = sentenceVectors(sentences, tokens, terms);
  const cIds: number[] = [];
  const cWs: number[] = [];
  const cAt = new Map<number, number>();
  for (const v of vecs)
    for (let i = 0; i < v.ids.length; i++) {
      const at = cAt.get(v.ids[i]);
      if (at === undefined) {
        cAt.set(v.ids[i], cIds.length);
        cIds.push(v.ids[i]);
        cWs.push(0 + v.ws[i]);
      } else cWs[at] += v.ws[i];
    }
  let titleVec: Vec | undefined;
  if (opts.title) {
    const tt = segment(opts.title);
    titleVec = sentenceVectors([{ text: opts.title, start: 0, end: opts.title.length, index: 0, paragraph: 0 }], tt, terms)[0];
  }
  const size = terms.words.length;
  const centroidVec = densify({ ids: cIds, ws: cWs }, size);
  const cn = vecNorm(centroidVec) || 1;
  const titleDense = titleVec && titleVec.ids.length ? densify(titleVec, size) : undefined;
  const tn = titleDense ? vecNorm(titleDense) || 1 : 1;
  const scratch = new Float64Array(size);
  const scores = sentences.map((s, i) => {
    const v = vecs[i];
    const n = vecNorm(v);
    if (!n) return 0;
    let score = SUMMARY_WEIGHTS.centroid * (dotDense(v, centroidVec, scratch) / (n * cn));
    score += SUMMARY_WEIGHTS.position * Math.pow(SUMMARY_WEIGHTS.positionDecay, i);
    if (titleDense) score += SUMMARY_WEIGHTS.title * (dotDense(v, titleDense, scratch) / (n * tn));
    const len = stripMarker(s.text).length;
    if (len < SUMMARY_WEIGHTS.shortChars) score *= len / SUMMARY_WEIGHTS.shortChars;
    if (len > SUMMARY_WEIGHTS.longChars) score *= SUMMARY_WEIGHTS.longChars / len;
    if (RE_INTRO.test(s.text)) score *= SUMMARY_WEIGHTS.introPenalty;
    return score;
  });
  const centroid = new Map<string, number>();
  for (let i = 0; i < cIds.length; i++) centroid.set(terms.words[cIds[i]], cWs[i]);
  const out: ScoredInternal = { sentences, scores, centroid, tokens, terms, centroidVec, cn };
  last = { text, sentences: opts.sentenceList, tokens: opts.tokens, title: opts.title, out };
  return out;
}

/** The sentence's span without its leading enumeration marker and markdown emphasis. */
function itemOf(text: string, s: Sentence): SummaryItem {
  const core = stripMarker(s.text);
  const offset = Math.max(0, s.text.indexOf(core));
  const start = s.start + offset;
  return { text: core.replace(/\*\*/g, ''), spans: [{ start, end: start + core.length }] };
}

/** Cuts an over-long item to the run of clauses (split at ，；：) most similar to the centroid. */
function trimToClauses(text: string, item: SummaryItem, sc0: ScoredInternal): SummaryItem {
  const max = SUMMARY_WEIGHTS.oneLineMaxChars;
  const span = item.spans[0];
  if (!span || span.end - span.start <= max) return item;
  const clauses: Sentence[] = [];
  const re = /[^，,；;：:]+[，,；;：:]?/gu;
  const body = text.slice(span.start, span.end);
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const start = span.start + m.index;
    clauses.push({ text: m[0], start, end: start + m[0].length, index: clauses.length, paragraph: 0 });
  }
  if (clauses.length < 2) return item;
  const inSpan = sc0.tokens.filter((t) => t.start >= span.start && t.end <= span.end);
  const vecs = sentenceVectors(clauses, inSpan, sc0.terms);
  const scratch = new Float64Array(sc0.terms.words.length);
  const sc = vecs.map((v) => {
    const n = vecNorm(v);
    return n ? dotDense(v, sc0.centroidVec, scratch) / (n * sc0.cn) : 0;
  });
  let best: [number, number] = [0, 0];
  let bestScore = -1;
  for (let i = 0; i < clauses.length; i++) {
    let sum = 0;
    for (let j = i; j < clauses.length && clauses[j].end - clauses[i].start <= max; j++) {
      sum += sc[j];
      // prefer earlier clauses slightly: they carry the sentence's subject
      const score = sum / Math.sqrt(j - i + 1) - 0.01 * i;
      if (score > bestScore) {
        bestScore = score;
        best = [i, j];
      }
    }
  }
  const start = clauses[best[0]].start;
  let end = clauses[best[1]].end;
  while (end > start && /[，,；;：:\s]/.test(text[end - 1])) end--;
  return { text: text.slice(start, end).replace(/\*\*/g, ''), spans: [{ start, end }] };
}

/** Extractive summary: the best single sentence (cut to one line) and the top `sentences` sentences in
 * document order. */
export function summarise(text: string, opts: SummaryOptions = {}): { oneLine: SummaryItem; summary: SummaryItem[] } {
  const scored = scoreInternal(text, opts);
  const { sentences, scores } = scored;
  if (!sentences.length) return { oneLine: { text: '', spans: [] }, summary: [] };
  const order = sentences.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  const k = Math.max(1, opts.sentences ?? 3);
  const top = order.slice(0, k).sort((a, b) => a - b);
  return {
    oneLine: trimToClauses(text, itemOf(text, sentences[order[0]]), scored),
    summary: top.map((i) => itemOf(text, sentences[i])),
  };
}
