import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type {
  Analysis, Collection, CollectionInput, Document, DocumentWithAnalyses, FacetName, IndexEntry, Job, OriginalFile,
} from '../../domain/index.js';
import { nowIso } from '../../domain/index.js';
import { DuplicateTextError, type CorpusStats, type FacetCount, type IndexFilters, type IndexedDoc, type ClaimedJob, type JobInput, type JobOptions, type ListOptions, type MatchOptions, type RefreshOptions, type Store, type TextMatch, type AuthStore, type AnalysisPart, type DocumentWithLatest, checkedParts, withLatest } from '../store.js';
import { migrate } from './migrations.js';
import {
  analysisFromRow, analysisParams, collectionFromRows, documentFromRow, documentParams, tokenCount,
  type AnalysisRow, type DocumentRow,
} from './rows.js';
import { SqliteSearch } from './sqlite-search.js';
import { TermPostings, type TermPostingsOptions } from './term-postings.js';
import { TermTops, type TermTopsOptions } from './term-tops.js';
import { SqliteAuth } from './sqlite-auth.js';
import { delegateAuth } from '../delegate.js';
import { JOB_ITEM_COLUMNS, jobItemFromRow, type JobItemRecord, type JobItemRow } from '../job-items.js';

export interface SqliteStoreOptions {
  /** Milliseconds a writer waits for another process's lock before failing (default 10000). */
  busyTimeoutMs?: number;
  /** Open read-only (used to inspect a backup before restoring it). Default false. */
  readonly?: boolean;
  /** Sizes of the frequent words' lists (term-tops.ts; defaults TOP_SIZE, TOP_MIN_DF, TOP_MIN_SHARE). Tests use small ones. */
  searchLists?: TermTopsOptions;
  /** When frequent words' postings are merged and used (term-postings.ts; defaults MERGE_MIN, MERGE_SHARE, FTS_PHRASE_MAX, PENDING_MAX). Tests use small ones. */
  searchPostings?: TermPostingsOptions;
}

// The AuthStore half lives in sqlite-auth.ts and is attached in the constructor (delegateAuth).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface SqliteStore extends AuthStore {}

