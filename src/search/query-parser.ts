// The search query language: words, "短语" (also “…” 「…」), -排除, OR, and field filters
// (类别: 主题: 地区: 年份: 专题: 标签: and English aliases), which may be negated too (-类别:政策文件).
// Any string parses; nothing ever throws.
import { parseNumber } from '../text/entities/figures.js';
import { normaliseForIndex, toHalfWidth } from '../text/normalise.js';
import { FIELD_NAMES, type FilterName } from './request.js';

/** Longest query kept, in characters; longer input is cut and a message says so. */
export const MAX_QUERY_CHARS = 1000;

export { FIELD_NAMES, type FilterName };

/** Filter values typed in the query, as written (names resolve to codes and ids in search.ts). */
export interface QueryFilters { category: string[]; theme: string[]; region: string[]; collection: string[]; tag: string[]; yearFrom?: number; yearTo?: number }

export interface ParsedQuery {
  /** Free-text clauses in order; each clause is a list of alternatives (more than one after OR). */
  clauses: string[][];
  /** Alternatives of OR clauses that were typed in quotes ("议事协商" OR 接诉即办), by clause: matched without synonyms. */
  quotedAlternatives: { clause: number; text: string }[];
  phrases: string[];
  excluded: string[];
  filters: QueryFilters;
  /** Negated filters (-类别:政策文件, NOT 地区:上海): documents with any of these values are left out. */
  excludedFilters: QueryFilters;
  /** Chinese notes for the user (truncation, unbalanced quotes, bad year …). */
  messages: string[];
  /** Whether anything was typed besides filters and exclusions (words, phrases, or symbols and operators dropped here). */
  freeText: boolean;
}


/** Field names in index normal form (simplified, lower case), so 類別: and CATEGORY: are 类别: and category:. */
const FIELD_ALIASES: Record<string, FilterName> = {
  类别: 'category', 分类: 'category', category: 'category', cat: 'category',
  主题: 'theme', theme: 'theme',
  地区: 'region', 地域: 'region', region: 'region',
  年份: 'year', 年: 'year', year: 'year',
  专题: 'collection', collection: 'collection',
  标签: 'tag', tag: 'tag',
};
/** The filter a field name stands for (类别, 類別, category …), or undefined. */
export function fieldNamed(name: string): FilterName | undefined {
  const key = normaliseForIndex(name.trim());
  // Own keys only: constructor: or toString: must not find Object's methods (a 500 on 'constructor:abc').
  return Object.hasOwn(FIELD_ALIASES, key) ? FIELD_ALIASES[key] : undefined;
}

/** Operators of the language (and their symbols); AND is what juxtaposition means anyway. */
const OR_WORDS = ['OR', '|', '||'];
const AND_WORDS = ['AND', '&&', '&', '+'];
const MINUS = ['-', '－'];

const OPEN_QUOTES: Record<string, string> = { '"': '"', '“': '”', '「': '」', '『': '』', '”': '”' };
const RE_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/g;
/** Invisible format characters (zero-width space and joiners, direction marks, BOM): removed, so 社\u200d区 is 社区. */
const RE_INVISIBLE = /[\u200B-\u200F\u2060-\u2064\uFEFF]/g;
const RE_SPACE = /[\s\u3000]/u;

const noFilters = (): QueryFilters => ({ category: [], theme: [], region: [], collection: [], tag: [] });

export function emptyQuery(): ParsedQuery {
  return { clauses: [], quotedAlternatives: [], phrases: [], excluded: [], filters: noFilters(), excludedFilters: noFilters(), messages: [], freeText: false };
}

/** Parses a year filter value: 2020, 2019-2024, 2019-, -2024, 2019至2024, 2019~2024, 二〇一九. */
export function parseYearRange(value: string): { from?: number; to?: number } | null {
  value = normaliseForIndex(value); // full-width digits and dashes (２０１９－２０２１)
  // Four Han digits in a row are a year (二〇一九; ○ and the letter o typed for 〇); 一 alone or in words is left.
  value = value.replace(/[〇零○o一二三四五六七八九]{4}/g, (y) => String(parseNumber(y.replace(/[○o]/g, '〇'))));
  const m = /^\s*(\d{4})?\s*年?\s*(?:([-~～—–至到])\s*(\d{4})?)?\s*年?\s*$/.exec(value);
  if (!m || (!m[1] && !m[3])) return null;
  const from = m[1] ? Number(m[1]) : undefined;
  const to = m[2] ? (m[3] ? Number(m[3]) : undefined) : from;
  if (from != null && to != null && from > to) return { from: to, to: from };
  return { from, to };
}

