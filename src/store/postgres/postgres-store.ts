import pg from 'pg';
import type {
  Analysis, Collection, CollectionInput, Document, DocumentWithAnalyses, FacetName, IndexEntry, Job, OriginalFile,
} from '../../domain/index.js';
import { nowIso } from '../../domain/index.js';
import { tokenCount } from '../sqlite/rows.js';
import {
  DuplicateTextError, type CorpusStats, type FacetCount, type IndexFilters, type IndexedDoc, type ClaimedJob, type JobInput, type JobOptions,
  type ListOptions, type MatchOptions, type Store, type TextMatch, type AuthStore, type AnalysisPart, type DocumentWithLatest, checkedParts, withLatest,
} from '../store.js';
import { PG_MIGRATIONS } from './schema.js';
import { PostgresAuth } from './postgres-auth.js';
import { delegateAuth } from '../delegate.js';
import { JOB_ITEM_COLUMNS, jobItemFromRow, type JobItemRecord } from '../job-items.js';
import { PostgresSearch } from './postgres-search.js';
import { inTransaction } from './transaction.js';

type Q = { query: pg.Pool['query'] };

// The AuthStore half lives in postgres-auth.ts and is attached in the constructor (delegateAuth).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface PostgresStore extends AuthStore {}

/** The oldest PostgreSQL server this store runs on (server_version_num of 13.0). */
const MIN_SERVER_VERSION = 130000;

