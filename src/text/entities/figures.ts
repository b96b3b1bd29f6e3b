// Figures reported in a text, with normalised values and units (93.6万 → 936000 人, 20-35岁 → 20..35 岁,
// 24小时 → 24 h, 3.2亿元 → 320000000 元) and the phrase each one counts. Dates and years are not figures.
import type { Figure, Span } from '../../domain/analysis.js';
import { normaliseForIndex } from '../normalise.js';
import { segment } from '../segment.js';

const NUM = String.raw`\d+(?:,\d{3})*(?:\.\d+)?`;
const CN = '[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?';
/** Written unit → [normalised unit, factor]. Longest first so 万元 wins over 万, 人次 over 人. */
const UNIT_TABLE: [string, string, number][] = [
  ['个百分点', '百分点', 1], ['平方公里', '平方公里', 1], ['平方米', '平方米', 1], ['㎡', '平方米', 1],
  ['万人次', '人次', 1e4], ['人次', '人次', 1], ['户次', '户次', 1], ['件次', '件次', 1],
  ['亿元', '元', 1e8], ['万元', '元', 1e4], ['千元', '元', 1e3], ['元', '元', 1],
  ['小时', 'h', 1], ['分钟', 'min', 1], ['个工作日', '工作日', 1], ['工作日', '工作日', 1], ['个月', '月', 1],
  ['周岁', '岁', 1], ['岁', '岁', 1], ['公里', '公里', 1], ['千米', '公里', 1], ['km', '公里', 1],
  ['天', '天', 1], ['年', '年', 1], ['%', '%', 1], ['‰', '‰', 1],
  ['件', '件', 1], ['个', '个', 1], ['户', '户', 1], ['家', '家', 1], ['所', '所', 1], ['项', '项', 1],
  ['条', '条', 1], ['场', '场', 1], ['次', '次', 1], ['名', '人', 1], ['位', '人', 1], ['人', '人', 1], ['倍', '倍', 1],
  ['立方米', '立方米', 1], ['千瓦时', '千瓦时', 1], ['千瓦', '千瓦', 1], ['公顷', '公顷', 1], ['公斤', '公斤', 1], ['千克', '公斤', 1],
  ['斤', '斤', 1], ['亩', '亩', 1], ['吨', '吨', 1], ['辆', '辆', 1], ['座', '座', 1], ['台', '台', 1], ['张', '张', 1], ['套', '套', 1], ['支', '支', 1], ['处', '处', 1], ['批', '批', 1],
];
const UNIT_MAP = new Map(UNIT_TABLE.map(([w, u, f]) => [w, [u, f] as const]));
const UNIT_RE = UNIT_TABLE.map(([w]) => w.replace(/[%‰]/g, '\\$&')).join('|');
const MULT: Record<string, number> = { 万亿: 1e12, 亿: 1e8, 万: 1e4, 千: 1e3, 百: 100 };

const FIGURE_RE = new RegExp(
  `百分之(?<pct>${NUM}|[零〇一二两三四五六七八九十百点]+)` +
    // 余/多 on either side of 万: 1100余万件 and 1100万余件 are both about 11 million.
    `|(?<a>${NUM}|${CN})(?:\\s?[-~～—–至到]\\s?(?<b>${NUM}|${CN}))?(?:余|多)?(?<mult>万亿|亿|万|千)?(?<approx>余|多)?(?<unit>${UNIT_RE})?`,
  'g',
);
const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Parses a Chinese numeral (三千, 一百二十, 十五, 2万) or an Arabic number; NaN when it is not one. */
export function parseNumber(s: string): number {
  if (/^\d/.test(s)) return Number(s.replace(/,/g, ''));
  if (s.includes('点')) {
    const [i, f] = s.split('点');
    const frac = [...f].map((c) => CN_DIGIT[c] ?? NaN).join('');
    return Number(`${parseNumber(i)}.${frac}`);
  }
  // Digit by digit (一九四九, 二〇二四): positional, no 十/百/千.
  if (/^[零〇一二三四五六七八九]{2,}$/.test(s)) return Number([...s].map((c) => CN_DIGIT[c]).join(''));
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const c of s) {
    if (c in CN_DIGIT) digit = CN_DIGIT[c];
    else if (c in CN_UNIT) {
      section += (digit || 1) * CN_UNIT[c];
      digit = 0;
    } else if (c === '万' || c === '亿') {
      total = (total + section + digit) * (c === '万' ? 1e4 : 1e8);
      section = 0;
      digit = 0;
    } else return NaN;
  }
  return total + section + digit;
}

