// Multi-label theme classification: rule scores from weighted indicator terms (taxonomy.ts), plus a
// mistake-driven perceptron per theme learned from user corrections (as Paperless-ngx learns tags). The
// learned part is damped until a theme has MIN_EXAMPLES corrections, so rules dominate at first.
import type { Span, Theme } from '../../domain/analysis.js';
import { Trie } from '../entities/trie.js';
import { jiebaIdf } from '../jieba-data.js';
import { normaliseForIndex } from '../normalise.js';
import { segment, type Token } from '../segment.js';
import { STOPWORDS } from '../stopwords.js';
import { findTheme, TAXONOMY } from './taxonomy.js';

/** A theme is reported when its combined score reaches this. */
export const THEME_THRESHOLD = 0.3;
/** Themes scoring below this share of the document's best theme are left out (default 0.5). */
export const THEME_RELATIVE = 0.5;
/** Corrections a theme needs before the learned part counts fully (below: scaled by n / MIN_EXAMPLES). */
export const MIN_EXAMPLES = 3;
/** Rule score = 1 − exp(−raw / (SCALE · lengthFactor)): one strong term in a short text ≈ 0.4. */
const SCALE = 6;
const LEARNING_RATE = 0.5;
/** Updates happen while the training document is within this margin of the wrong side. */
const MARGIN = 0.2;
const MAX_FEATURES = 3000;
const EVIDENCE = 3;
const MAX_SPANS = 30;

/** Plain JSON, so a store can persist it. */
export interface ThemeModelState {
  version: 1;
  /** Documents learned from. */
  docs: number;
  themes: Record<string, { examples: number; weights: Record<string, number> }>;
}

export interface SentenceLike {
  text: string;
  start: number;
  end: number;
}

let termTrie: Trie<[number, number][]> | undefined;
function indicatorTrie(): Trie<[number, number][]> {
  if (termTrie) return termTrie;
  const t = new Trie<[number, number][]>();
  TAXONOMY.forEach((d, i) => {
    for (const [term, w] of Object.entries(d.terms)) t.add(normaliseForIndex(term), [[i, w]], (a, b) => [...a, ...b]);
  });
  termTrie = t;
  return t;
}

