import type {
  Analysis, AnalysisResult, ApiToken, AuditEntry, Collection, CollectionInput, Document, DocumentWithAnalyses, IndexEntry, FacetName, Job, OriginalFile, User,
} from '../domain/index.js';

export interface ListOptions {
  limit?: number; // default 20, max 1000
  offset?: number; // default 0
  category?: string;
  tag?: string;
  ids?: string[];
  sort?: 'created' | 'updated' | 'title'; // default created, newest first
  /** Group ids the caller may see; undefined = all (local mode). Documents with no group are always visible. */
  visibleGroups?: string[];
}

/** Filters shared by listing, search and facets. Every list is OR inside, AND across. */
export interface IndexFilters {
  category?: string[];
  theme?: string[];
  /** Region codes; a code matches documents about it or any place inside it. */
  region?: string[];
  tag?: string[];
  yearFrom?: number;
  yearTo?: number;
  collection?: string[];
  visibleGroups?: string[];
  /** A second set of filters every document must also pass (a facet value clicked on top of the same field typed in the query). */
  alsoRequired?: ExcludedFilters;
  /**
   * Left out: documents holding any of these values (-类别:政策文件), or published within this year range
   * (documents with no year stay). Region codes leave out the places inside them too.
   */
  exclude?: ExcludedFilters;
}

/** The filters both stores test against doc_facets rows (collection and year have their own tables and columns). */
export const FACET_FILTERS = ['category', 'theme', 'region', 'tag'] as const;

export type ExcludedFilters = Pick<IndexFilters, 'category' | 'theme' | 'region' | 'tag' | 'collection' | 'yearFrom' | 'yearTo'>;

/** Options of Store.refreshSearchLists. */
export interface RefreshOptions { pause?: () => Promise<void>; shouldStop?: () => boolean; onBuilt?: (built: number) => void }

/** A full-text match over the indexed token streams. Terms are tokens as produced by the search module. */
export interface TextMatch {
  /**
   * Each inner list is one required concept: a document must contain at least one alternative of every
   * group. An alternative is a token, or tokens that must all occur (a word's bigram chain, which finds
   * the word in texts the segmenter split differently).
   */
  all: (string | string[])[][];
  /** Optional terms: a document containing any of them is a candidate (used when `all` is empty). */
  any: string[];
  /** Documents containing any of these are excluded. */
  none: string[];
  /** Documents where one of these token sequences occurs consecutively are excluded (-老旧小区). */
  nonePhrases?: string[][];
  /** Token sequences that must occur consecutively in one field. */
  phrases: string[][];
  /**
   * Phrase alternatives of the groups of `all`, by index: group i is also satisfied by any of these token
   * sequences occurring consecutively in one field ("议事协商" OR 接诉即办).
   */
  phraseAlternatives?: string[][][];
}

/** One indexed document as the ranker sees it. */
export interface IndexedDoc {
  id: string;
  title: string;
  category: string;
  /** IndexEntry.sortDate: publication date when known, else when the document was added. */
  sortDate: string;
  year: number | null;
  fields: { title: string; keywords: string; entities: string; body: string };
  /**
   * True when `fields.body` holds only the first RANK_BODY_CHARS characters of a longer body (cut at a
   * token boundary). The ranker scores the part it has, and keeps such a document even when its matches
   * lie past that part.
   */
  bodyCut?: boolean;
  /** The store's own relevance estimate (lower is better for SQLite bm25); only for candidate ordering. */
  storeRank: number;
}

/**
 * Characters of a document's body token string the ranker reads (default 200,000, the tokens of some
 * 40,000–60,000 characters of text). A 2-million-character report has a 15 MB token string: reading and
 * scanning it whole took ~0.5 s per search. Term counts saturate long before; the full-text match still
 * covers the whole text, and similar documents take a long document's key terms from this part too.
 */
export const RANK_BODY_CHARS = 200_000;

/**
 * The body fields of an IndexedDoc from a store row that read the first RANK_BODY_CHARS characters of the
 * body and whether it is longer: a cut body ends at the last whole token.
 */
export function rankBody(body: string, cut: boolean): Pick<IndexedDoc, 'bodyCut'> & { body: string } {
  if (!cut) return { body };
  const space = body.lastIndexOf(' ');
  return { body: space > 0 ? body.slice(0, space) : body, bodyCut: true };
}

/** How many of a match's documents to return, from where, in which order (default 'rank'). */
export interface MatchOptions { limit: number; skip?: number; sort?: 'rank' | 'date' }

export interface CorpusStats {
  docCount: number;
  /** Average number of tokens per field. */
  avgLength: { title: number; keywords: number; entities: number; body: number };
}

/** A top-level part of an analysis result (regions, themes, mechanisms …). */
export type AnalysisPart = keyof AnalysisResult;

/**
 * A document with the parts P of its latest analysis — the latest offline one when it has one, as the index
 * uses (an imported or model analysis may be newer) — absent when it has none.
 */
