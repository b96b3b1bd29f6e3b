// Filters of a search: the query language's and the request's together, resolved to what the store takes
// (region names to codes, collection names to ids), and the notes that say why a filter matched nothing.
import type { Collection } from '../domain/index.js';
import type { ExcludedFilters, FacetCount, IndexFilters, Store, TextMatch } from '../store/store.js';
import { FIELD_NAMES, parseYearRange, type ParsedQuery, type QueryFilters } from './query-parser.js';
import { replaceFilterValue } from './query-rewrite.js';
import { regionInfo, regionPath, resolveRegionName, streetNamesFor, withAncestors } from './regions.js';
import { normaliseForIndex } from '../text/normalise.js';
import { findTheme } from '../text/themes/taxonomy.js';

type Multi = string | string[] | undefined;

/** The filter parameters of a search request (beside the ones typed in the query). */
export interface FilterParams {
  category?: Multi;
  theme?: Multi;
  /** Region names or codes (上海, 宝山区, 310113). */
  region?: Multi;
  /** 2020, 2019-2024, 2019-, -2024 */
  year?: string;
  /** Collection ids or names. */
  collection?: Multi;
  tag?: Multi;
  /** Group ids the caller may see; undefined = all. */
  visibleGroups?: string[];
}

/**
 * A parameter's values: a list split at , ， or |, except a category, theme or tag value the library holds
 * whole, separators and all (a facet clicked: tag=船舶,舰船工程).
 */
async function paramValues(store: Store, k: string, v: Multi, visibleGroups: string[] | undefined): Promise<string[]> {
  const whole = typeof v === 'string' ? v.trim() : '';
  const one = /[,，|]/.test(whole) && (VALUE_FILTERS as readonly string[]).includes(k) && await holds(store, { [k]: [whole] }, visibleGroups);
  return one ? [whole] : asList(v);
}

/**
 * The held values offered for unknown ones, each with how to apply it: the typed filter rewritten in the
 * query, or the page's filter (a parameter) replaced. A value typed in a form the rewrite cannot find, or
 * an exclusion (which only the query holds), offers nothing to click: the message still names them.
 */
export function applicableValues(similar: SimilarValues[], req: FilterParams & { q?: string }): SimilarValues[] {
  return similar.flatMap((s) => {
    const rewritten = s.like.map((like) => ({ like, q: replaceFilterValue(req.q ?? '', s.field, s.value, like, !!s.excluded) })).filter((x) => x.q !== null);
    if (rewritten.length) return [{ ...s, like: rewritten.map((x) => x.like), queries: rewritten.map((x) => x.q!) }];
    return !s.excluded && asList(req[s.field]).includes(s.value) ? [s] : [];
  });
}

const asList = (v: Multi): string[] => (Array.isArray(v) ? v : v ? String(v).split(/[,，|]/) : []).map((s) => s.trim()).filter(Boolean);

export async function resolveFilters(store: Store, req: FilterParams, pq: ParsedQuery, messages: string[]): Promise<IndexFilters & { impossible?: boolean }> {
  // The query language's filters and the request's parameters together. A parameter for a field the query
  // already filters on is a facet clicked on top of it and narrows (地区:上海 with region=宝山区, 主题:数字治理
  // with theme=党建引领: documents with both), as the facet's count said; otherwise the two are one list.
  const typed: QueryFilters = { ...pq.filters };
  const narrowing: QueryFilters = { category: [], theme: [], region: [], collection: [], tag: [] };
  for (const k of [...VALUE_FILTERS, 'region', 'collection'] as const) {
    const given = await paramValues(store, k, req[k], req.visibleGroups);
    if (pq.filters[k].length && given.length) narrowing[k] = given;
    else typed[k] = [...pq.filters[k], ...given];
  }
  if (req.year) {
    const r = parseYearRange(req.year);
    if (r) { typed.yearFrom = r.from ?? typed.yearFrom; typed.yearTo = r.to ?? typed.yearTo; } else messages.push(`年份格式无法识别：${req.year}`);
  }
  const collections = typed.collection.length || narrowing.collection.length || pq.excludedFilters.collection.length ? await store.listCollections() : [];
  const wanted = resolveValues(typed, collections, messages, false);
  const f: IndexFilters & { impossible?: boolean } = wanted.filters;
  if (wanted.unresolved) f.impossible = true;
  const also = resolveValues(narrowing, collections, messages, false);
  if (Object.keys(also.filters).length) f.alsoRequired = also.filters;
  if (also.unresolved) f.impossible = true;
  const left = resolveValues(pq.excludedFilters, collections, messages, true);
  if (Object.keys(left.filters).length) f.exclude = left.filters;
  if (req.visibleGroups) f.visibleGroups = req.visibleGroups;
  return f;
}

