// The case card of a practice case (实践案例): each field is a list of items taken from the text — sentences
// chosen by cue words, regions, organisations and figures — with spans. Nothing is invented: a field
// without evidence stays empty.
import type { CaseCard, Entity, Figure, Region, SentenceItem } from '../domain/analysis.js';
import { normaliseForIndex } from './normalise.js';

export interface CaseCardInput {
  text: string;
  /** Sentences of `text` (splitSentences); only text/start/end are read. */
  sentences: { text: string; start: number; end: number }[];
  regions: Region[];
  organizations: Entity[];
  figures: Figure[];
  /** Normalised text, when the caller already has it. */
  norm?: string;
}

/** At most this many items per field. */
export const MAX_ITEMS = 5;

type SentenceField = '问题与背景' | '做法与机制' | '成效' | '经验启示';
/** Cue words per sentence field, with weights; a sentence goes to its best-scoring field (ties: ORDER). */
const CUES: Record<SentenceField, [RegExp, number][]> = {
  问题与背景: [[/难题|痛点|难点|短板|困境|瓶颈|背景|长期以来|以往|挑战|突出问题/g, 2], [/问题|矛盾|不足|过去/g, 1]],
  做法与机制: [[/通过|建立|推行|机制|平台|构建|搭建|设立|开展|实施|引入|创建|打造|依托|探索|推出|成立/g, 1]],
  成效: [[/提升|实现|增强|成效|满意度|下降|提高|增加|减少|有效|显著|成功|促进|覆盖|达到|效率/g, 1]],
  经验启示: [[/启示|借鉴|示范|可复制|可推广|样板|值得/g, 3], [/经验|推广|参考|表明|说明/g, 1.5]],
};
const ORDER: SentenceField[] = ['经验启示', '做法与机制', '成效', '问题与背景'];

function cueScore(s: string, field: SentenceField): number {
  let score = 0;
  for (const [re, w] of CUES[field]) score += (s.match(re)?.length ?? 0) * w;
  return score;
}

/** The clause (between commas/full stops) around a span: the readable context of a figure. */
function clauseAround(text: string, start: number, end: number): { start: number; end: number } {
  const stop = /[，。；！？,;!?\n：:]/;
  let s = start;
  while (s > 0 && start - s < 40 && !stop.test(text[s - 1])) s--;
  let e = end;
  while (e < text.length && e - end < 40 && !stop.test(text[e])) e++;
  while (s < start && /[\s*\-•]/.test(text[s])) s++;
  return { start: s, end: e };
}

export function buildCaseCard(input: CaseCardInput): CaseCard {
  const { text, sentences } = input;
  const norm = input.norm ?? normaliseForIndex(text);
  const card: CaseCard = { 地区: [], 主体: [], 问题与背景: [], 做法与机制: [], 成效: [], 数据: [], 经验启示: [] };
  card.地区 = input.regions.slice(0, MAX_ITEMS).map((r) => ({ text: r.name, spans: r.spans }));
  card.主体 = input.organizations.slice(0, MAX_ITEMS).map((o) => ({ text: o.name, spans: o.spans }));
  const seen = new Set<number>();
  for (const f of input.figures) {
    if (card.数据.length >= MAX_ITEMS) break;
    const c = clauseAround(text, f.spans[0].start, f.spans[0].end);
    if (seen.has(c.start)) continue;
    seen.add(c.start);
    card.数据.push({ text: text.slice(c.start, c.end), spans: [c] });
  }
  const buckets: Record<SentenceField, { score: number; i: number; item: SentenceItem }[]> = {
    问题与背景: [], 做法与机制: [], 成效: [], 经验启示: [],
  };
  sentences.forEach((s, i) => {
    const n = norm.slice(s.start, s.end);
    let best: SentenceField | undefined;
    let bestScore = 0;
    for (const f of ORDER) {
      const sc = cueScore(n, f);
      if (sc > bestScore) [best, bestScore] = [f, sc];
    }
    if (best) buckets[best].push({ score: bestScore, i, item: { text: s.text.replace(/\*\*|__/g, ''), spans: [{ start: s.start, end: s.end }] } });
  });
  for (const f of ORDER) {
    card[f] = buckets[f]
      .sort((a, b) => b.score - a.score || a.i - b.i)
      .slice(0, MAX_ITEMS)
      .sort((a, b) => a.i - b.i)
      .map((x) => x.item);
  }
  return card;
}
