import type { Job, JobItemError } from '../domain/index.js';
import { nowIso } from '../domain/index.js';
import { IngestError } from '../ingest/errors.js';
import { parseBuffer, parsePath, walkPaths, type FieldMapping } from '../ingest/parse.js';
import type { ParsedDocument } from '../ingest/types.js';
import { fetchUrl } from '../ingest/url.js';
import type { JobItemRecord } from '../store/store.js';
import type { Library } from './library.js';
import { newId } from './library.js';

/** One thing to import: a file or folder on this machine, uploaded bytes, or a web address. */
export type ImportSource =
  | { kind: 'path'; path: string }
  | { kind: 'buffer'; name: string; bytes: Buffer }
  | { kind: 'url'; url: string };

export interface ImportOptions {
  /** Category for documents whose input names none (default 其他). */
  category?: string;
  /** Column/key mapping for .csv/.jsonl batches. */
  mapping?: FieldMapping;
  /** Size cap per file in bytes (default ZHIZHI_MAX_FILE_MB or 50 MB). */
  maxBytes?: number;
  /** The group every imported document is visible to (team mode; default none: the whole library). */
  groupId?: string;
  /** Whether web addresses inside this network may be fetched (default true; see FetchOptions.allowPrivate). */
  allowPrivateUrls?: boolean;
  /** Called after every item with the job as it stands. */
  onProgress?: (job: Job) => void;
  /** Minimum milliseconds between progress writes to the store (default 250); the last write always happens. */
  persistEveryMs?: number;
  /** Items an earlier attempt of this job finished (resume after a crash): skipped and counted as they were. */
  finished?: JobItemRecord[];
  /** Awaited after every item; the queue worker renews its lease here and throws if it lost the job. */
  afterItem?: () => Promise<void>;
}

export function newJob(total = 0): Job {
  const t = nowIso();
  return { id: newId(), kind: 'import', state: 'queued', total, done: 0, imported: 0, duplicates: 0, failed: 0, errors: [], results: [], createdAt: t, updatedAt: t };
}

/**
 * Runs a batch import as a job. Each document is stored in its own transaction, so a killed process
 * leaves only whole documents behind; running the same batch again skips what is in (exact duplicates)
 * and doubles nothing. Bad files are listed in job.errors and the batch goes on.
 */
export async function runImport(lib: Library, sources: ImportSource[], opts: ImportOptions = {}, job: Job = newJob()): Promise<Job> {
  const store = lib.store;
  const expanded = await expand(sources);
  const skip = new Set((opts.finished ?? []).map((f) => f.item));
  restoreCounts(job, opts.finished ?? []);
  job.total = expanded.length;
  job.state = 'running';
  job.updatedAt = nowIso();
  if (await store.getJob(job.id)) await store.updateJob(job); else await store.createJob(job);
  let lastWrite = 0;
  const persist = async (force = false) => {
    job.updatedAt = nowIso();
    opts.onProgress?.(job);
    if (force || Date.now() - lastWrite >= (opts.persistEveryMs ?? 250)) {
      lastWrite = Date.now();
      await store.updateJob(job);
    }
  };
  const fail = async (item: string, e: unknown) => {
    const err: JobItemError = e instanceof IngestError
      ? { item, code: e.code, message: e.message }
      : { item, code: (e as { code?: string }).code ?? 'IMPORT_FAILED', message: e instanceof Error && /[\u4e00-\u9fff]/.test(e.message) ? e.message : `导入失败：${(e as Error)?.message ?? String(e)}` };
    job.failed++;
    job.errors.push(err);
    job.results.push({ item, status: 'failed', message: err.message });
    await store.recordJobItem(job.id, { item, status: 'failed', code: err.code, message: err.message });
  };

  for (const src of expanded) {
    const name = displayName(src);
    if (skip.has(name)) continue;
    try {
      const outcome = await parseSource(src, opts);
      if (outcome.docs.length + outcome.errors.length > 1) job.total += outcome.docs.length + outcome.errors.length - 1;
      for (const e of outcome.errors) {
        if (skip.has(e.item ?? name)) continue;
        await fail(e.item ?? name, e);
        job.done++;
      }
      for (const pd of outcome.docs) {
        if (skip.has(pd.item)) continue;
        try {
          const r = await lib.addDocument({
            title: pd.title, text: pd.text, category: pd.category ?? opts.category, source: pd.source, tags: pd.tags,
            regions: pd.regions, createdAt: pd.createdAt, ...(opts.groupId ? { groupId: opts.groupId } : {}),
          }, pd.original ? { name: pd.original.name, bytes: pd.original.bytes, type: pd.original.type, encoding: pd.original.encoding } : undefined);
          const row = pd.row ? { row: pd.row } : {};
          if (r.status === 'imported') {
            job.imported++;
            const done = { item: pd.item, status: 'imported', documentId: r.document.id, title: r.document.title, ...row,
              ...(pd.notes?.length ? { message: pd.notes.join('；') } : {}) } as const;
            job.results.push(done);
            await store.recordJobItem(job.id, done);
          } else {
            job.duplicates++;
            const message = `与已有文档《${r.existing.title}》内容相同，已跳过`;
            const skipped = { item: pd.item, status: 'duplicate', documentId: r.existing.id, title: r.existing.title, ...row, message } as const;
            job.results.push(skipped);
            await store.recordJobItem(job.id, skipped);
          }
        } catch (e) {
          await fail(pd.item, e);
        }
        job.done++;
        await persist();
        await opts.afterItem?.();
      }
    } catch (e) {
      if (e instanceof LeaseLostError) throw e;
      await fail(name, e);
      job.done++;
      await persist();
      await opts.afterItem?.();
    }
  }
  job.state = 'done';
  await persist(true);
  return job;
}

/** Thrown from afterItem when another worker has taken the job over; stops this attempt silently. */
export class LeaseLostError extends Error {}

function restoreCounts(job: Job, finished: JobItemRecord[]): void {
  job.done = finished.length;
  job.imported = finished.filter((f) => f.status === 'imported').length;
  job.duplicates = finished.filter((f) => f.status === 'duplicate').length;
  job.failed = finished.filter((f) => f.status === 'failed').length;
  job.results = finished.map(({ code: _code, ...result }) => result);
  job.errors = finished.filter((f) => f.status === 'failed').map((f) => ({ item: f.item, code: f.code ?? 'IMPORT_FAILED', message: f.message ?? '导入失败' }));
}

async function expand(sources: ImportSource[]): Promise<ImportSource[]> {
  const out: ImportSource[] = [];
  for (const s of sources) {
    if (s.kind !== 'path') { out.push(s); continue; }
    try {
      for await (const f of walkPaths([s.path])) out.push({ kind: 'path', path: f.path });
    } catch {
      out.push(s); // parsePath reports the missing/unreadable path as this item's error
    }
  }
  return out;
}

function displayName(src: ImportSource): string {
  return src.kind === 'path' ? src.path : src.kind === 'buffer' ? src.name : src.url;
}

async function parseSource(src: ImportSource, opts: ImportOptions): Promise<{ docs: ParsedDocument[]; errors: IngestError[] }> {
  const p = { maxBytes: opts.maxBytes, mapping: opts.mapping, category: opts.category };
  if (src.kind === 'path') return parsePath(src.path, p);
  if (src.kind === 'buffer') return parseBuffer(src.name, src.bytes, p);
  return { docs: [await fetchUrl(src.url, { maxBytes: opts.maxBytes, allowPrivate: opts.allowPrivateUrls })], errors: [] };
}