/**
 * Typed filter values as the store takes them: region names to codes, collection names to ids.
 * `unresolved` when a region or collection filter named nothing known (so nothing can match it). An
 * excluded 专题 must be named exactly: a partial name could leave out collections the user never meant.
 */
function resolveValues(typed: QueryFilters, collections: Collection[], messages: string[], excluding: boolean): { filters: ExcludedFilters; unresolved: boolean } {
  const f: ExcludedFilters = {};
  const ignored = excluding ? '（排除条件已忽略）' : '';
  let unresolved = false;
  for (const k of VALUE_FILTERS) if (typed[k].length) f[k] = [...new Set(typed[k])];
  // A theme by one of its aliases (养老服务, 12345, 枫桥经验), as editing takes it: the theme documents are filed under.
  if (f.theme) {
    f.theme = [...new Set(f.theme.map((v) => {
      const name = findTheme(v)?.name;
      if (name && name !== v) messages.push(`主题「${v}」按「${name}」${excluding ? '排除' : '筛选'}`);
      return name ?? v;
    }))];
  }
  if (typed.region.length) {
    const codes = new Set<string>();
    for (const n of typed.region) {
      // (寶山 is 宝山: resolveRegionName reads a name in the index's normal form when it names nothing as written.)
      const r = resolveRegionName(n, excluding);
      const full = r.codes.length ? [] : streetNamesFor(n);
      if (!r.codes.length) messages.push(`未识别的地区：${n}${ignored}${full.length ? `；街道、乡镇请写全名，如 地区:${full.join('、')}` : ''}`);
      if (r.note) messages.push(r.note);
      r.codes.forEach((x) => codes.add(x));
    }
    if (codes.size) f.region = [...codes]; else unresolved = true;
  }
  if (typed.collection.length) {
    const ids = new Set<string>();
    for (const v of typed.collection) {
      // Names compared in the index's normal form too (專題:鯨落專題 finds 鲸落专题).
      const same = (a: string, b: string) => a === b || normaliseForIndex(a) === normaliseForIndex(b);
      const exact = collections.filter((c) => c.id === v || same(c.name, v));
      const partial = exact.length ? [] : collections.filter((c) => c.name.includes(v) || normaliseForIndex(c.name).includes(normaliseForIndex(v)));
      const found = excluding ? exact : [...exact, ...partial];
      if (!found.length) {
        const hint = excluding && partial.length ? `，请写出完整名称：${partial.map((c) => `「${c.name}」`).join('、')}` : '';
        messages.push(`未找到专题：${v}${ignored}${hint}`);
      }
      // 专题:枫桥经验 专题（测试）typed without quotes: the words after the space were read as search words.
      for (const c of partial) if (/\s/.test(c.name) && !excluding) messages.push(`专题「${v}」按「${c.name}」筛选；名称中有空格时请加引号，如 专题:"${c.name}"`);
      found.forEach((c) => ids.add(c.id));
    }
    if (ids.size) f.collection = [...ids]; else unresolved = true;
  }
  if (typed.yearFrom != null) f.yearFrom = typed.yearFrom;
  if (typed.yearTo != null) f.yearTo = typed.yearTo;
  return { filters: f, unresolved };
}

/** Filters whose values are plain strings the facets hold (regions and collections are resolved first). */
const VALUE_FILTERS = ['category', 'theme', 'tag'] as const;