/** A word or phrase of the query; [start, end) is what it was read from in the normalised input (see queryInput), quotes included, a leading minus not. */
export interface Lexeme { text: string; quoted: boolean; negated: boolean; start: number; end: number }

/** Splits into lexemes: quoted phrases, words, with a leading '-' (or NOT) marking exclusion. */
export function lex(input: string, messages: string[]): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  let unbalanced = false;
  while (i < input.length) {
    const ch = input[i];
    if (RE_SPACE.test(ch)) { i++; continue; }
    let negated = false;
    let j = i;
    if ((input[j] === '-' || input[j] === '－') && j + 1 < input.length && !RE_SPACE.test(input[j + 1])) { negated = true; j++; }
    const close = OPEN_QUOTES[input[j]];
    if (close) {
      const end = input.indexOf(close === '"' ? '"' : close, j + 1);
      const endAlt = close === '”' ? input.indexOf('"', j + 1) : -1;
      const e = end >= 0 ? (endAlt >= 0 ? Math.min(end, endAlt) : end) : endAlt;
      if (e < 0) { unbalanced = true; i = j + 1; continue; } // a lone quote is ignored
      const text = input.slice(j + 1, e).trim();
      if (text) out.push({ text, quoted: true, negated, start: j, end: e + 1 });
      i = e + 1;
      continue;
    }
    let k = j;
    // A field value may itself be quoted: 类别:"政策 文件".
    while (k < input.length && !RE_SPACE.test(input[k])) {
      if (OPEN_QUOTES[input[k]] && k > j && /[:：]$/.test(input.slice(j, k))) {
        const c = OPEN_QUOTES[input[k]];
        const e = input.indexOf(c, k + 1);
        if (e > 0) { k = e + 1; continue; }
      }
      k++;
    }
    const text = input.slice(j, k);
    // Filters typed without a space between them (-地区:上海-地区:北京) are read one by one.
    gluedFilters(text).forEach(({ part, at }, n) => {
      const minus = n > 0 && MINUS.includes(part[0]);
      out.push({ text: minus ? part.slice(1) : part, quoted: false, negated: n === 0 ? negated : minus, start: j + at + (minus ? 1 : 0), end: j + at + part.length });
    });
    i = k;
  }
  if (unbalanced) messages.push('引号不成对，已忽略多余的引号');
  return out;
}

/** Field names that start a glued filter (年 alone is left out: 2024年:总结 is a value). */
const RE_GLUED_FIELD = new RegExp(`[-－]?(?:${Object.keys(FIELD_ALIASES).filter((k) => k.length > 1).join('|')})[:：]`, 'giu');

/** A word that starts as a filter, split before each further filter glued to it (with where each part starts); other words whole. */
function gluedFilters(text: string): { part: string; at: number }[] {
  const colon = text.search(/[:：]/);
  if (colon < 1 || colon > 12 || !text.slice(0, colon).match(/^[\p{L}]+$/u)) return text ? [{ part: text, at: 0 }] : [];
  // Field names are found in the index normal form (地區: is 地区:) when it keeps offsets, as it does for Han text.
  const norm = normaliseForIndex(text);
  const cuts = [...(norm.length === text.length ? norm : text).matchAll(RE_GLUED_FIELD)].map((m) => m.index).filter((at) => at > colon + 1);
  return [0, ...cuts].map((at, n) => ({ part: text.slice(at, cuts[n] ?? text.length), at })).filter((x) => x.part);
}

export const unquote = (s: string) => s.replace(/^["“「『]|["”」』]$/g, '').trim();

/** The filter a word names (类别:政策 → category, 政策), or null. */
export function filterOf(lx: Lexeme | undefined): { name: FilterName; value: string } | null {
  const m = lx && !lx.quoted ? /^([\p{L}]{1,12})[:：](.*)$/u.exec(lx.text) : null;
  const name = m ? fieldNamed(m[1]) : undefined;
  return name ? { name, value: m![2] } : null;
}

/** A word that can be a filter value typed after a space (地区: 上海): no operator, exclusion or sentence. */
export function valueAfterSpace(lx: Lexeme | undefined): boolean {
  return !!lx && !lx.negated && !filterOf(lx) && lx.text.length <= 30 && ![...OR_WORDS, ...AND_WORDS, ...MINUS, 'NOT'].includes(lx.text);
}

/** Whether this word negates the filter after it: NOT, or a lone minus (- 类别:…; COVID - 19 is words). */
export function negatesNext(lexemes: Lexeme[], i: number): boolean {
  const lx = lexemes[i];
  return !lx.quoted && (/^not$/i.test(lx.text) || (MINUS.includes(lx.text) && !!filterOf(lexemes[i + 1])));
}