const PEOPLE = /^(?:名|位|余|多)?[\u4e00-\u9fff]{0,3}?(居村民|居民|村民|群众|市民|人口|党员|志愿者|人员|干部|职工|学生|老人|老年人|儿童|青年|代表|用户|网格员|社工|人)/;
const BOUNDARY = new Set([...'，。；！？、,;!?：:\n（）()“”"「」《》【】'].map((c) => c.charCodeAt(0)));
const LEAD_STRIP = /^(?:以上|以下|左右|之内|以内|内|的|之|余|多|名|位|个)+/;
/** Verbs whose object belongs to the subject (居村民实现了实名注册 → 居村民实名注册). */
const LIGHT = ['实现了', '实现', '完成了', '完成', '进行了', '进行', '开展了', '开展', '参与了', '参与', '办理了', '办理', '的'];
/** Verbs that end the counted noun phrase (年轻人群占据了较大比例 → 年轻人群). */
const HEAVY = ['占据了', '占据', '占了', '占比', '占', '达到', '达', '超过', '成为', '得到', '获得', '提高', '提升', '增长', '下降', '加入', '回归', '参加', '覆盖', '受益', '累计', '共', '已', '均', '都', '在'];
const TRAIL_STRIP = /(?:达到了|达到|达|为|超过了|超过|约|共计|共|累计|突破|近|超|有|是|已|增至|增长|下降|提高到|提高|提升至|提升到|减少|保持在|保持|维持在|维持|稳定在)+$/;

function clauseAfter(text: string, from: number): string {
  let end = from;
  while (end < text.length && end - from < 24 && !BOUNDARY.has(text.charCodeAt(end))) end++;
  return text.slice(from, end);
}

function clauseBefore(text: string, to: number): string {
  let start = to;
  while (start > 0 && to - start < 24 && !BOUNDARY.has(text.charCodeAt(start - 1))) start--;
  return text.slice(start, to);
}

/** Every number of a string (String.match with a global pattern ignores and resets lastIndex). */
const NUMBERS = new RegExp(NUM, 'g');

/**
 * 解决率和满意率分别提高到89%和92%: the subjects listed before 分别, in order, one per figure after it; undefined
 * when the figure is not in such a clause or the two lists do not pair up.
 */
function respectiveSubject(text: string, start: number, end: number): string | undefined {
  const before = clauseBefore(text, start);
  const at = before.lastIndexOf('分别');
  if (at < 0) return undefined;
  const subjects = before.slice(0, at).split(/和|与|及|、/).map((x) => x.replace(/\*+/g, '').trim());
  const lead = before.slice(at);
  const numbers = (s: string) => s.match(NUMBERS)?.length ?? 0;
  const count = numbers(lead + text.slice(start, end) + clauseAfter(text, end));
  const index = numbers(lead);
  if (subjects.length < 2 || subjects.length !== count || subjects.some((x) => x.length < 2)) return undefined;
  return wholeWords(subjects[index], 12, 'tail');
}

/** The phrase a figure counts: the noun phrase after it (plus the verb's object), else the one before. */
export function subjectOf(text: string, start: number, end: number): string {
  const respective = respectiveSubject(text, start, end);
  if (respective) return respective;
  const after = clauseAfter(text, end).replace(LEAD_STRIP, '').replace(/\*+/g, '');
  if (after.length >= 2) {
    let best = -1;
    let light = false;
    let len = 0;
    for (const [list, isLight] of [[LIGHT, true], [HEAVY, false]] as const) {
      for (const w of list) {
        const i = after.indexOf(w);
        if (i >= 0 && (best < 0 || i < best)) [best, light, len] = [i, isLight, w.length];
      }
    }
    if (best > 0) {
      const np = after.slice(0, best);
      const vo = after.slice(best + len).replace(/^[了过着]/, '');
      return light && vo.length >= 2 && vo.length <= 8 ? np + vo : wholeWords(np, 14, 'head');
    }
    if (best < 0 || after.length - len >= 2) return wholeWords(after, 14, 'head');
  }
  const strip = (c: string) => c.replace(/\*+/g, '').replace(TRAIL_STRIP, '').trim();
  const before = clauseBefore(text, start);
  let subj = strip(before);
  // 国内生产总值达到114万亿元，增长8.1%: the subject is in the previous clause.
  if (!subj && start - before.length > 1 && /[，,]/.test(text[start - before.length - 1])) {
    subj = strip(clauseBefore(text, start - before.length - 1).replace(new RegExp(`${NUM}.*$`), ''));
  }
  return wholeWords(subj, 12, 'tail');
}

