/**
 * Index rows of recent candidates, kept while nothing is written, within a budget of characters. A
 * candidate's row holds its token strings, and reading them is most of a search's cost when documents
 * are long: a question matching 50 government reports read ~10 MB of tokens (60–110 ms) every time it was
 * asked, and the next question read most of the same reports again.
 */
export class RowCache<R> {
  private stamp = '';
  private chars = 0;
  /** Rowid → row and its size, least recently used first. */
  private readonly rows = new Map<number, { row: R; size: number }>();

  /** `budget`: characters of rows kept (default ROW_CACHE_CHARS); `size`: a row's characters. */
  constructor(private readonly size: (row: R) => number, private readonly budget = ROW_CACHE_CHARS) {}

  /**
   * The rows of `rids` as of `stamp` (a write stamp: any other value drops every kept row), reading those
   * not kept with `read` (which may leave out rowids it does not find).
   */
  get(stamp: string, rids: number[], read: (missing: number[]) => [number, R][]): Map<number, R> {
    if (stamp !== this.stamp) { this.rows.clear(); this.chars = 0; this.stamp = stamp; }
    const out = new Map<number, R>();
    const missing: number[] = [];
    for (const rid of rids) {
      const hit = this.rows.get(rid);
      if (!hit) { missing.push(rid); continue; }
      this.rows.delete(rid);
      this.rows.set(rid, hit);
      out.set(rid, hit.row);
    }
    if (!missing.length) return out;
    for (const [rid, row] of read(missing)) {
      out.set(rid, row);
      const size = this.size(row);
      if (size > this.budget / 4) continue;
      this.rows.set(rid, { row, size });
      this.chars += size;
    }
    for (const [rid, { size }] of this.rows) {
      if (this.chars <= this.budget) break;
      this.rows.delete(rid);
      this.chars -= size;
    }
    return out;
  }
}

/**
 * Characters of candidate rows kept (default 16 million: at most ~32 MB of JavaScript strings; the
 * token strings of ~4,000 short documents, or of a hundred reports of 40,000 characters).
 */
export const ROW_CACHE_CHARS = 16_000_000;
