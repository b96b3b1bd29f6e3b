// Word segmentation: @node-rs/jieba (precise or search mode) with the governance lexicon merged in, and
// figures (93.6万, 20-35岁, 3.5%) protected from jieba so they stay whole. Offsets are found by scanning.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { addEntry, allEntries, allSurfaceForms, type LexiconEntry, type LexiconKind } from './lexicon/lexicon.js';

export type { LexiconEntry, LexiconKind } from './lexicon/lexicon.js';

export type TokenKind = 'word' | 'lexicon' | 'figure' | 'latin' | 'punct';
export interface Token {
  text: string;
  start: number;
  end: number;
  kind: TokenKind;
}

const NUM = String.raw`\d+(?:[,，]\d{3})*(?:\.\d+)?`;
const CN_MULT = '[十百千万亿]{0,2}';
// Longest first so 万元 wins over 万, 个百分点 over 个.
const UNITS = [
  '个百分点', '平方公里', '平方米', '公顷', '人次', '户次', '件次', '万元', '亿元', '千元', '小时', '分钟', '季度',
  '公里', '千米', '周岁', '年度', '号线', '余人', '多人', '余户', '余家', '余件', '余个', '余项', '余名', '多个', '多家',
  '%', '％', '‰', '℃', 'km', 'kg', 'GB', 'MB', 'm²', '岁', '天', '日', '年', '月', '周', '时', '分', '秒', '个', '人', '名',
  '户', '家', '次', '件', '项', '元', '米', '吨', '亩', '倍', '份', '条', '所', '座', '栋', '幢', '辆', '台', '套', '张',
  '篇', '批', '期', '届', '位', '支', '处', '间', '类', '级', '号', '层', '册', '场', '轮', '点', '余', '多',
].map((u) => u.replace(/[%‰]/g, '\\$&'));
const UNIT = `(?:${UNITS.join('|')})`;
/** A figure: optional 第, a number (thousands separators, decimals), an optional range, Chinese
 * multipliers and a unit. Dates and clock times are figures too. */
export const FIGURE_RE = new RegExp(
  [
    String.raw`\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?`,
    String.raw`\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?`,
    `第?${NUM}(?:\\s?[-~～—–至到]\\s?${NUM})?${CN_MULT}${UNIT}?`,
  ].join('|'),
  'g',
);

const RE_PUNCT = /^[\p{P}\p{S}]+$/u;
const RE_LATIN = /^[A-Za-z\uFF21-\uFF3A\uFF41-\uFF5A]/;
const RE_DIGIT = /^[\d\uFF10-\uFF19]/;
const RE_SPACE = /^\s+$/u;
const RE_JIEBA_SAFE = /^[\p{L}\p{N}]+$/u;

let jieba: Jieba | undefined;
let surface: Map<string, LexiconKind> | undefined;

function jiebaFreq(kind: LexiconKind): string {
  return kind === 'actor' || kind === 'group' ? 'nt' : 'nz';
}

/** Loads lexicon terms jieba does not already keep whole. Terms jieba already knows keep their own
 * frequency, so common words (民生, 社区) do not start swallowing their neighbours. */
function loadTerms(j: Jieba, terms: Iterable<[string, LexiconKind]>): void {
  const lines: string[] = [];
  for (const [t, kind] of terms) {
    if (!RE_JIEBA_SAFE.test(t) || t.length < 2) continue;
    if (j.cut(t, false).length === 1) continue;
    lines.push(`${t} ${Math.max(3000, 1000 * t.length)} ${jiebaFreq(kind)}`);
  }
  if (lines.length) j.loadDict(Buffer.from(lines.join('\n') + '\n'));
}

/** The shared Jieba instance (created on first use: ~150 ms), with the governance lexicon loaded. */
export function getJieba(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    surface = allSurfaceForms();
    loadTerms(jieba, surface);
  }
  return jieba;
}

function lexiconSurface(): Map<string, LexiconKind> {
  getJieba();
  return surface!;
}

/** Adds user terms to the lexicon and to the running segmenter. */
export function addUserTerms(terms: { term: string; kind: LexiconKind }[]): void {
  const j = getJieba();
  const added: [string, LexiconKind][] = [];
  for (const { term, kind } of terms) {
    const t = term.trim();
    if (!t) continue;
    addEntry({ term: t, kind, source: '用户词表', synonyms: [] });
    surface!.set(t, kind);
    digitTermList = undefined;
    added.push([t, kind]);
  }
  loadTerms(j, added);
}