/** The values of a filter as typed: one quoted value whole (标签:"船舶、舰船工程"), a list split at its separators. */
export function filterValues(raw: string): { values: string[]; whole: boolean } {
  const whole = unquote(raw) !== raw;
  return { values: (whole ? [unquote(raw)] : raw.split(/[,，、|]/)).map((v) => v.trim()).filter(Boolean), whole };
}

/** The query text the parser reads: invisible and control characters out, full width as half width, cut to MAX_QUERY_CHARS. */
export function queryInput(raw: unknown): { input: string; cut: boolean } {
  let input = typeof raw === 'string' ? raw : raw == null ? '' : String(raw);
  // Full width read as half width (ＮＯＴ, ＯＲ, ＂, －): an operator typed with a Chinese input method works.
  input = toHalfWidth(input.replace(RE_INVISIBLE, '').replace(RE_CONTROL, ' '));
  if (input.length <= MAX_QUERY_CHARS) return { input, cut: false };
  // Cut at a space near the limit when there is one, so the last word is not halved (治理 → 治).
  const space = input.slice(0, MAX_QUERY_CHARS + 1).search(/\s\S*$/);
  return { input: input.slice(0, space > MAX_QUERY_CHARS - 50 ? space : MAX_QUERY_CHARS), cut: true };
}