/** The embedded store: one SQLite file in WAL mode; the full-text index lives in the same file. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly search: SqliteSearch;
  /** The frequent words' lists, counts and postings: kept by the index writer here, read by the search's first pass. */
  private readonly tops: TermTops;
  private readonly postings: TermPostings;

  constructor(readonly location: string, opts: SqliteStoreOptions = {}) {
    if (location !== ':memory:' && !opts.readonly) mkdirSync(dirname(location), { recursive: true });
    this.db = new Database(location, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
    this.db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 10000}`);
    if (!opts.readonly) {
      this.db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode is durable against process crashes (what we promise: survive a kill at any
      // point); FULL would only add power-loss durability of the last transaction at a large write cost.
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('foreign_keys = ON');
      migrate(this.db);
    }
    this.postings = new TermPostings(this.db, opts.searchPostings);
    this.tops = new TermTops(this.db, opts.searchLists, this.postings);
    this.search = new SqliteSearch(this.db, this.tops, this.postings);
    delegateAuth(this, new SqliteAuth(this.db));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  // ---------- documents

  async createDocument(doc: Document, extra: { originalBytes?: Buffer; analyses?: Analysis[]; index: IndexEntry; lshBands?: string[] }): Promise<void> {
    try {
      this.insertDocument(doc, extra);
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && /text_hash/.test((e as Error).message)) throw new DuplicateTextError(doc.textHash);
      throw e;
    }
  }

  private insertDocument(doc: Document, extra: { originalBytes?: Buffer; analyses?: Analysis[]; index: IndexEntry; lshBands?: string[] }): void {
    const db = this.db;
    db.transaction(() => {
      const info = db.prepare(`INSERT INTO documents (id, title, category, source, regions, tags, themes, text, text_hash, original, cluster_id, group_id, created_at, updated_at, set_by_user)
        VALUES (@id, @title, @category, @source, @regions, @tags, @themes, @text, @text_hash, @original, @cluster_id, @group_id, @created_at, @updated_at, @set_by_user)`).run(documentParams(doc));
      const rowid = Number(info.lastInsertRowid);
      if (extra.originalBytes) db.prepare('INSERT INTO originals (document_id, bytes) VALUES (?, ?)').run(doc.id, extra.originalBytes);
      const insA = db.prepare('INSERT INTO analyses (id, document_id, producer, version, created_at, result, text) VALUES (@id, @document_id, @producer, @version, @created_at, @result, @text)');
      for (const a of extra.analyses ?? []) insA.run(analysisParams(a));
      const insB = db.prepare('INSERT OR IGNORE INTO lsh_bands (band, document_id) VALUES (?, ?)');
      for (const b of extra.lshBands ?? []) insB.run(b, doc.id);
      this.writeIndex(rowid, doc, extra.index);
    }).immediate();
  }

  private writeIndex(rowid: number, doc: Document, e: IndexEntry): void {
    const db = this.db;
    this.unindex(doc.id);
    db.prepare(`INSERT INTO doc_index (rowid, document_id, year, sort_date, title, keywords, entities, body, len_title, len_keywords, len_entities, len_body)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(rowid, doc.id, e.year, e.sortDate, e.title, e.keywords, e.entities, e.body,
      tokenCount(e.title), tokenCount(e.keywords), tokenCount(e.entities), tokenCount(e.body));
    this.tops.add(rowid, [e.title, e.keywords, e.entities, e.body]);
    db.prepare('DELETE FROM doc_facets WHERE document_id = ?').run(doc.id);
    const ins = db.prepare('INSERT OR IGNORE INTO doc_facets (document_id, facet, value) VALUES (?, ?, ?)');
    for (const [facet, values] of Object.entries(e.facets)) for (const v of values) ins.run(doc.id, facet, v);
  }

  /** Removes a document's index row, subtracting its words from the frequent words' counts (term-tops.ts). */
  private unindex(documentId: string): void {
    const old = this.db.prepare('SELECT rowid, title, keywords, entities, body FROM doc_index WHERE document_id = ?').raw().get(documentId) as
      [number, string, string, string, string] | undefined;
    if (!old) return;
    const counted = this.tops.counted(old[0]);
    this.db.prepare('DELETE FROM doc_index WHERE rowid = ?').run(old[0]);
    this.tops.remove(old[0], [old[1], old[2], old[3], old[4]], counted);
  }

  async getDocument(id: string): Promise<DocumentWithAnalyses | null> {
    const row = this.db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
    if (!row) return null;
    const analyses = (this.db.prepare('SELECT * FROM analyses WHERE document_id = ? ORDER BY created_at DESC, id DESC').all(id) as AnalysisRow[]).map(analysisFromRow);
    return { ...documentFromRow(row), analyses };
  }

  async getDocuments(ids: string[]): Promise<Document[]> {
    if (!ids.length) return [];
    const rows = this.db.prepare(`SELECT * FROM documents WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as DocumentRow[];
    const byId = new Map(rows.map((r) => [r.id, documentFromRow(r)]));
    return ids.map((id) => byId.get(id)).filter((d): d is Document => !!d);
  }

  async getDocumentsWithLatest<P extends AnalysisPart>(ids: string[], parts: readonly P[]): Promise<(DocumentWithLatest<P> | null)[]> {
    if (!ids.length) return [];
    const keys = checkedParts(parts);
    // json_extract keeps each part's JSON; SQLite parses the result text in C, and only the parts reach JS.
    const latest = keys.length ? `(SELECT json_object(${keys.map((k) => `'${k}', json_extract(a.result, '$.${k}')`).join(', ')})
      FROM analyses a WHERE a.document_id = d.id ORDER BY a.producer LIKE 'offline@%' DESC, a.created_at DESC, a.id DESC LIMIT 1)` : 'NULL';
    const rows = this.db.prepare(`SELECT d.*, ${latest} AS latest_parts FROM documents d WHERE d.id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids)) as (DocumentRow & { latest_parts: string | null })[];
    const byId = new Map(rows.map((r) => [r.id, withLatest<P>(documentFromRow(r), r.latest_parts ? JSON.parse(r.latest_parts) : null)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async getOriginal(id: string): Promise<{ file: OriginalFile; bytes: Buffer } | null> {
    const row = this.db.prepare('SELECT d.original AS original, o.bytes AS bytes FROM documents d JOIN originals o ON o.document_id = d.id WHERE d.id = ?').get(id) as { original: string | null; bytes: Buffer } | undefined;
    if (!row || !row.original) return null;
    return { file: JSON.parse(row.original), bytes: row.bytes };
  }

  async findByTextHash(textHash: string): Promise<Document | null> {
    const row = this.db.prepare('SELECT * FROM documents WHERE text_hash = ?').get(textHash) as DocumentRow | undefined;
    return row ? documentFromRow(row) : null;
  }

  async listDocuments(opts: ListOptions = {}): Promise<{ total: number; items: Document[] }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (opts.category) { where.push('category = ?'); params.push(opts.category); }
    if (opts.tag) { where.push('EXISTS (SELECT 1 FROM json_each(documents.tags) WHERE value = ?)'); params.push(opts.tag); }
    if (opts.ids) { where.push('id IN (SELECT value FROM json_each(?))'); params.push(JSON.stringify(opts.ids)); }
    if (opts.visibleGroups) { where.push('(group_id IS NULL OR group_id IN (SELECT value FROM json_each(?)))'); params.push(JSON.stringify(opts.visibleGroups)); }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order = opts.sort === 'title' ? 'title ASC, rowid ASC' : opts.sort === 'updated' ? 'updated_at DESC, rowid DESC' : 'created_at DESC, rowid DESC';
    const limit = Math.min(Math.max(opts.limit ?? 20, 0), 1000);
    const offset = Math.max(opts.offset ?? 0, 0);
    const total = (this.db.prepare(`SELECT count(*) AS n FROM documents ${w}`).get(...params) as { n: number }).n;
    const rows = this.db.prepare(`SELECT * FROM documents ${w} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...params, limit, offset) as DocumentRow[];
    return { total, items: rows.map(documentFromRow) };
  }

  async updateDocument(doc: Document, index: IndexEntry): Promise<Document | null> {
    let found = false;
    this.db.transaction(() => {
      const row = this.db.prepare('SELECT rowid FROM documents WHERE id = ?').get(doc.id) as { rowid: number } | undefined;
      if (!row) return;
      found = true;
      this.db.prepare(`UPDATE documents SET title=@title, category=@category, source=@source, regions=@regions, tags=@tags, themes=@themes,
        text=@text, text_hash=@text_hash, original=@original, cluster_id=@cluster_id, group_id=@group_id, created_at=@created_at, updated_at=@updated_at, set_by_user=@set_by_user WHERE id=@id`).run(documentParams(doc));
      this.writeIndex(row.rowid, doc, index);
    }).immediate();
    return found ? doc : null;
  }

  async reindexDocument(doc: Document, index: IndexEntry, expect: { analyses: number }): Promise<boolean> {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT rowid, updated_at, (SELECT count(*) FROM analyses WHERE document_id = documents.id) AS analyses FROM documents WHERE id = ?')
        .get(doc.id) as { rowid: number; updated_at: string; analyses: number } | undefined;
      if (!row || row.updated_at !== doc.updatedAt || row.analyses !== expect.analyses) return false;
      this.db.prepare('UPDATE documents SET text_hash = ? WHERE id = ?').run(doc.textHash, doc.id);
      this.writeIndex(row.rowid, doc, index);
      return true;
    }).immediate();
  }

  async deleteDocument(id: string): Promise<boolean> {
    const n = this.db.transaction(() => {
      // doc_index first so its delete trigger can still read the old tokens for the FTS index
      this.unindex(id);
      return this.db.prepare('DELETE FROM documents WHERE id = ?').run(id).changes;
    }).immediate();
    return n > 0;
  }

  async countDocuments(): Promise<number> {
    return (this.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
  }

  async *iterateDocuments(pageSize = 200, afterId?: string): AsyncIterable<DocumentWithAnalyses> {
    let after = afterId ? ((this.db.prepare('SELECT rowid FROM documents WHERE id = ?').get(afterId) as { rowid: number } | undefined)?.rowid ?? 0) : 0;
    for (;;) {
      const rows = this.db.prepare('SELECT * FROM documents WHERE rowid > ? ORDER BY rowid LIMIT ?').all(after, pageSize) as DocumentRow[];
      if (!rows.length) return;
      for (const r of rows) {
        const analyses = (this.db.prepare('SELECT * FROM analyses WHERE document_id = ? ORDER BY created_at DESC, id DESC').all(r.id) as AnalysisRow[]).map(analysisFromRow);
        yield { ...documentFromRow(r), analyses };
      }
      after = rows[rows.length - 1].rowid;
    }
  }

  // ---------- analyses

  async addAnalysis(analysis: Analysis, index?: IndexEntry): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO analyses (id, document_id, producer, version, created_at, result, text) VALUES (@id, @document_id, @producer, @version, @created_at, @result, @text)').run(analysisParams(analysis));
      if (index) {
        const row = this.db.prepare('SELECT * FROM documents WHERE id = ?').get(analysis.documentId) as DocumentRow | undefined;
        if (row) this.writeIndex(row.rowid, documentFromRow(row), index);
      }
    }).immediate();
  }

  // ---------- near-duplicates

  async findByLshBands(bands: string[], limit = 50): Promise<string[]> {
    if (!bands.length) return [];
    const rows = this.db.prepare(`SELECT document_id, count(*) AS n FROM lsh_bands WHERE band IN (SELECT value FROM json_each(?))
      GROUP BY document_id ORDER BY n DESC LIMIT ?`).all(JSON.stringify(bands), limit) as { document_id: string }[];
    return rows.map((r) => r.document_id);
  }

  async listCluster(clusterId: string): Promise<Document[]> {
    const rows = this.db.prepare('SELECT * FROM documents WHERE cluster_id = ? ORDER BY created_at, rowid').all(clusterId) as DocumentRow[];
    return rows.map(documentFromRow);
  }

  async clusterSizes(clusterIds: string[], visibleGroups?: string[] | null): Promise<Map<string, number>> {
    if (!clusterIds.length) return new Map();
    const visible = visibleGroups ? 'AND (group_id IS NULL OR group_id IN (SELECT value FROM json_each(?)))' : '';
    const rows = this.db.prepare(`SELECT cluster_id AS c, count(*) AS n FROM documents WHERE cluster_id IN (SELECT value FROM json_each(?)) ${visible} GROUP BY cluster_id`)
      .all(JSON.stringify([...new Set(clusterIds)]), ...(visibleGroups ? [JSON.stringify(visibleGroups)] : [])) as { c: string; n: number }[];
    return new Map(rows.map((r) => [r.c, r.n]));
  }

  // ---------- search primitives (SQL in sqlite-search.ts)

  corpusStats(): Promise<CorpusStats> { return Promise.resolve(this.search.corpusStats()); }
  docFrequencies(terms: string[]): Promise<Map<string, number>> { return Promise.resolve(this.search.docFrequencies(terms)); }
  matchDocuments(match: TextMatch | null, filters: IndexFilters, opts: MatchOptions) {
    return Promise.resolve(this.search.matchDocuments(match, filters, opts));
  }
  facetCounts(match: TextMatch | null, filters: IndexFilters, facets: (FacetName | 'collection')[], limitPerFacet = 50): Promise<Record<string, FacetCount[]>> {
    return Promise.resolve(this.search.facetCounts(match, filters, facets, limitPerFacet));
  }
  getIndexed(ids: string[]): Promise<IndexedDoc[]> { return Promise.resolve(this.search.getIndexed(ids)); }

  /** See Store.refreshSearchLists: imports run it at their end, a server when idle (searchUpkeep in server/app.ts). */
  async refreshSearchLists(opts: RefreshOptions = {}): Promise<number> {
    const lists = await this.tops.refresh(opts);
    if (opts.shouldStop?.()) return lists;
    return lists + await this.postings.refresh({ ...opts, onBuilt: opts.onBuilt && ((n) => opts.onBuilt!(lists + n)) });
  }

  // ---------- collections

  async createCollection(input: CollectionInput & { id: string; createdAt: string; updatedAt?: string }): Promise<Collection> {
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO collections (id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(input.id, input.name, input.description ?? '', input.createdAt, input.updatedAt ?? input.createdAt);
      this.replaceItems(input.id, input.items ?? []);
    }).immediate();
    return (await this.getCollection(input.id))!;
  }

  private replaceItems(id: string, items: { documentId: string; note?: string }[]): void {
    this.db.prepare('DELETE FROM collection_items WHERE collection_id = ?').run(id);
    const ins = this.db.prepare('INSERT OR IGNORE INTO collection_items (collection_id, document_id, position, note) SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?)');
    items.forEach((it, i) => ins.run(id, it.documentId, i, it.note ?? '', it.documentId));
  }

  async getCollection(id: string): Promise<Collection | null> {
    const c = this.db.prepare('SELECT * FROM collections WHERE id = ?').get(id) as { id: string; name: string; description: string; created_at: string; updated_at: string } | undefined;
    if (!c) return null;
    const items = this.db.prepare('SELECT document_id, position, note FROM collection_items WHERE collection_id = ? ORDER BY position').all(id) as { document_id: string; position: number; note: string }[];
    return collectionFromRows(c, items);
  }

  async listCollections(): Promise<Collection[]> {
    const ids = this.db.prepare('SELECT id FROM collections ORDER BY updated_at DESC').all() as { id: string }[];
    const out: Collection[] = [];
    for (const { id } of ids) out.push((await this.getCollection(id))!);
    return out;
  }

  async updateCollection(id: string, patch: Partial<CollectionInput>): Promise<Collection | null> {
    const found = this.db.transaction(() => {
      const c = this.db.prepare('SELECT * FROM collections WHERE id = ?').get(id) as { name: string; description: string } | undefined;
      if (!c) return false;
      this.db.prepare('UPDATE collections SET name = ?, description = ?, updated_at = ? WHERE id = ?').run(patch.name ?? c.name, patch.description ?? c.description, nowIso(), id);
      if (patch.items) this.replaceItems(id, patch.items);
      return true;
    }).immediate();
    return found ? this.getCollection(id) : null;
  }

  async deleteCollection(id: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM collections WHERE id = ?').run(id).changes > 0;
  }

  // ---------- jobs

  async createJob(job: Job): Promise<void> {
    this.db.prepare('INSERT INTO jobs (id, state, body, updated_at) VALUES (?, ?, ?, ?)').run(job.id, job.state, JSON.stringify(job), job.updatedAt);
  }

  async getJob(id: string): Promise<Job | null> {
    const r = this.db.prepare('SELECT body FROM jobs WHERE id = ?').get(id) as { body: string } | undefined;
    return r ? JSON.parse(r.body) : null;
  }

  async updateJob(job: Job): Promise<void> {
    this.db.prepare('UPDATE jobs SET state = ?, body = ?, updated_at = ? WHERE id = ?').run(job.state, JSON.stringify(job), job.updatedAt, job.id);
  }

  async recordJobItem(jobId: string, rec: JobItemRecord): Promise<void> {
    this.db.prepare('INSERT OR REPLACE INTO job_items (job_id, item, status, document_id, title, row_number, code, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(jobId, rec.item, rec.status, rec.documentId ?? null, rec.title ?? null, rec.row ?? null, rec.code ?? null, rec.message ?? null);
  }

  async enqueueJob(job: Job, inputs: JobInput[], options: JobOptions): Promise<void> {
    this.db.transaction(() => {
      const seq = (this.db.prepare('SELECT coalesce(max(created_seq), 0) + 1 AS n FROM jobs').get() as { n: number }).n;
      this.db.prepare('INSERT INTO jobs (id, state, body, updated_at, options, created_seq) VALUES (?, ?, ?, ?, ?, ?)').run(job.id, 'queued', JSON.stringify({ ...job, state: 'queued' }), job.updatedAt, JSON.stringify(options), seq);
      const ins = this.db.prepare('INSERT INTO job_inputs (job_id, seq, name, url, bytes) VALUES (?, ?, ?, ?, ?)');
      inputs.forEach((inp, i) => ins.run(job.id, i, 'name' in inp ? inp.name : null, 'url' in inp ? inp.url : null, 'bytes' in inp ? inp.bytes : null));
    }).immediate();
  }

  async claimJob(workerId: string, staleMs: number): Promise<ClaimedJob | null> {
    const now = Date.now();
    const id = this.db.transaction(() => {
      const row = this.db.prepare(`SELECT id FROM jobs WHERE created_seq IS NOT NULL AND (state = 'queued' OR (state IN ('running', 'interrupted') AND (lease_at IS NULL OR lease_at < ?)))
        ORDER BY created_seq LIMIT 1`).get(now - staleMs) as { id: string } | undefined;
      if (!row) return null;
      this.db.prepare(`UPDATE jobs SET state = 'running', worker_id = ?, lease_at = ?, body = json_set(body, '$.state', 'running') WHERE id = ?`).run(workerId, now, row.id);
      return row.id;
    }).immediate();
    if (!id) return null;
    const j = this.db.prepare('SELECT body, options FROM jobs WHERE id = ?').get(id) as { body: string; options: string };
    const inputs = (this.db.prepare('SELECT name, url, bytes FROM job_inputs WHERE job_id = ? ORDER BY seq').all(id) as { name: string | null; url: string | null; bytes: Buffer | null }[])
      .map((r): JobInput => (r.url != null ? { url: r.url } : { name: r.name ?? '', bytes: r.bytes ?? Buffer.alloc(0) }));
    const finishedItems = (this.db.prepare(`SELECT ${JOB_ITEM_COLUMNS} FROM job_items WHERE job_id = ? ORDER BY rowid`).all(id) as JobItemRow[]).map(jobItemFromRow);
    return { job: JSON.parse(j.body), inputs, options: JSON.parse(j.options), finishedItems };
  }

  async heartbeatJob(jobId: string, workerId: string): Promise<boolean> {
    return this.db.prepare('UPDATE jobs SET lease_at = ? WHERE id = ? AND worker_id = ?').run(Date.now(), jobId, workerId).changes > 0;
  }

  // ---------- settings

  async getSetting<T>(key: string): Promise<T | undefined> {
    const r = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return r ? (JSON.parse(r.value) as T) : undefined;
  }

  async putSetting<T>(key: string, value: T): Promise<void> {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
  }

  // ---------- maintenance

  async backup(file: string): Promise<void> {
    mkdirSync(dirname(file), { recursive: true });
    await this.db.backup(file);
  }

  async integrityCheck(): Promise<string> {
    const rows = this.db.pragma('integrity_check') as { integrity_check: string }[];
    const msg = rows.map((r) => r.integrity_check).join('; ');
    if (msg !== 'ok') return msg;
    try {
      this.db.prepare("INSERT INTO doc_fts(doc_fts, rank) VALUES ('integrity-check', 1)").run();
    } catch (e) {
      return `全文索引不一致: ${(e as Error).message}`;
    }
    return 'ok';
  }
}
