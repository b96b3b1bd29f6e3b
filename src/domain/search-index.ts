/**
 * What the search module hands to the store for one document: pre-segmented token streams (tokens
 * separated by single spaces, already normalised) per field, and the facet values the document
 * carries. The store writes it in the same transaction as the document.
 */
export interface IndexEntry {
  title: string;
  keywords: string;
  entities: string;
  body: string;
  /** Publication year (or creation year when unknown), for the 年份 filter and date facets. */
  year: number | null;
  /**
   * What 按日期 sorts by: the publication date as far as it is known (2024-02-29, 2024-02, 2024) or, when
   * unknown, the time the document was added (ISO). Comparable as strings.
   */
  sortDate: string;
  /** Facet values. `region` includes every ancestor code (宝山区 310113 → 31, 310113). */
  facets: {
    category: string[];
    theme: string[];
    region: string[];
    year: string[];
    tag: string[];
  };
}

export type FacetName = keyof IndexEntry['facets'];
export const FACET_NAMES: FacetName[] = ['category', 'theme', 'region', 'year', 'tag'];