/** Parses a query. Never throws: unknown syntax becomes plain words. */
export function parseQuery(raw: unknown): ParsedQuery {
  const q = emptyQuery();
  const { input, cut } = queryInput(raw);
  if (cut) q.messages.push(`查询过长，只使用了前 ${input.length} 个字符`);
  const lexemes = lex(input, q.messages);
  const fieldOf = filterOf;
  let pendingOr = false;
  let pendingNot = false;
  // Where the last word or phrase went, so OR joins a phrase as well as a word to what follows.
  let last: 'clause' | 'phrase' | null = null;
  // The filter just read (null once a word or an exclusion follows it), for what an OR after it means.
  let lastFilter: { name: string; negated: boolean } | null = null;
  for (let i = 0; i < lexemes.length; i++) {
    const lx = lexemes[i];
    // AND / OR / NOT in any case are operators: a Chinese library has no use for the English words.
    let text = !lx.quoted && /^(and|or|not)$/i.test(lx.text) ? lx.text.toUpperCase() : lx.text;
    const negated = lx.negated || pendingNot;
    pendingNot = false;
    const field = fieldOf(lx);
    // NOT negates what follows; a lone minus only a filter (- 类别:…), since COVID - 19 and 上海 - 北京 are words.
    const isNot = negatesNext(lexemes, i);
    if (!negated && !isNot && !field) q.freeText = true;
    if (!lx.quoted) {
      if (OR_WORDS.includes(text)) {
        pendingOr = last !== null;
        // 社区 -物业 OR 网格, 社区 地区:上海 OR 物业: OR joins only a word or phrase right before it.
        // 地区:上海 OR 地区:北京 already means either place: values of one field are alternatives.
        const next = fieldOf(lexemes[i + 1]);
        if (!pendingOr && lastFilter && next?.name === lastFilter.name && !lastFilter.negated && !lexemes[i + 1].negated) {
          q.messages.push(`同一字段的几个取值任一满足即可（${lexemes[i - 1].text} 与 ${lexemes[i + 1].text}），不必写 OR`);
        } else if (!pendingOr && i > 0) {
          q.messages.push(lastFilter ? 'OR 前面是筛选条件，OR 已忽略（筛选条件与检索词同时生效）' : 'OR 前面是排除词，OR 已忽略（前后的词语都须出现）');
        }
        continue;
      }
      if (AND_WORDS.includes(text)) continue;
      if (isNot) { pendingNot = true; continue; }
      if (field) {
        let raw = field.value;
        // 地区: 上海 — a space after the colon: the next word is the value.
        // (类别:"" is an empty value, not one typed after a space.)
        if (!raw && valueAfterSpace(lexemes[i + 1])) raw = lexemes[++i].text;
        // A quoted value is one value, separators and all (标签:"船舶、舰船工程").
        addFilter(negated ? q.excludedFilters : q.filters, field.name, unquote(raw), q.messages, negated, unquote(raw) !== raw);
        if (pendingOr) q.messages.push(`OR 只能连接检索词，不能连接筛选条件（${lx.text}），该条件与检索词同时生效`);
        pendingOr = false;
        last = null;
        lastFilter = { name: field.name, negated };
        continue;
      }
      // Operators and wildcards of other engines are not syntax here: keep only the words.
      const near = /^NEAR(\/\d+)?(\(|$)/i.test(text);
      if (near) q.messages.push('NEAR 不是本系统的语法，已忽略（多个词默认都须出现，离得近的排在前面）');
      text = text.replace(/^[+*]+|\*+$/g, '').replace(/^NEAR(\/\d+)?\(/i, '');
      if (/^NEAR(\/\d+)?$/.test(text)) continue;
      if (!text) continue;
      // title:网格员 searches 网格员 (with a note); sort:date searches nothing.
      const unknown = unknownField(text);
      if (unknown) { q.messages.push(unknown.note, AVAILABLE_FILTERS); text = unknown.value; if (!text) continue; }
    }
    lastFilter = null;
    if (negated) { q.excluded.push(text); pendingOr = false; last = null; continue; }
    if (pendingOr && last === 'phrase') {
      // "议事协商" OR …: the phrase becomes the first alternative of a clause.
      const phrase = q.phrases.pop()!;
      q.quotedAlternatives.push({ clause: q.clauses.length, text: phrase });
      q.clauses.push([phrase]);
      last = 'clause';
    }
    if (pendingOr && last === 'clause') {
      q.clauses[q.clauses.length - 1].push(text);
      if (lx.quoted) q.quotedAlternatives.push({ clause: q.clauses.length - 1, text });
    } else if (lx.quoted) {
      q.phrases.push(text);
      last = 'phrase';
    } else {
      q.clauses.push([text]);
      last = 'clause';
    }
    pendingOr = false;
  }
  // The same note once, however often its cause was typed.
  q.messages = [...new Set(q.messages)];
  return q;
}

const ONE_YEAR_RANGE = '只能写一个年份范围';

/**
 * Field names of other search engines and of document metadata that are not filters here (title:, 作者:),
 * with what to write instead. Only these: a colon in a pasted sentence (原因：…) is not a field.
 */
const YEAR_HINT = '按年份筛选请写 年份:2021 或 年份:2019-2024';
const CATEGORY_HINT = '按类别筛选请写 类别:政策文件';
const OTHER_FIELDS: Record<string, string> = {
  title: '', intitle: '', 标题: '', author: '', 作者: '', source: '', 来源: '', site: '', url: '', 文号: '', 发文机关: '',
  keyword: '', keywords: '', 关键词: '',
  sort: '排序请用结果上方的“相关度 / 日期”或接口参数 sort=date',
  时间: YEAR_HINT, 日期: YEAR_HINT, date: YEAR_HINT, type: CATEGORY_HINT, 类型: CATEGORY_HINT,
};

/**
 * A word written as a field this language does not have (title:网格员): the note to show and what to
 * search instead — the value, except after sort:, which is no word of any document.
 */
function unknownField(text: string): { note: string; value: string } | undefined {
  const m = /^([\p{L}]{1,8})[:：](\S.*)$/u.exec(text);
  const name = m ? normaliseForIndex(m[1]) : '';
  if (!m || !Object.hasOwn(OTHER_FIELDS, name)) return undefined;
  const value = name === 'sort' ? '' : m[2];
  const hint = OTHER_FIELDS[name];
  return { note: `不支持按“${m[1]}”筛选，${value ? `已只检索“${value}”` : `“${text}”已忽略`}${hint ? `（${hint}）` : ''}`, value };
}

/** Said once after any unknown field (messages are kept once each). */
const AVAILABLE_FILTERS = `可用的筛选：${Object.values(FIELD_NAMES).map((f) => `${f}:`).join(' ')}`;

function addFilter(filters: QueryFilters, name: FilterName, value: string, messages: string[], negated = false, whole = false): void {
  if (!value) { messages.push(`筛选条件没有取值（${FIELD_NAMES[name]}:），已忽略`); return; }
  if (name === 'year') {
    const r = parseYearRange(value);
    if (!r) { messages.push(`年份格式无法识别：${value}（示例：年份:2019-2024、年份:2020、年份:2019-）${negated ? '，排除条件已忽略' : ''}`); return; }
    // One range per query (the store takes one): a second one replaces the first, and the note says so.
    if (filters.yearFrom !== undefined || filters.yearTo !== undefined) {
      // One note, naming the range that applies (a third range replaces the note of the second).
      const before = messages.findIndex((m) => m.startsWith(ONE_YEAR_RANGE) && m.includes(negated ? '排除' : '筛选'));
      if (before >= 0) messages.splice(before, 1);
      messages.push(`${ONE_YEAR_RANGE}，已按最后一个（${value}）${negated ? '排除' : '筛选'}；要几个年份请写成一个范围，如 年份:2011-2013`);
    }
    filters.yearFrom = r.from;
    filters.yearTo = r.to;
    return;
  }
  for (const v of (whole ? [value] : value.split(/[,，、|]/)).map((s) => s.trim()).filter(Boolean)) {
    if (!filters[name].includes(v)) filters[name].push(v);
  }
}
