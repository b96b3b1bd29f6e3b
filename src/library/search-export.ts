// A search's result list as a file (GET /api/search/export, zhizhi search --export): the search run page
// by page as the search page shows it, the documents' sources read, and the table written by report/.
import { FIELD_NAMES, FILTER_FIELDS } from '../search/request.js';
import { parseYearRange } from '../search/query-parser.js';
import { searchDocuments, type SearchHit, type SearchRequest } from '../search/search.js';
import type { Store } from '../store/store.js';
import { beijingTime, resultLines, resultListToCsv, resultListToMarkdown } from '../report/result-list.js';

/** Results exported at most (default 1,000). */
export const MAX_EXPORT = 1000;

/**
 * The first `limit` results of a search (at most MAX_EXPORT) as a CSV or Markdown file, in the order the
 * search page shows them; the caller's groups apply as they do to the search.
 */
export async function exportSearchResults(store: Store, req: SearchRequest, format: 'csv' | 'md', limit: number): Promise<{ body: string; message?: string }> {
  const hits: SearchHit[] = [];
  let total = 0;
  // The first page's notes (no document holds every word, an exclusion that did nothing …): what the page said.
  let message: string | undefined;
  // In pages of 200 (what one search returns at most).
  while (hits.length < Math.min(limit, MAX_EXPORT)) {
    const page = await searchDocuments(store, { ...req, limit: Math.min(200, limit - hits.length), offset: hits.length }, { facets: false, notes: false });
    total = page.total;
    if (!hits.length) message = page.message;
    hits.push(...page.hits);
    if (!page.hits.length || hits.length >= total) break;
  }
  const docs = new Map((await store.getDocuments(hits.map((h) => h.id))).map((d) => [d.id, d]));
  const lines = resultLines(hits, docs);
  const noted = message ? { message } : {};
  if (format === 'csv') return { body: resultListToCsv(lines), ...noted };
  // A year the search could not read filtered nothing: not named as a filter.
  const filters = FILTER_FIELDS.flatMap((k) => (req[k] && (k !== 'year' || parseYearRange(String(req[k]))) ? [`${FIELD_NAMES[k]}:${String(req[k])}`] : []));
  return { body: resultListToMarkdown(lines, { query: req.q ?? '', filters, sort: req.sort ?? 'relevance', total, exportedAt: beijingTime(new Date()), ...noted }), ...noted };
}
