// Extractive summary: sentences scored by similarity to the document's tf-idf centroid, a position prior,
// title overlap and a length prior. `oneLine` is the best single sentence without its leading marker.
import type { Span } from '../domain/analysis.js';
import { jiebaIdf } from './jieba-data.js';
import { isHeadingOrMeta, splitSentences, stripMarker, type Sentence } from './sentences.js';
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

function isContent(t: Token): boolean {
  if (t.kind === 'punct' || t.kind === 'figure') return false;
  if (STOPWORDS.has(t.text)) return false;
  return t.text.length >= 2 || t.kind === 'latin';
}

type Vec = Map<string, number>;

function norm(v: Vec): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

function dot(a: Vec, b: Vec): number {
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, x] of small) {
    const y = big.get(k);
    if (y) s += x * y;
  }
  return s;
}

/** Per-sentence tf-idf vectors (tokens assigned to sentences by offset). */
function sentenceVectors(sentences: Sentence[], tokens: Token[]): Vec[] {
  const vecs: Vec[] = sentences.map(() => new Map());
  let si = 0;
  for (const t of tokens) {
    while (si < sentences.length && sentences[si].end <= t.start) si++;
    if (si >= sentences.length) break;
    if (t.start < sentences[si].start || !isContent(t)) continue;
    const v = vecs[si];
    v.set(t.text, (v.get(t.text) ?? 0) + jiebaIdf(t.text));
  }
  return vecs;
}

const RE_INTRO = /^(以下是|以下为|主要(内容|亮点|做法)|亮点包括|具体(如下|包括)|.{0,12}(如下|包括)[：:]$)|[：:]$/;

type Scored = { sentences: Sentence[]; scores: number[]; centroid: Map<string, number>; tokens: Token[] };

// analyze() scores the same sentences twice (summary, then highlights without a title); the last
// result is reused when text, sentence list, tokens and title are the very same objects.
let last: { text: string; sentences: Sentence[]; tokens: Token[]; title?: string; out: Scored } | undefined;

/** Scores every sentence; higher is more central. Exported for highlights. */
export function scoreSentences(text: string, opts: SummaryOptions = {}): Scored {
  const { sentenceList, tokens, title } = opts;
  if (last && sentenceList && tokens && last.text === text && last.sentences === sentenceList && last.tokens === tokens && last.title === title)
    return last.out;
  const out = scoreUncached(text, opts);
  if (sentenceList && tokens) last = { text, sentences: sentenceList, tokens, title, out };
  return out;
}

function scoreUncached(text: string, opts: SummaryOptions): Scored {
  const sentences = opts.sentenceList ?? splitSentences(text);
  const tokens = opts.tokens ?? segment(text);
  const vecs = sentenceVectors(sentences, tokens);
  const centroid: Vec = new Map();
  for (const v of vecs) for (const [k, x] of v) centroid.set(k, (centroid.get(k) ?? 0) + x);
  const cn = norm(centroid) || 1;
  let titleVec: Vec | undefined;
  if (opts.title) {
    const tt = segment(opts.title);
    titleVec = sentenceVectors([{ text: opts.title, start: 0, end: opts.title.length, index: 0, paragraph: 0 }], tt)[0];
  }
  const scores = sentences.map((s, i) => {
    const v = vecs[i];
    const n = norm(v);
    if (!n) return 0;
    let score = SUMMARY_WEIGHTS.centroid * (dot(v, centroid) / (n * cn));
    score += SUMMARY_WEIGHTS.position * Math.pow(SUMMARY_WEIGHTS.positionDecay, i);
    if (titleVec && titleVec.size) score += SUMMARY_WEIGHTS.title * (dot(v, titleVec) / (n * (norm(titleVec) || 1)));
    const len = stripMarker(s.text).length;
    if (len < SUMMARY_WEIGHTS.shortChars) score *= len / SUMMARY_WEIGHTS.shortChars;
    if (len > SUMMARY_WEIGHTS.longChars) score *= SUMMARY_WEIGHTS.longChars / len;
    if (RE_INTRO.test(s.text)) score *= SUMMARY_WEIGHTS.introPenalty;
    return score;
  });
  return { sentences, scores, centroid, tokens };
}

/** The sentence's span without its leading enumeration marker and markdown emphasis. */
function itemOf(text: string, s: Sentence): SummaryItem {
  const core = stripMarker(s.text);
  const offset = Math.max(0, s.text.indexOf(core));
  const start = s.start + offset;
  return { text: core.replace(/\*\*/g, ''), spans: [{ start, end: start + core.length }] };
}

/** Cuts an over-long item to the run of clauses (split at ，；：) most similar to the centroid. */
function trimToClauses(text: string, item: SummaryItem, tokens: Token[], centroid: Map<string, number>): SummaryItem {
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
  const inSpan = tokens.filter((t) => t.start >= span.start && t.end <= span.end);
  const vecs = sentenceVectors(clauses, inSpan);
  const cn = norm(centroid) || 1;
  const sc = vecs.map((v) => (norm(v) ? dot(v, centroid) / (norm(v) * cn) : 0));
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
  const { sentences, scores, centroid, tokens } = scoreSentences(text, opts);
  if (!sentences.length) return { oneLine: { text: '', spans: [] }, summary: [] };
  // Headings and metadata lines are structure, not content — unless the text has nothing else.
  const content = sentences.map((_, i) => i).filter((i) => !isHeadingOrMeta(text, sentences[i]));
  const order = (content.length ? content : sentences.map((_, i) => i)).sort((a, b) => scores[b] - scores[a] || a - b);
  const k = Math.max(1, opts.sentences ?? 3);
  const top = order.slice(0, k).sort((a, b) => a - b);
  return {
    oneLine: trimToClauses(text, itemOf(text, sentences[order[0]]), tokens, centroid),
    summary: top.map((i) => itemOf(text, sentences[i])),
  };
}