function fallbackSentences(text: string): SentenceLike[] {
  const out: SentenceLike[] = [];
  const re = /[^。！？!?\n]+[。！？!?]*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

interface RuleResult {
  score: number;
  perSentence: Map<number, number>;
  spans: Span[];
}

const THEME_INDEX = new Map(TAXONOMY.map((d, i) => [d.name, i]));
const SORTED_NAMES = [...THEME_INDEX.keys()].sort();

/** Rule scores per taxonomy theme (index-aligned with TAXONOMY). */
export function ruleScores(norm: string, sentences: SentenceLike[]): RuleResult[] {
  const res: RuleResult[] = TAXONOMY.map(() => ({ score: 0, perSentence: new Map(), spans: [] }));
  // Occurrences per indicator term; each term's trie value is its own array, so it serves as the key.
  const termCounts = new Map<[number, number][], number>();
  let si = 0;
  for (const m of indicatorTrie().scan(norm)) {
    while (si < sentences.length - 1 && sentences[si].end <= m.start) si++;
    termCounts.set(m.value, (termCounts.get(m.value) ?? 0) + 1);
    for (const [ti, w] of m.value) {
      const r = res[ti];
      r.perSentence.set(si, (r.perSentence.get(si) ?? 0) + w);
      if (r.spans.length < MAX_SPANS) r.spans.push({ start: m.start, end: m.end });
    }
  }
  const raw = new Float64Array(TAXONOMY.length);
  for (const [themes, n] of termCounts) for (const [ti, w] of themes) raw[ti] += w * (1 + Math.log(n));
  const lengthFactor = Math.max(1, Math.sqrt(norm.length / 500));
  res.forEach((r, ti) => {
    r.score = raw[ti] > 0 ? 1 - Math.exp(-raw[ti] / (SCALE * lengthFactor)) : 0;
  });
  return res;
}

/** Sublinear TF × jieba IDF over content tokens, L2-normalised. */
function features(norm: string, tokens: Token[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of tokens) {
    if (t.kind !== 'word' && t.kind !== 'lexicon') continue;
    const w = norm.slice(t.start, t.end);
    if (w.length < 2 || STOPWORDS.has(w)) continue;
    tf.set(w, (tf.get(w) ?? 0) + 1);
  }
  let norm2 = 0;
  for (const [w, n] of tf) {
    const v = (1 + Math.log(n)) * jiebaIdf(w);
    tf.set(w, v);
    norm2 += v * v;
  }
  const len = Math.sqrt(norm2) || 1;
  for (const [w, v] of tf) tf.set(w, v / len);
  return tf;
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

export class ThemeClassifier {
  private readonly state: ThemeModelState;

  constructor(state?: ThemeModelState) {
    this.state = state ? structuredClone(state) : { version: 1, docs: 0, themes: {} };
  }

  private learned(name: string, x: Map<string, number>): number {
    const th = this.state.themes[name];
    if (!th) return 0;
    let dot = 0;
    for (const [f, v] of x) dot += (th.weights[f] ?? 0) * v;
    return Math.min(1, th.examples / MIN_EXAMPLES) * dot;
  }

  private scores(norm: string, sentences: SentenceLike[], tokens: Token[] | (() => Token[])) {
    const rules = ruleScores(norm, sentences);
    // Features cost a pass over the tokens; an untrained model (the default) does not need them.
    const trained = Object.keys(this.state.themes).length > 0;
    const x = trained ? features(norm, typeof tokens === 'function' ? tokens() : tokens) : new Map<string, number>();
    const names = trained ? [...new Set([...THEME_INDEX.keys(), ...Object.keys(this.state.themes)])].sort() : SORTED_NAMES;
    return { rules, x, combined: new Map(names.map((n) => {
      const ti = THEME_INDEX.get(n);
      const rule = ti !== undefined ? rules[ti].score : 0;
      return [n, Math.max(0, Math.min(1, rule + this.learned(n, x)))];
    })) };
  }

  /** Themes whose combined score reaches THEME_THRESHOLD and half the best score, best first, with up to 3 evidence sentences. */
  classify(text: string, sentences?: SentenceLike[], tokens?: Token[], norm: string = normaliseForIndex(text)): Theme[] {
    const sents = sentences ?? fallbackSentences(text);
    const { rules, x, combined } = this.scores(norm, sents, tokens ?? (() => segment(norm)));
    const out: Theme[] = [];
    // A theme far weaker than the document's main one is a passing mention (数据库 in a report on
    // participation is not 数字治理): kept only within THEME_RELATIVE of the best score.
    const floor = Math.max(THEME_THRESHOLD, THEME_RELATIVE * Math.max(0, ...combined.values()));
    for (const [name, score] of combined) {
      if (score < floor) continue;
      const ti = THEME_INDEX.get(name) ?? -1;
      let ranked: [number, number][];
      if (ti >= 0 && rules[ti].perSentence.size) ranked = [...rules[ti].perSentence];
      else ranked = sents.map((s, i) => [i, this.sentenceAffinity(name, norm.slice(s.start, s.end), x)]);
      ranked.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      const evidence = ranked.slice(0, EVIDENCE).filter(([, v]) => v > 0).sort((a, b) => a[0] - b[0])
        .map(([i]) => ({ text: sents[i].text, spans: [{ start: sents[i].start, end: sents[i].end }] }));
      const spans = ti >= 0 ? rules[ti].spans : evidence.flatMap((e) => e.spans);
      out.push({ name, score: round(score), evidence, spans });
    }
    return out.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  }

  private sentenceAffinity(name: string, sentence: string, x: Map<string, number>): number {
    const w = this.state.themes[name]?.weights ?? {};
    let s = 0;
    for (const f of x.keys()) if (sentence.includes(f)) s += Math.max(0, w[f] ?? 0);
    return s;
  }

  /**
   * Learns from a user's correction: `correctThemes` is the full, correct list for `text` (canonical
   * names or aliases; unknown names become user themes). Themes wrongly present or missing are nudged.
   */
  learn(text: string, correctThemes: string[]): void {
    const norm = normaliseForIndex(text);
    const tokens = segment(norm);
    const wanted = new Set(correctThemes.map((n) => findTheme(n)?.name ?? n.trim()).filter(Boolean));
    for (const n of wanted) this.state.themes[n] ??= { examples: 0, weights: {} };
    const { x, combined } = this.scores(norm, fallbackSentences(text), tokens);
    for (const name of new Set([...combined.keys(), ...wanted])) {
      const score = combined.get(name) ?? 0;
      const positive = wanted.has(name);
      const wrong = positive ? score < THEME_THRESHOLD + MARGIN : score > THEME_THRESHOLD - MARGIN;
      if (!wrong) {
        if (positive) this.state.themes[name].examples++;
        continue;
      }
      const th = (this.state.themes[name] ??= { examples: 0, weights: {} });
      th.examples++;
      const sign = positive ? 1 : -1;
      for (const [f, v] of x) th.weights[f] = round((th.weights[f] ?? 0) + sign * LEARNING_RATE * v);
      this.prune(th.weights);
    }
    this.state.docs++;
  }

  private prune(weights: Record<string, number>): void {
    const entries = Object.entries(weights);
    for (const [f, v] of entries) if (v === 0) delete weights[f];
    if (entries.length <= MAX_FEATURES) return;
    entries.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || a[0].localeCompare(b[0]));
    for (const [f] of entries.slice(MAX_FEATURES)) delete weights[f];
  }

  toJSON(): ThemeModelState {
    return structuredClone(this.state);
  }
}