/** Every lexicon entry, built-in and user-added. */
export function lexiconTerms(): LexiconEntry[] {
  return allEntries();
}

/** Whether a surface form is a lexicon term (head term or synonym). */
export function isLexiconTerm(text: string): boolean {
  return lexiconSurface().has(text);
}

export function tokenKind(text: string): TokenKind {
  if (lexiconSurface().has(text)) return 'lexicon';
  if (RE_DIGIT.test(text)) return 'figure';
  if (RE_LATIN.test(text)) return 'latin';
  if (RE_PUNCT.test(text)) return 'punct';
  return 'word';
}

let digitTermList: string[] | undefined;
/** Lexicon terms that start with a digit (12345市民服务热线): matched before figure protection. */
function digitTerms(): string[] {
  digitTermList ??= [...lexiconSurface().keys()].filter((t) => RE_DIGIT.test(t)).sort((a, b) => b.length - a.length);
  return digitTermList;
}

type Cutter = (chunk: string, base: number, out: Token[]) => void;

/** Pushes jieba tokens of `chunk` with offsets found by scanning (whitespace dropped). */
function cutPrecise(chunk: string, base: number, out: Token[]): void {
  let cursor = 0;
  for (const w of getJieba().cut(chunk, true)) {
    const at = chunk.startsWith(w, cursor) ? cursor : chunk.indexOf(w, cursor);
    if (at < 0) continue; // jieba never rewrites text; defensive only
    cursor = at + w.length;
    if (RE_SPACE.test(w)) continue;
    out.push({ text: w, start: base + at, end: base + cursor, kind: tokenKind(w) });
  }
}

/** Search mode: jieba emits a word's dictionary sub-words before the word itself; sub-words get offsets
 * inside their parent (the next precise-mode word). */
function cutSearch(chunk: string, base: number, out: Token[]): void {
  const parents: Token[] = [];
  cutPrecise(chunk, base, parents);
  let pi = 0;
  let pending: string[] = [];
  const flush = (p: Token): void => {
    for (const s of pending) {
      const rel = p.text.indexOf(s);
      if (rel >= 0) out.push({ text: s, start: p.start + rel, end: p.start + rel + s.length, kind: tokenKind(s) });
    }
    pending = [];
    out.push(p);
  };
  for (const w of getJieba().cutForSearch(chunk, true)) {
    if (RE_SPACE.test(w)) continue;
    if (pi < parents.length && w === parents[pi].text) flush(parents[pi++]);
    else pending.push(w);
  }
  while (pi < parents.length) flush(parents[pi++]);
}

function run(text: string, cutter: Cutter): Token[] {
  const out: Token[] = [];
  let last = 0;
  FIGURE_RE.lastIndex = 0;
  for (let m = FIGURE_RE.exec(text); m; m = FIGURE_RE.exec(text)) {
    const s = m.index;
    const e = s + m[0].length;
    // A number glued to Latin letters (v2, COVID-19, H5N1) is part of a Latin token, not a figure.
    if (s > 0 && /[A-Za-z_]/.test(text[s - 1])) continue;
    // So is a bare number with Latin letters right after it (5G, 4K, 3D): one token, not the figure 5.
    if (/^\d+$/.test(m[0]) && /[A-Za-z]/.test(text[e] ?? '')) continue;
    const term = digitTerms().find((t) => text.startsWith(t, s));
    if (term) {
      if (s > last) cutter(text.slice(last, s), last, out);
      out.push({ text: term, start: s, end: s + term.length, kind: 'lexicon' });
      last = s + term.length;
      FIGURE_RE.lastIndex = last;
      continue;
    }
    if (s > last) cutter(text.slice(last, s), last, out);
    out.push({ text: m[0], start: s, end: e, kind: 'figure' });
    last = e;
  }
  if (last < text.length) cutter(text.slice(last), last, out);
  return out;
}

/** Precise-mode segmentation with figures kept whole and lexicon terms marked. */
export function segment(text: string): Token[] {
  return run(text, cutPrecise);
}

/** Search-mode segmentation: every precise token plus its dictionary sub-words (offsets inside it). */
export function segmentForSearch(text: string): Token[] {
  return run(text, cutSearch);
}
