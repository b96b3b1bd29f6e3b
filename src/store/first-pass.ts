// The first pass of search: each store orders the documents that match so that search re-ranks the best
// hundred. SQLite scores every match with FTS5's bm25(); PostgreSQL orders by what it can read without a
// detoast (see postgres-search.ts firstPass). Both weigh fields alike.

/**
 * Field weights (title, keywords, entities, body) of the first pass: the re-ranker's own (DEFAULT_RANK,
 * checked by a test), so the first pass orders documents much as the final ranking will and a pool of
 * 100 holds the top page. With 4/3/2/1 a pool of 200 was needed for the same agreement.
 */
export const CANDIDATE_WEIGHTS = [1, 1.5, 1.5, 1];
// (SQLite keeps weighted frequencies computed with these in its frequent-word lists and postings, as
// Float32 — exact for multiples of 0.5: a change of weights needs a migration that empties term_tops,
// term_top_lists and term_postings so the refresh builds them again.)

/** BM25's IDF (as FTS5 and the re-ranker compute it) of a term held by `df` of `n` documents. */
export function idf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}