/**
 * The team-server store on PostgreSQL. Same contract as the SQLite store; full-text matching uses a
 * tsvector built from the same pre-segmented tokens (lexemes as-is, no parser), with a GIN index.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  private readonly search: PostgresSearch;

  private constructor(readonly pool: pg.Pool, readonly location: string) {
    delegateAuth(this, new PostgresAuth(pool));
    this.search = new PostgresSearch(pool);
  }

  static async open(url: string, opts: { max?: number } = {}): Promise<PostgresStore> {
    // Idle connections are kept (pg closes them after 10 s by default): a new server process pays for its
    // first touch of every shared buffer page, and a search at 10k documents then took ~250 ms more.
    const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, idleTimeoutMillis: 0 });
    // An idle connection that fails (server restart, network cut) is dropped by the pool; without a
    // listener its 'error' event would end the process.
    pool.on('error', (e) => console.error(`PostgreSQL 空闲连接出错，已丢弃 (idle connection dropped): ${e.message}`));
    const s = new PostgresStore(pool, url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@'));
    try {
      // Search reads pg_current_snapshot() (PostgreSQL 13): an older server is named here, not at the first search.
      const version = Number((await pool.query('SHOW server_version_num')).rows[0].server_version_num);
      if (version < MIN_SERVER_VERSION) throw new Error(`需要 PostgreSQL 13 或更新版本，当前服务器为 ${Math.floor(version / 10000)} (PostgreSQL 13 or newer is required)`);
      await s.migrate();
    } catch (e) {
      await pool.end().catch(() => {});
      throw e;
    }
    return s;
  }

  private async migrate(): Promise<void> {
    await this.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock(727170)');
      await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
      const { rows } = await c.query('SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
      for (let v = Number(rows[0].v); v < PG_MIGRATIONS.length; v++) {
        await c.query(PG_MIGRATIONS[v]);
        await c.query('INSERT INTO schema_migrations (version) VALUES ($1)', [v + 1]);
      }
    });
  }

  tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, 'BEGIN', fn);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  // ---------- documents

  async createDocument(doc: Document, extra: { originalBytes?: Buffer; analyses?: Analysis[]; index: IndexEntry; lshBands?: string[] }): Promise<void> {
    try {
      await this.tx(async (c) => {
        await c.query(`INSERT INTO documents (id, title, category, source, regions, tags, themes, text, text_hash, original, cluster_id, group_id, created_at, updated_at, set_by_user)
          VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`, docParams(doc));
        if (extra.originalBytes) await c.query('INSERT INTO originals (document_id, bytes) VALUES ($1, $2)', [doc.id, extra.originalBytes]);
        for (const a of extra.analyses ?? []) await insertAnalysis(c, a);
        if (extra.lshBands?.length) {
          await c.query('INSERT INTO lsh_bands (band, document_id) SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING', [extra.lshBands, doc.id]);
        }
        await writeIndex(c, doc, extra.index);
      });
    } catch (e) {
      if ((e as { code?: string; constraint?: string }).code === '23505' && /text_hash/.test((e as { constraint?: string }).constraint ?? '')) throw new DuplicateTextError(doc.textHash);
      throw e;
    }
    this.search.invalidate();
  }

  async getDocument(id: string): Promise<DocumentWithAnalyses | null> {
    const { rows } = await this.pool.query('SELECT * FROM documents WHERE id = $1', [id]);
    if (!rows.length) return null;
    const a = await this.pool.query('SELECT * FROM analyses WHERE document_id = $1 ORDER BY created_at DESC, id DESC', [id]);
    return { ...docFromRow(rows[0]), analyses: a.rows.map(analysisFromRow) };
  }

  async getDocuments(ids: string[]): Promise<Document[]> {
    if (!ids.length) return [];
    const { rows } = await this.pool.query('SELECT * FROM documents WHERE id = ANY($1)', [ids]);
    const byId = new Map(rows.map((r) => [r.id, docFromRow(r)]));
    return ids.map((id) => byId.get(id)).filter((d): d is Document => !!d);
  }

  async getDocumentsWithLatest<P extends AnalysisPart>(ids: string[], parts: readonly P[]): Promise<(DocumentWithLatest<P> | null)[]> {
    if (!ids.length) return [];
    const keys = checkedParts(parts);
    const latest = keys.length ? `(SELECT jsonb_build_object(${keys.map((k) => `'${k}', a.result->'${k}'`).join(', ')})
      FROM analyses a WHERE a.document_id = d.id ORDER BY a.producer LIKE 'offline@%' DESC, a.created_at DESC, a.id DESC LIMIT 1)` : 'NULL';
    const { rows } = await this.pool.query(`SELECT d.*, ${latest} AS latest_parts FROM documents d WHERE d.id = ANY($1)`, [ids]);
    const byId = new Map(rows.map((r) => [r.id as string, withLatest<P>(docFromRow(r), r.latest_parts)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async getOriginal(id: string): Promise<{ file: OriginalFile; bytes: Buffer } | null> {
    const { rows } = await this.pool.query('SELECT d.original, o.bytes FROM documents d JOIN originals o ON o.document_id = d.id WHERE d.id = $1', [id]);
    if (!rows.length || !rows[0].original) return null;
    return { file: rows[0].original, bytes: rows[0].bytes };
  }

  async findByTextHash(textHash: string): Promise<Document | null> {
    const { rows } = await this.pool.query('SELECT * FROM documents WHERE text_hash = $1', [textHash]);
    return rows.length ? docFromRow(rows[0]) : null;
  }

  async listDocuments(opts: ListOptions = {}): Promise<{ total: number; items: Document[] }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
    if (opts.category) where.push(`category = ${p(opts.category)}`);
    if (opts.tag) where.push(`tags ? ${p(opts.tag)}`);
    if (opts.ids) where.push(`id = ANY(${p(opts.ids)})`);
    if (opts.visibleGroups) where.push(`(group_id IS NULL OR group_id = ANY(${p(opts.visibleGroups)}))`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order = opts.sort === 'title' ? 'title COLLATE "C" ASC, seq ASC' : opts.sort === 'updated' ? 'updated_at DESC, seq DESC' : 'created_at DESC, seq DESC';
    const limit = Math.min(Math.max(opts.limit ?? 20, 0), 1000);
    const offset = Math.max(opts.offset ?? 0, 0);
    const total = Number((await this.pool.query(`SELECT count(*) AS n FROM documents ${w}`, params)).rows[0].n);
    const { rows } = await this.pool.query(`SELECT * FROM documents ${w} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`, params);
    return { total, items: rows.map(docFromRow) };
  }

  async updateDocument(doc: Document, index: IndexEntry): Promise<Document | null> {
    const found = await this.tx(async (c) => {
      const r = await c.query(`UPDATE documents SET title=$2, category=$3, source=$4, regions=$5, tags=$6, themes=$7, text=$8, text_hash=$9, original=$10,
        cluster_id=$11, group_id=$12, created_at=$13, updated_at=$14, set_by_user=$15 WHERE id=$1`, docParams(doc));
      if (!r.rowCount) return false;
      await writeIndex(c, doc, index);
      return true;
    });
    this.search.invalidate();
    return found ? doc : null;
  }

  async reindexDocument(doc: Document, index: IndexEntry, expect: { analyses: number }): Promise<boolean> {
    const done = await this.tx(async (c) => {
      // FOR UPDATE holds off a concurrent edit, and a re-analysis too: inserting an analysis takes the
      // foreign key's KEY SHARE lock on this row. One committed before the lock is seen by the count.
      const locked = await c.query('SELECT 1 FROM documents WHERE id = $1 AND updated_at = $2 FOR UPDATE', [doc.id, doc.updatedAt]);
      if (!locked.rowCount) return false;
      const n = await c.query('SELECT count(*) AS n FROM analyses WHERE document_id = $1', [doc.id]);
      if (Number(n.rows[0].n) !== expect.analyses) return false;
      await c.query('UPDATE documents SET text_hash = $2 WHERE id = $1', [doc.id, doc.textHash]);
      await writeIndex(c, doc, index);
      return true;
    });
    if (done) this.search.invalidate();
    return done;
  }

  async deleteDocument(id: string): Promise<boolean> {
    const r = await this.pool.query('DELETE FROM documents WHERE id = $1', [id]);
    this.search.invalidate();
    return (r.rowCount ?? 0) > 0;
  }

  async countDocuments(): Promise<number> {
    return Number((await this.pool.query('SELECT count(*) AS n FROM documents')).rows[0].n);
  }

  async *iterateDocuments(pageSize = 200, afterId?: string): AsyncIterable<DocumentWithAnalyses> {
    let after = afterId ? Number((await this.pool.query('SELECT seq FROM documents WHERE id = $1', [afterId])).rows[0]?.seq ?? 0) : 0;
    for (;;) {
      const { rows } = await this.pool.query('SELECT * FROM documents WHERE seq > $1 ORDER BY seq LIMIT $2', [after, pageSize]);
      if (!rows.length) return;
      const a = await this.pool.query('SELECT * FROM analyses WHERE document_id = ANY($1) ORDER BY created_at DESC, id DESC', [rows.map((r) => r.id)]);
      for (const r of rows) yield { ...docFromRow(r), analyses: a.rows.filter((x) => x.document_id === r.id).map(analysisFromRow) };
      after = Number(rows[rows.length - 1].seq);
    }
  }

  // ---------- analyses

  async addAnalysis(analysis: Analysis, index?: IndexEntry): Promise<void> {
    await this.tx(async (c) => {
      await insertAnalysis(c, analysis);
      if (index) {
        const { rows } = await c.query('SELECT * FROM documents WHERE id = $1', [analysis.documentId]);
        if (rows.length) await writeIndex(c, docFromRow(rows[0]), index);
      }
    });
    this.search.invalidate();
  }

  // ---------- near-duplicates

  async findByLshBands(bands: string[], limit = 50): Promise<string[]> {
    if (!bands.length) return [];
    const { rows } = await this.pool.query(`SELECT document_id, count(*) AS n FROM lsh_bands WHERE band = ANY($1)
      GROUP BY document_id ORDER BY n DESC, document_id LIMIT $2`, [bands, limit]);
    return rows.map((r) => r.document_id);
  }

  async listCluster(clusterId: string): Promise<Document[]> {
    const { rows } = await this.pool.query('SELECT * FROM documents WHERE cluster_id = $1 ORDER BY created_at, seq', [clusterId]);
    return rows.map(docFromRow);
  }

  async clusterSizes(clusterIds: string[], visibleGroups?: string[] | null): Promise<Map<string, number>> {
    if (!clusterIds.length) return new Map();
    const visible = visibleGroups ? 'AND (group_id IS NULL OR group_id = ANY($2))' : '';
    const { rows } = await this.pool.query(`SELECT cluster_id AS c, count(*)::int AS n FROM documents WHERE cluster_id = ANY($1) ${visible} GROUP BY cluster_id`,
      [[...new Set(clusterIds)], ...(visibleGroups ? [visibleGroups] : [])]);
    return new Map(rows.map((r: { c: string; n: number }) => [r.c, r.n]));
  }

  // ---------- search primitives (postgres-search.ts)

  corpusStats(): Promise<CorpusStats> { return this.search.corpusStats(); }
  docFrequencies(terms: string[]): Promise<Map<string, number>> { return this.search.docFrequencies(terms); }
  matchDocuments(match: TextMatch | null, filters: IndexFilters, opts: MatchOptions): Promise<{ total: number; docs: IndexedDoc[] }> {
    return this.search.matchDocuments(match, filters, opts);
  }
  facetCounts(match: TextMatch | null, filters: IndexFilters, facets: (FacetName | 'collection')[], limitPerFacet = 50): Promise<Record<string, FacetCount[]>> {
    return this.search.facetCounts(match, filters, facets, limitPerFacet);
  }
  getIndexed(ids: string[]): Promise<IndexedDoc[]> { return this.search.getIndexed(ids); }

  // ---------- collections

  async createCollection(input: CollectionInput & { id: string; createdAt: string; updatedAt?: string }): Promise<Collection> {
    await this.tx(async (c) => {
      await c.query('INSERT INTO collections (id, name, description, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)', [input.id, input.name, input.description ?? '', input.createdAt, input.updatedAt ?? input.createdAt]);
      await replaceItems(c, input.id, input.items ?? []);
    });
    return (await this.getCollection(input.id))!;
  }

  async getCollection(id: string): Promise<Collection | null> {
    const { rows } = await this.pool.query('SELECT * FROM collections WHERE id = $1', [id]);
    if (!rows.length) return null;
    const items = await this.pool.query('SELECT document_id, position, note FROM collection_items WHERE collection_id = $1 ORDER BY position', [id]);
    const c = rows[0];
    return { id: c.id, name: c.name, description: c.description, createdAt: c.created_at, updatedAt: c.updated_at, items: items.rows.map((i) => ({ documentId: i.document_id, position: i.position, note: i.note })) };
  }

  async listCollections(): Promise<Collection[]> {
    const { rows } = await this.pool.query('SELECT id FROM collections ORDER BY updated_at DESC');
    const out: Collection[] = [];
    for (const r of rows) out.push((await this.getCollection(r.id))!);
    return out;
  }

  async updateCollection(id: string, patch: Partial<CollectionInput>): Promise<Collection | null> {
    const found = await this.tx(async (c) => {
      const { rows } = await c.query('SELECT * FROM collections WHERE id = $1 FOR UPDATE', [id]);
      if (!rows.length) return false;
      await c.query('UPDATE collections SET name = $2, description = $3, updated_at = $4 WHERE id = $1', [id, patch.name ?? rows[0].name, patch.description ?? rows[0].description, nowIso()]);
      if (patch.items) await replaceItems(c, id, patch.items);
      return true;
    });
    return found ? this.getCollection(id) : null;
  }

  async deleteCollection(id: string): Promise<boolean> {
    return ((await this.pool.query('DELETE FROM collections WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }

  // ---------- jobs

  async createJob(job: Job): Promise<void> {
    await this.pool.query('INSERT INTO jobs (id, state, body, updated_at) VALUES ($1, $2, $3, $4)', [job.id, job.state, JSON.stringify(job), job.updatedAt]);
  }

  async getJob(id: string): Promise<Job | null> {
    const { rows } = await this.pool.query('SELECT body FROM jobs WHERE id = $1', [id]);
    return rows.length ? rows[0].body : null;
  }

  async updateJob(job: Job): Promise<void> {
    await this.pool.query('UPDATE jobs SET state = $2, body = $3, updated_at = $4 WHERE id = $1', [job.id, job.state, JSON.stringify(job), job.updatedAt]);
  }

  async recordJobItem(jobId: string, rec: JobItemRecord): Promise<void> {
    await this.pool.query(`INSERT INTO job_items (job_id, item, status, document_id, title, row_number, code, message) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (job_id, item) DO UPDATE SET status = excluded.status, document_id = excluded.document_id, title = excluded.title,
        row_number = excluded.row_number, code = excluded.code, message = excluded.message`,
    [jobId, rec.item, rec.status, rec.documentId ?? null, rec.title ?? null, rec.row ?? null, rec.code ?? null, rec.message ?? null]);
  }

  async enqueueJob(job: Job, inputs: JobInput[], options: JobOptions): Promise<void> {
    await this.tx(async (c) => {
      await c.query('INSERT INTO jobs (id, state, body, updated_at, options) VALUES ($1, $2, $3, $4, $5)', [job.id, 'queued', JSON.stringify({ ...job, state: 'queued' }), job.updatedAt, JSON.stringify(options)]);
      let i = 0;
      for (const inp of inputs) {
        await c.query('INSERT INTO job_inputs (job_id, seq, name, url, bytes) VALUES ($1, $2, $3, $4, $5)',
          [job.id, i++, 'name' in inp ? inp.name : null, 'url' in inp ? inp.url : null, 'bytes' in inp ? inp.bytes : null]);
      }
    });
  }

  async claimJob(workerId: string, staleMs: number): Promise<ClaimedJob | null> {
    // SKIP LOCKED: concurrent nodes never claim the same job and never wait on each other.
    const { rows } = await this.pool.query(`UPDATE jobs SET state = 'running', worker_id = $1, lease_at = now(), body = jsonb_set(body, '{state}', '"running"')
      WHERE id = (SELECT id FROM jobs WHERE state = 'queued' OR (state IN ('running', 'interrupted') AND (lease_at IS NULL OR lease_at < now() - ($2::text || ' milliseconds')::interval))
                  ORDER BY created_seq FOR UPDATE SKIP LOCKED LIMIT 1)
      RETURNING id, body, options`, [workerId, String(staleMs)]);
    if (!rows.length) return null;
    const id = rows[0].id;
    const inputs = (await this.pool.query('SELECT name, url, bytes FROM job_inputs WHERE job_id = $1 ORDER BY seq', [id])).rows
      .map((r): JobInput => (r.url != null ? { url: r.url } : { name: r.name ?? '', bytes: r.bytes ?? Buffer.alloc(0) }));
    const finishedItems = (await this.pool.query(`SELECT ${JOB_ITEM_COLUMNS} FROM job_items WHERE job_id = $1 ORDER BY ctid`, [id])).rows.map(jobItemFromRow);
    return { job: rows[0].body, inputs, options: rows[0].options, finishedItems };
  }

  async heartbeatJob(jobId: string, workerId: string): Promise<boolean> {
    return ((await this.pool.query('UPDATE jobs SET lease_at = now() WHERE id = $1 AND worker_id = $2', [jobId, workerId])).rowCount ?? 0) > 0;
  }

  // ---------- settings

  async getSetting<T>(key: string): Promise<T | undefined> {
    const { rows } = await this.pool.query('SELECT value FROM settings WHERE key = $1', [key]);
    return rows.length ? (rows[0].value as T) : undefined;
  }

  async putSetting<T>(key: string, value: T): Promise<void> {
    await this.pool.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, JSON.stringify(value)]);
  }

  // ---------- maintenance

  async backup(_file: string): Promise<void> {
    throw Object.assign(new Error('PostgreSQL 存储请使用 pg_dump 备份，或用 zhizhi export 导出全部文档'), { code: 'BAD_REQUEST' });
  }

  async integrityCheck(): Promise<string> {
    const { rows } = await this.pool.query(`SELECT
      (SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM doc_index i WHERE i.document_id = d.id)) AS unindexed`);
    const n = Number(rows[0].unindexed);
    return n === 0 ? 'ok' : `${n} 篇文档缺少检索索引`;
  }
}

function docParams(d: Document): unknown[] {
  return [d.id, d.title, d.category, JSON.stringify(d.source), JSON.stringify(d.regions), JSON.stringify(d.tags), JSON.stringify(d.themes), d.text, d.textHash,
    d.original ? JSON.stringify(d.original) : null, d.clusterId, d.groupId, d.createdAt, d.updatedAt, JSON.stringify(d.setByUser ?? [])];
}

function docFromRow(r: Record<string, any>): Document {
  return {
    id: r.id, title: r.title, category: r.category, source: r.source, regions: r.regions, tags: r.tags, themes: r.themes, text: r.text,
    textHash: r.text_hash, original: r.original ?? null, clusterId: r.cluster_id, groupId: r.group_id, createdAt: r.created_at, updatedAt: r.updated_at,
    setByUser: r.set_by_user ?? [],
  };
}

function analysisFromRow(r: Record<string, any>): Analysis {
  const a: Analysis = { id: r.id, documentId: r.document_id, producer: r.producer, version: r.version, createdAt: r.created_at, result: r.result };
  if (r.text != null) a.text = r.text;
  return a;
}

async function insertAnalysis(c: Q, a: Analysis): Promise<void> {
  await c.query('INSERT INTO analyses (id, document_id, producer, version, created_at, result, text) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [a.id, a.documentId, a.producer, a.version, a.createdAt, JSON.stringify(a.result), a.text ?? null]);
}

const tokens = (s: string) => `array_remove(string_to_array(${s}, ' '), '')`;

async function writeIndex(c: Q, doc: Document, e: IndexEntry): Promise<void> {
  // Lexemes are cast as-is (no text-search parser), so they equal the tokens SQLite's FTS5 sees.
  await c.query(`INSERT INTO doc_index (document_id, year, sort_date, title, keywords, entities, body, len_title, len_keywords, len_entities, len_body, seq, tsv)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, (SELECT seq FROM documents WHERE id = $1),
      setweight(array_to_tsvector(${tokens('$4')}), 'A') || setweight(array_to_tsvector(${tokens('$5')}), 'B') ||
      setweight(array_to_tsvector(${tokens('$6')}), 'C') || setweight(array_to_tsvector(${tokens('$7')}), 'D'))
    ON CONFLICT (document_id) DO UPDATE SET year = excluded.year, sort_date = excluded.sort_date, title = excluded.title, keywords = excluded.keywords,
      entities = excluded.entities, body = excluded.body, len_title = excluded.len_title, len_keywords = excluded.len_keywords,
      len_entities = excluded.len_entities, len_body = excluded.len_body, tsv = excluded.tsv`,
  [doc.id, e.year, e.sortDate, e.title, e.keywords, e.entities, e.body, tokenCount(e.title), tokenCount(e.keywords), tokenCount(e.entities), tokenCount(e.body)]);
  await c.query('DELETE FROM doc_facets WHERE document_id = $1', [doc.id]);
  const facets: [string, string][] = [];
  for (const [facet, values] of Object.entries(e.facets)) for (const v of new Set(values)) facets.push([facet, v]);
  if (facets.length) {
    await c.query('INSERT INTO doc_facets (document_id, facet, value) SELECT $1, f, v FROM unnest($2::text[], $3::text[]) AS t(f, v) ON CONFLICT DO NOTHING',
      [doc.id, facets.map((f) => f[0]), facets.map((f) => f[1])]);
  }
}

async function replaceItems(c: Q, id: string, items: { documentId: string; note?: string }[]): Promise<void> {
  await c.query('DELETE FROM collection_items WHERE collection_id = $1', [id]);
  let pos = 0;
  for (const it of items) {
    const r = await c.query(`INSERT INTO collection_items (collection_id, document_id, position, note)
      SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM documents WHERE id = $2) ON CONFLICT DO NOTHING`, [id, it.documentId, pos, it.note ?? '']);
    if (r.rowCount) pos++;
  }
}