/**
 * Category, theme and tag values typed in another script, width or case than the library holds them
 * (研究文獻 for 研究文献, 繁体测试 for a tag saved as 繁體測試) are replaced in `f` (wanted or excluded values)
 * by the values held that read the same in index normal form. Only values `pick` selects are looked up:
 * search asks for those that change in normal form before matching, for every excluded one, and for all
 * wanted values once nothing matched. Whether a value is held as typed is one count; the facet's values
 * are listed (a larger query) only when one is not. Returns the replacements made, as notes.
 */
export async function respellValues(store: Store, f: ExcludedFilters, visibleGroups: string[] | undefined | null, pick: (v: string) => boolean): Promise<string[]> {
  const notes: string[] = [];
  for (const k of VALUE_FILTERS) {
    const typed = f[k] ?? [];
    const unheld: string[] = [];
    for (const v of typed.filter(pick)) if (!(await holds(store, { [k]: [v] }, visibleGroups))) unheld.push(v);
    if (!unheld.length) continue;
    const held = (await heldValues(store, k, visibleGroups)).map((c) => c.value);
    const byForm = new Map<string, string[]>();
    for (const v of held) { const form = valueForm(v); byForm.set(form, [...(byForm.get(form) ?? []), v]); }
    f[k] = [...new Set(typed.flatMap((v) => {
      const same = unheld.includes(v) ? (byForm.get(valueForm(v)) ?? []) : [];
      if (same.length) notes.push(`${FIELD_NAMES[k]}「${v}」按「${same.join('」「')}」查找`);
      return same.length ? same : [v];
    }))];
  }
  return notes;
}

/**
 * How values are compared: index normal form without quotation marks, which the query language takes as
 * quoting (a tag saved as "三农", with the quotes, is typed 标签:"三农" and read as 三农).
 */