export type DocumentWithLatest<P extends AnalysisPart = AnalysisPart> = Document & { latest?: Partial<Pick<AnalysisResult, P>> };

/** Part names go into SQL as JSON keys: only plain identifiers are accepted. */
export function checkedParts(parts: readonly AnalysisPart[]): string[] {
  for (const p of parts) if (!/^[A-Za-z]+$/.test(p)) throw new Error(`not an analysis part: ${String(p)}`);
  return [...new Set(parts as string[])];
}

/** The latest analysis's parts as read from the store, parts it lacks left out. */
export function withLatest<P extends AnalysisPart>(doc: Document, latest: Record<string, unknown> | null | undefined): DocumentWithLatest<P> {
  if (!latest) return doc;
  return { ...doc, latest: Object.fromEntries(Object.entries(latest).filter(([, v]) => v != null)) as Partial<Pick<AnalysisResult, P>> };
}

export interface FacetCount { value: string; count: number }

export interface JobItemRecord { item: string; status: 'imported' | 'duplicate' | 'failed'; documentId?: string; title?: string; row?: number; message?: string; code?: string }

/**
 * The persistence boundary. SQLite (embedded default) and PostgreSQL (team server) implement it and
 * pass the same contract suite (store-contract.ts). Every method that writes more than one row does so
 * in one transaction.
 */
export interface Store extends JobQueue, AuthStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the data lives, for the settings page (a file path or a redacted connection string). */
  readonly location: string;
  close(): Promise<void>;

  // documents
  /** Inserts the document, its original bytes, its first analysis and its index entry atomically. */
  createDocument(doc: Document, extra: { originalBytes?: Buffer; analyses?: Analysis[]; index: IndexEntry; lshBands?: string[] }): Promise<void>;
  getDocument(id: string): Promise<DocumentWithAnalyses | null>;
  getDocuments(ids: string[]): Promise<Document[]>;
  /**
   * Documents in the order of `ids` (null where one no longer exists), each with only the named parts of
   * its latest analysis: what search hits and similar-document lists show. Reading every analysis
   * version whole was most of the cost of a page of hits (~0.6 ms per document at 100k documents).
   */
  getDocumentsWithLatest<P extends AnalysisPart>(ids: string[], parts: readonly P[]): Promise<(DocumentWithLatest<P> | null)[]>;
  getOriginal(id: string): Promise<{ file: OriginalFile; bytes: Buffer } | null>;
  findByTextHash(textHash: string): Promise<Document | null>;
  listDocuments(opts?: ListOptions): Promise<{ total: number; items: Document[] }>;
  /** Replaces the document row and its index entry atomically; returns null when missing. */
  updateDocument(doc: Document, index: IndexEntry): Promise<Document | null>;
  /**
   * Rewrites a document's index entry and text hash (after an index format upgrade) only when the
   * stored document still has `doc.updatedAt` and `expect.analyses` analyses (they are append-only): a
   * concurrent edit or re-analysis, which writes its own entry, is never overwritten by one built from
   * the older copy. Returns whether it wrote.
   */
  reindexDocument(doc: Document, index: IndexEntry, expect: { analyses: number }): Promise<boolean>;
  deleteDocument(id: string): Promise<boolean>;
  countDocuments(): Promise<number>;
  /**
   * Iterates all documents in creation order, in pages (for export, re-indexing, migration); with
   * `afterId`, those created after that document (all of them when it no longer exists).
   */
  iterateDocuments(pageSize?: number, afterId?: string): AsyncIterable<DocumentWithAnalyses>;

  // analyses
  addAnalysis(analysis: Analysis, index?: IndexEntry): Promise<void>;

  // near-duplicates
  /** Document ids sharing at least one LSH band key. */
  findByLshBands(bands: string[], limit?: number): Promise<string[]>;
  listCluster(clusterId: string): Promise<Document[]>;
  /** Documents in each of these same-case clusters (only those visible to these groups when given). */
  clusterSizes(clusterIds: string[], visibleGroups?: string[] | null): Promise<Map<string, number>>;

  // search primitives
  corpusStats(): Promise<CorpusStats>;
  /** Number of indexed documents containing each term (in any field). */
  docFrequencies(terms: string[]): Promise<Map<string, number>>;
  /**
   * Candidate documents for a match, best store rank first; `total` counts all matching documents.
   * `skip` (default 0): documents of that order passed over before the `limit` returned, so a deep page
   * reads the wide rows of its own block only.
   */
  matchDocuments(match: TextMatch | null, filters: IndexFilters, opts: MatchOptions): Promise<{ total: number; docs: IndexedDoc[] }>;
  /** Facet counts over the documents that match. */
  facetCounts(match: TextMatch | null, filters: IndexFilters, facets: (FacetName | 'collection')[], limitPerFacet?: number): Promise<Record<string, FacetCount[]>>;
  /** Index entries by document id (for similar-document search and re-ranking). */
  getIndexed(ids: string[]): Promise<IndexedDoc[]>;
  /**
   * Index upkeep after many writes, SQLite only (term-tops.ts, term-postings.ts): lists the best documents
   * of frequent words and keeps their full postings, so that their searches need not have FTS5 walk and
   * score every match. Returns the lists and postings built or merged; searches are exact without it, only
   * slower. `pause` runs between steps (a server yields to requests), `shouldStop` ends it early,
   * `onBuilt` hears the count after each list or word's postings built or merged.
   */
  refreshSearchLists?(opts?: RefreshOptions): Promise<number>;

  // collections
  /** `updatedAt` defaults to `createdAt` (given when restoring a backup). */
  createCollection(input: CollectionInput & { id: string; createdAt: string; updatedAt?: string }): Promise<Collection>;
  getCollection(id: string): Promise<Collection | null>;
  listCollections(): Promise<Collection[]>;
  updateCollection(id: string, patch: Partial<CollectionInput>): Promise<Collection | null>;
  deleteCollection(id: string): Promise<boolean>;

  // jobs
  createJob(job: Job): Promise<void>;
  getJob(id: string): Promise<Job | null>;
  updateJob(job: Job): Promise<void>;
  recordJobItem(jobId: string, rec: JobItemRecord): Promise<void>;

  // settings (small JSON values: categories, user lexicon, theme model)
  getSetting<T>(key: string): Promise<T | undefined>;
  putSetting<T>(key: string, value: T): Promise<void>;

  // maintenance
  /** An online, consistent copy of the whole database into a file. */
  backup(file: string): Promise<void>;
  /** Returns 'ok' or the problems found. */
  integrityCheck(): Promise<string>;
}

