import type {
  Analysis, Collection, CollectionInput, Document, DocumentWithAnalyses, IndexEntry, FacetName, Job, OriginalFile,
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
}

/** A full-text match over the indexed token streams. Terms are tokens as produced by the search module. */
export interface TextMatch {
  /** Each inner list is one required concept: a document must contain at least one term of every group. */
  all: string[][];
  /** Optional terms: a document containing any of them is a candidate (used when `all` is empty). */
  any: string[];
  /** Documents containing any of these are excluded. */
  none: string[];
  /** Token sequences that must occur consecutively in one field. */
  phrases: string[][];
}

/** One indexed document as the ranker sees it. */
export interface IndexedDoc {
  id: string;
  title: string;
  category: string;
  createdAt: string;
  year: number | null;
  fields: { title: string; keywords: string; entities: string; body: string };
  /** The store's own relevance estimate (lower is better for SQLite bm25); only for candidate ordering. */
  storeRank: number;
}

export interface CorpusStats {
  docCount: number;
  /** Average number of tokens per field. */
  avgLength: { title: number; keywords: number; entities: number; body: number };
}

export interface FacetCount { value: string; count: number }

export interface JobItemRecord { item: string; status: 'imported' | 'duplicate' | 'failed'; documentId?: string; message?: string; code?: string }

/**
 * The persistence boundary. SQLite (embedded default) and PostgreSQL (team server) implement it and
 * pass the same contract suite (store-contract.ts). Every method that writes more than one row does so
 * in one transaction.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the data lives, for the settings page (a file path or a redacted connection string). */
  readonly location: string;
  close(): Promise<void>;

  // documents
  /** Inserts the document, its original bytes, its first analysis and its index entry atomically. */
  createDocument(doc: Document, extra: { originalBytes?: Buffer; analyses?: Analysis[]; index: IndexEntry; lshBands?: string[] }): Promise<void>;
  getDocument(id: string): Promise<DocumentWithAnalyses | null>;
  getDocuments(ids: string[]): Promise<Document[]>;
  getOriginal(id: string): Promise<{ file: OriginalFile; bytes: Buffer } | null>;
  findByTextHash(textHash: string): Promise<Document | null>;
  listDocuments(opts?: ListOptions): Promise<{ total: number; items: Document[] }>;
  /** Replaces the document row and its index entry atomically; returns null when missing. */
  updateDocument(doc: Document, index: IndexEntry): Promise<Document | null>;
  deleteDocument(id: string): Promise<boolean>;
  countDocuments(): Promise<number>;
  /** Iterates all documents in creation order, in pages (for export, re-indexing, migration). */
  iterateDocuments(pageSize?: number): AsyncIterable<DocumentWithAnalyses>;

  // analyses
  addAnalysis(analysis: Analysis, index?: IndexEntry): Promise<void>;

  // near-duplicates
  /** Document ids sharing at least one LSH band key. */
  findByLshBands(bands: string[], limit?: number): Promise<string[]>;
  listCluster(clusterId: string): Promise<Document[]>;

  // search primitives
  corpusStats(): Promise<CorpusStats>;
  /** Number of indexed documents containing each term (in any field). */
  docFrequencies(terms: string[]): Promise<Map<string, number>>;
  /** Candidate documents for a match, best store rank first; `total` counts all matching documents. */
  matchDocuments(match: TextMatch | null, filters: IndexFilters, opts: { limit: number; sort?: 'rank' | 'date' }): Promise<{ total: number; docs: IndexedDoc[] }>;
  /** Facet counts over the documents that match. */
  facetCounts(match: TextMatch | null, filters: IndexFilters, facets: (FacetName | 'collection')[], limitPerFacet?: number): Promise<Record<string, FacetCount[]>>;
  /** Index entries by document id (for similar-document search and re-ranking). */
  getIndexed(ids: string[]): Promise<IndexedDoc[]>;

  // collections
  createCollection(input: CollectionInput & { id: string; createdAt: string }): Promise<Collection>;
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
