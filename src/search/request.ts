// What a search request is made of, light enough for the CLI to load before it opens a library: the
// filter fields and their names in the query language, and the request a set of parameters asks for.
import type { SearchRequest } from './search.js';

export type FilterName = 'category' | 'theme' | 'region' | 'year' | 'collection' | 'tag';

/** Each filter's name as written in the query language (messages name filters this way). */
export const FIELD_NAMES: Record<FilterName, string> = { category: '类别', theme: '主题', region: '地区', year: '年份', collection: '专题', tag: '标签' };

/** The filters a request may carry as parameters (the fields of the query language). */
export const FILTER_FIELDS = Object.keys(FIELD_NAMES) as FilterName[];

/**
 * The search a set of parameters asks for (GET /api/search's query string, the CLI's options): the query,
 * each filter when not blank, the order. Page and caller's groups are the caller's to add.
 */
export function searchRequestFrom(p: Record<string, unknown>): SearchRequest {
  const blank = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
  return {
    // Long pasted passages are cut by the query parser (MAX_QUERY_CHARS), which says so in `message`.
    q: String(p.q ?? ''),
    ...Object.fromEntries(FILTER_FIELDS.map((k) => [k, blank(p[k])])),
    sort: p.sort === 'date' ? 'date' : 'relevance',
  };
}