/** Thrown by createDocument when a document with the same normalised text already exists. */
export class DuplicateTextError extends Error {
  readonly code = 'DUPLICATE';
  constructor(readonly textHash: string) {
    super('已存在正文相同的文档');
  }
}

/** What an import job works on, kept in the database so that any app node can run or resume the job. */
export type JobInput = { name: string; bytes: Buffer } | { url: string };

export interface JobOptions { category?: string; mapping?: Record<string, string>; maxBytes?: number; groupId?: string }

/** A job claimed by one worker: the job, its inputs and the items already finished by earlier attempts. */
export interface ClaimedJob { job: Job; inputs: JobInput[]; options: JobOptions; finishedItems: JobItemRecord[] }

/**
 * The persistent job queue. Kept apart from Store's other methods because only the import worker uses it.
 * A claim is a lease: the worker renews it with heartbeatJob; a job whose lease has lapsed (its node died)
 * is claimed again by any node and resumes after the items it had finished.
 */
export interface JobQueue {
  enqueueJob(job: Job, inputs: JobInput[], options: JobOptions): Promise<void>;
  /** Claims the oldest queued job, or a running job whose lease is older than staleMs. */
  claimJob(workerId: string, staleMs: number): Promise<ClaimedJob | null>;
  /** Renews the lease; false when another worker has taken the job over. */
  heartbeatJob(jobId: string, workerId: string): Promise<boolean>;
}

/** Accounts, sessions, API tokens, login throttling and the audit log (team mode). */
export interface AuthStore {
  createUser(user: User, passwordHash: string): Promise<void>;
  getUser(id: string): Promise<User | null>;
  /** The user and their password hash, for sign-in. */
  findUserByName(username: string): Promise<{ user: User; passwordHash: string } | null>;
  listUsers(): Promise<User[]>;
  updateUser(id: string, patch: Partial<Pick<User, 'displayName' | 'role' | 'groups' | 'disabled'>>, passwordHash?: string): Promise<User | null>;
  countUsers(): Promise<number>;

  /** Sessions and tokens are stored by the sha256 of their secret, never the secret itself. */
  createSession(s: { idHash: string; userId: string; csrfToken: string; expiresAt: string }): Promise<void>;
  getSession(idHash: string): Promise<{ userId: string; csrfToken: string; expiresAt: string } | null>;
  deleteSession(idHash: string): Promise<void>;

  createApiToken(t: ApiToken, tokenHash: string): Promise<void>;
  findApiToken(tokenHash: string): Promise<ApiToken | null>;
  listApiTokens(userId: string): Promise<ApiToken[]>;
  revokeApiToken(id: string, userId: string | null, at: string): Promise<boolean>;
  touchApiToken(id: string, at: string): Promise<void>;

  /** Adds one failed attempt for key within a fixed window; returns the count in the current window. */
  countLoginFailure(key: string, windowMs: number): Promise<number>;
  loginFailures(key: string, windowMs: number): Promise<number>;
  clearLoginFailures(key: string): Promise<void>;

  appendAudit(e: Omit<AuditEntry, 'seq'>): Promise<void>;
  listAudit(opts: { limit?: number; offset?: number; userId?: string; action?: string }): Promise<{ total: number; items: AuditEntry[] }>;
}