const valueForm = (v: string): string => normaliseForIndex(v).replace(/["'“”‘’「」『』]/g, '');

/** Whether a value reads differently in index normal form (traditional characters, full width, capitals). */
export const changesInNormalForm = (v: string): boolean => normaliseForIndex(v) !== v;

/**
 * Whether any document the caller may see passes these filters: a count (no facet counting: a one-off
 * CLI search would load every document's facet values for it).
 */
async function holds(store: Store, f: IndexFilters, visibleGroups: string[] | undefined | null): Promise<boolean> {
  return (await store.matchDocuments(null, { ...f, ...(visibleGroups ? { visibleGroups } : {}) }, { limit: 0 })).total > 0;
}

/** Held values like one the library does not hold (类别:政策 → 政策文件), for the user to pick instead. */
export interface SimilarValues {
  field: 'category' | 'theme' | 'tag'; value: string; like: string[]; excluded?: boolean;
  /** The whole query with each `like` value in place of the typed one; absent when the value is the page's filter (a parameter). */
  queries?: string[];
}

/** Values of one facet compared by respellValues (default 10,000). */
const MAX_RESPELL_VALUES = 10_000;

/**
 * The category, theme and tag values no document in the library has (a typo?): asked when nothing
 * matched, and for every exclusion (a mistyped one silently leaves everything in).
 */
export async function unknownFilterValues(store: Store, values: ExcludedFilters, filters: IndexFilters, consequence: string, similar: SimilarValues[] = [], excluded = false): Promise<string[]> {
  const out: string[] = [];
  const none = async (f: IndexFilters) => !(await holds(store, f, filters.visibleGroups));
  for (const k of VALUE_FILTERS) {
    for (const v of values[k] ?? []) {
      if (!(await none({ [k]: [v] }))) continue;
      const like = await valuesLike(store, k, v, filters.visibleGroups);
      if (like.length) similar.push({ field: k, value: v, like, ...(excluded ? { excluded } : {}) });
      out.push(`知识库中没有${FIELD_NAMES[k]}为「${v}」的文档${consequence}${like.length ? `；相近的取值：${like.map((x) => `${FIELD_NAMES[k]}:${x}`).join('、')}` : ''}`);
    }
  }
  // A known place or an existing collection no document is about yet, a year range outside the library.
  // One count over all the places asked for (城关镇 names 88 towns: one message, not 88).
  const places = values.region ?? [];
  if (places.length && await none({ region: places })) {
    // A code the gazetteer does not know (999999) is named as a code, not as if it were a place name.
    const names = [...new Set(places.map((c) => (regionInfo(c) ? regionPath(c) : /^\d+$/.test(c) ? `代码为 ${c} 的地区` : c)))];
    out.push(`知识库中没有涉及${names.length > 3 ? `${names.slice(0, 3).join('、')}等 ${names.length} 处地方` : names.join('、')}的文档${consequence}`);
  }
  for (const id of values.collection ?? []) {
    if (await none({ collection: [id] })) out.push(`专题「${(await store.getCollection(id))?.name ?? id}」中还没有文档${consequence}`);
  }
  if ((values.yearFrom != null || values.yearTo != null) && await none({ yearFrom: values.yearFrom, yearTo: values.yearTo })) {
    // A report titled 2008年… but dated nowhere in its text or source has no 年份: say that such documents exist
    // (for a filter; an exclusion that excludes nothing is another matter).
    const undated = consequence ? 0 : await undatedCount(store, null, filters.visibleGroups ? { visibleGroups: filters.visibleGroups } : {});
    out.push(`知识库中没有 ${yearRange(values.yearFrom, values.yearTo)}的文档${consequence}${undated ? `（另有 ${undated} 篇文档没有发布日期，不计入任何年份；可在文档页补上发布日期）` : ''}`);
  }
  return out;
}

/** The values of a facet the caller's documents hold, most used first (at most MAX_RESPELL_VALUES). */
async function heldValues(store: Store, k: (typeof VALUE_FILTERS)[number], visibleGroups: string[] | undefined | null): Promise<FacetCount[]> {
  return (await store.facetCounts(null, visibleGroups ? { visibleGroups } : {}, [k], MAX_RESPELL_VALUES))[k] ?? [];
}

/** Up to three values the library holds that contain the typed one or are contained in it (政策 → 政策文件), most used first. */
async function valuesLike(store: Store, k: (typeof VALUE_FILTERS)[number], typed: string, visibleGroups: string[] | undefined | null): Promise<string[]> {
  const form = valueForm(typed);
  if (!form) return [];
  const held = await heldValues(store, k, visibleGroups);
  return held.filter((c) => { const h = valueForm(c.value); return h !== form && (h.includes(form) || ([...h].length >= 2 && form.includes(h))); })
    .slice(0, 3).map((c) => c.value);
}

/** Documents without a year (no publication date, none in the title) the match and every filter but the year range would list. */
export async function undatedCount(store: Store, match: TextMatch | null, filters: IndexFilters): Promise<number> {
  const { yearFrom: _from, yearTo: _to, ...rest } = filters;
  const all = (await store.matchDocuments(match, rest, { limit: 0 })).total;
  if (!all) return 0;
  const dated = (await store.matchDocuments(match, { ...rest, yearFrom: -1_000_000, yearTo: 1_000_000 }, { limit: 0 })).total;
  return Math.max(0, all - dated);
}

function yearRange(from: number | undefined, to: number | undefined): string {
  if (from != null && from === to) return `${from} 年`;
  if (from != null && to != null) return `${from}–${to} 年`;
  return from != null ? `${from} 年及以后` : `${to} 年及以前`;
}

/** Filters whose every value is also excluded (类别:政策文件 -类别:政策文件): nothing can match them. */
export function contradictions(filters: IndexFilters): string[] {
  const out: string[] = [];
  for (const k of [...VALUE_FILTERS, 'region', 'collection'] as const) {
    const wanted = filters[k] ?? [];
    const excluded = filters.exclude?.[k] ?? [];
    // A region is excluded with any place that contains it (地区:上海宝山 -地区:上海).
    const gone = (v: string) => (k === 'region' ? withAncestors(v).some((a) => excluded.includes(a)) : excluded.includes(v));
    if (wanted.length && wanted.every(gone)) out.push(...wanted.map((v) => `${FIELD_NAMES[k]}:${k === 'region' ? regionInfo(v)?.name ?? v : v}`));
  }
  return out;
}
