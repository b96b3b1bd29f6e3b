// Rewriting a typed query: one filter value swapped for another (类别:政策 → 类别:政策文件), so that the
// search page can offer a held value in place of one the library does not hold, in one click.
import { filterOf, filterValues, lex, negatesNext, parseQuery, queryInput, valueAfterSpace, type FilterName, type ParsedQuery } from './query-parser.js';

/** The filters that hold a list of values (年份 holds a range). */
type ListFilter = Exclude<FilterName, 'year'>;

/**
 * The query with the typed filter `field` (negated or not) holding `value` changed to hold `next`, under
 * the field name it was typed with (分类:, category:), and the rest of the query as it was read (full width
 * as half width); null when no such filter was typed (it came from the page's facets) or the value sits
 * in a list that `next` cannot join (it holds a separator).
 */
export function replaceFilterValue(raw: string, field: ListFilter, value: string, next: string, negated: boolean): string | null {
  const { input } = queryInput(raw);
  const lexemes = lex(input, []);
  let pendingNot = false;
  for (let i = 0; i < lexemes.length; i++) {
    if (negatesNext(lexemes, i)) { pendingNot = true; continue; }
    const lx = lexemes[i];
    const isNegated = lx.negated || pendingNot;
    pendingNot = false;
    const filter = filterOf(lx);
    if (!filter) continue;
    // 地区: 上海 — the value typed after a space is the next word.
    const target = !filter.value && valueAfterSpace(lexemes[i + 1]) ? lexemes[i + 1] : lx;
    const typed = target === lx ? filter.value : target.text;
    if (target !== lx) i++;
    if (filter.name !== field || isNegated !== negated) continue;
    const { values, whole } = filterValues(typed);
    if (!values.includes(value)) continue;
    const separated = /[\s"、,，|]/.test(next);
    if (separated && values.length > 1 && !whole) return null;
    const written = whole || separated ? `"${next.replace(/"/g, '')}"` : values.map((v) => (v === value ? next : v)).join('、');
    // A value typed after a space is that whole word or phrase, quotes and all; else the end of 字段:值.
    const start = target === lx ? target.end - typed.length : target.start;
    const rewritten = `${input.slice(0, start)}${written}${input.slice(target.end)}`;
    // Read back as the parser reads it: only this value changed (a stray quote elsewhere could pair with ours).
    return readsAsSwapped(parseQuery(raw), parseQuery(rewritten), field, value, next, negated) ? rewritten : null;
  }
  return null;
}

/** Whether `after` is `before` with `value` of the (negated) filter `field` replaced by `next`, and nothing else changed. */
function readsAsSwapped(before: ParsedQuery, after: ParsedQuery, field: ListFilter, value: string, next: string, negated: boolean): boolean {
  const side = (q: ParsedQuery) => (negated ? q.excludedFilters : q.filters);
  const expected = [...new Set(side(before)[field].map((v) => (v === value ? next : v)))];
  const swapped = { ...before, [negated ? 'excludedFilters' : 'filters']: { ...side(before), [field]: expected }, messages: [] };
  return JSON.stringify(swapped) === JSON.stringify({ ...after, messages: [] });
}