/** At most `max` characters of a phrase from its head or tail, cut between words (not 道通过… of 街道通过…). */
function wholeWords(phrase: string, max: number, keep: 'head' | 'tail'): string {
  if (phrase.length <= max) return phrase;
  const words = segment(phrase).map((t) => t.text);
  let out = '';
  for (const w of keep === 'head' ? words : words.reverse()) {
    if (out.length + w.length > max) break;
    out = keep === 'head' ? out + w : w + out;
  }
  // One word longer than the limit: the plain cut is all there is.
  return out || (keep === 'head' ? phrase.slice(0, max) : phrase.slice(-max));
}

function isYear(a: string, unit: string | undefined, text: string, end: number): boolean {
  if (/^[零〇一二三四五六七八九]{4}$/.test(a)) return unit === '年' || !unit;
  if (!/^\d{4}$/.test(a)) return false;
  const n = Number(a);
  if (n < 1900 || n > 2100) return false;
  return !unit || unit === '年' || /^[年\-/.]/.test(text.slice(end, end + 1));
}

/** Figures in document order; the same figure written the same way with the same subject twice is one figure with two spans. */
export function extractFigures(text: string, norm: string = normaliseForIndex(text)): Figure[] {
  const out = new Map<string, Figure>();
  FIGURE_RE.lastIndex = 0;
  for (let m = FIGURE_RE.exec(norm); m; m = FIGURE_RE.exec(norm)) {
    const start = m.index;
    const end = start + m[0].length;
    const g = m.groups!;
    const prev = norm.slice(Math.max(0, start - 2), start);
    if (/[A-Za-z_\d.]$/.test(prev) || /(第|星期|周)$/.test(prev)) continue;
    let value: number;
    let valueMax: number | undefined;
    let unit: string;
    if (g.pct !== undefined) {
      value = parseNumber(g.pct);
      unit = '%';
    } else {
      const cn = !/^\d/.test(g.a);
      if (!g.unit && !g.mult) continue;
      if (isYear(g.a, g.unit, norm, end)) continue;
      // Decades and centuries are dates, not counts: 20世纪60年代, 90年代, 21世纪.
      if ((g.unit === '年' && norm[end] === '代') || norm.startsWith('世纪', end)) continue;
      // Dates written 2024-10-29 or 10月: no figure.
      if (/^[-/.月日号]/.test(norm.slice(end, end + 1)) && !g.unit) continue;
      const mult = g.mult ? MULT[g.mult] : 1;
      const [u, factor] = g.unit ? UNIT_MAP.get(g.unit)! : ['', 1];
      value = parseNumber(g.a) * mult * factor;
      if (g.b !== undefined) valueMax = parseNumber(g.b) * mult * factor;
      // Chinese numerals need a digit (百年, 千万家 are idioms) and must be more than 一/两 (一个 = "a").
      if (cn && (!/[零〇一二两三四五六七八九]/.test(g.a) || /^[一两]$/.test(g.a))) continue;
      unit = u;
      if (!unit && PEOPLE.test(norm.slice(end, end + 6))) unit = '人';
    }
    if (!Number.isFinite(value) || (valueMax !== undefined && !Number.isFinite(valueMax))) continue;
    value = Math.round(value * 1e6) / 1e6;
    if (valueMax !== undefined) valueMax = Math.round(valueMax * 1e6) / 1e6;
    const subject = subjectOf(norm, start, end);
    if (!unit && /(人数|人口)$/.test(subject)) unit = '人';
    // Merged only when written the same way, so every span's text equals the figure's text.
    const key = `${norm.slice(start, end)}|${value}|${valueMax ?? ''}|${unit}|${subject}`;
    const span: Span = { start, end };
    const prevFig = out.get(key);
    if (prevFig) prevFig.spans.push(span);
    else {
      const f: Figure = { text: text.slice(start, end), value, unit, subject, spans: [span] };
      if (valueMax !== undefined) f.valueMax = valueMax;
      out.set(key, f);
    }
  }
  return [...out.values()];
}
