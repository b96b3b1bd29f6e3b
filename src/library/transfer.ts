import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { once } from 'node:events';
import type { Collection, DocumentWithAnalyses } from '../domain/index.js';
import { DocumentWithAnalysesSchema, CollectionSchema, nowIso } from '../domain/index.js';
import { buildIndexEntry } from '../search/tokens.js';
import { lshBands } from '../text/minhash.js';
import { DuplicateTextError, type Store } from '../store/store.js';
import type { Library } from './library.js';
import { latestOffline } from '../domain/latest-analysis.js';
import { textHash } from './text-hash.js';

/**
 * The library as JSON Lines: everything needed to rebuild it in another store (SQLite → PostgreSQL,
 * one machine to another). Line 1 is the header; then one line per document (with every analysis and
 * the original file in base64), then collections, then settings.
 *
 *   {"zhizhi_export":1,"exportedAt":"…","source":"sqlite","documents":N,"collections":M}
 *   {"type":"document","document":{…,"analyses":[…]},"original":"<base64>"|null}
 *   {"type":"collection","collection":{…}}
 *   {"type":"setting","key":"categories","value":[…]}
 */
export const EXPORT_FORMAT_VERSION = 1;

/** Settings every store keeps under fixed keys; stores offering listSettings() export all of theirs. */
export const KNOWN_SETTING_KEYS = ['categories', 'themeModel', 'demoLoaded', 'userLexicon', 'llm'];

export interface ExportHeader { zhizhi_export: number; exportedAt: string; source: string; documents: number; collections: number }

export type ExportLine =
  | { type: 'document'; document: DocumentWithAnalyses; original: string | null }
  | { type: 'collection'; collection: Collection }
  | { type: 'setting'; key: string; value: unknown };

export interface ExportCounts { documents: number; collections: number; settings: number }

/** An optional store capability: all settings at once (not part of Store yet; KNOWN_SETTING_KEYS otherwise). */
interface SettingsLister { listSettings(): Promise<Record<string, unknown>> }

async function allSettings(store: Store): Promise<Record<string, unknown>> {
  const lister = store as unknown as Partial<SettingsLister>;
  if (typeof lister.listSettings === 'function') return lister.listSettings();
  const out: Record<string, unknown> = {};
  for (const k of KNOWN_SETTING_KEYS) {
    const v = await store.getSetting<unknown>(k);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** Writes the whole library to `out` as JSON Lines (does not end the stream). Honors back-pressure. */
export async function exportLibrary(store: Store, out: Writable): Promise<ExportCounts> {
  const write = async (obj: unknown) => {
    if (!out.write(JSON.stringify(obj) + '\n')) await once(out, 'drain');
  };
  const collections = await store.listCollections();
  const header: ExportHeader = {
    zhizhi_export: EXPORT_FORMAT_VERSION, exportedAt: nowIso(), source: store.kind, documents: await store.countDocuments(), collections: collections.length,
  };
  await write(header);
  let documents = 0;
  for await (const doc of store.iterateDocuments(100)) {
    const orig = doc.original ? await store.getOriginal(doc.id) : null;
    await write({ type: 'document', document: doc, original: orig ? orig.bytes.toString('base64') : null } satisfies ExportLine);
    documents++;
  }
  // Oldest first, so that restoring reproduces the same listing order.
  for (const c of [...collections].reverse()) await write({ type: 'collection', collection: c } satisfies ExportLine);
  const settings = await allSettings(store);
  for (const [key, value] of Object.entries(settings)) await write({ type: 'setting', key, value } satisfies ExportLine);
  return { documents, collections: collections.length, settings: Object.keys(settings).length };
}

/** True when the first line of a file is an export header. */
export function isExportHeader(firstLine: string): boolean {
  try {
    const h = JSON.parse(firstLine) as Partial<ExportHeader>;
    return typeof h === 'object' && h !== null && typeof h.zhizhi_export === 'number';
  } catch {
    return false;
  }
}

export interface RestoreOptions {
  /** Called after every document line. */
  onProgress?: (p: RestoreResult & { total: number }) => void;
  /** Settings are restored too (default true); existing values are overwritten. */
  settings?: boolean;
}

export interface RestoreResult {
  imported: number;
  /** Documents already present (same id or same text): left untouched. */
  duplicates: number;
  collections: number;
  settings: number;
  failed: { item: string; message: string }[];
}

/**
 * Restores an export into the library's store exactly as it was: ids, timestamps, analyses, originals,
 * clusters, collections and settings. Nothing is re-analysed. Documents already present are skipped, so
 * restoring the same file twice changes nothing.
 */
export async function importExport(lib: Library, input: Readable, opts: RestoreOptions = {}): Promise<RestoreResult> {
  const store = lib.store;
  const res: RestoreResult = { imported: 0, duplicates: 0, collections: 0, settings: 0, failed: [] };
  const lines = createInterface({ input, crlfDelay: Infinity });
  let header: ExportHeader | null = null;
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    if (!header) {
      if (!isExportHeader(line)) throw new Error('不是治知导出文件：第一行缺少 {"zhizhi_export": 1} 标记');
      header = JSON.parse(line) as ExportHeader;
      if (header.zhizhi_export > EXPORT_FORMAT_VERSION) throw new Error(`导出文件格式版本 ${header.zhizhi_export} 过新，请升级治知后再导入`);
      continue;
    }
    const item = `第 ${n} 行`;
    try {
      const rec = JSON.parse(line) as ExportLine;
      if (rec.type === 'document') {
        if (await restoreDocument(store, rec)) res.imported++;
        else res.duplicates++;
        opts.onProgress?.({ ...res, total: header.documents });
      } else if (rec.type === 'collection') {
        await restoreCollection(store, rec.collection);
        res.collections++;
      } else if (rec.type === 'setting') {
        if (opts.settings ?? true) {
          await store.putSetting(rec.key, rec.value);
          res.settings++;
        }
      }
    } catch (e) {
      res.failed.push({ item, message: `恢复失败：${(e as Error).message}` });
    }
  }
  if (!header) throw new Error('不是治知导出文件：文件为空');
  return res;
}

async function restoreDocument(store: Store, rec: Extract<ExportLine, { type: 'document' }>): Promise<boolean> {
  // Validated, but the raw object is stored: parsing would fill defaults and drop unknown keys.
  const check = DocumentWithAnalysesSchema.safeParse(rec.document);
  if (!check.success) throw new Error(`文档记录不完整（${check.error.issues[0]?.path.join('.')}）`);
  const full = rec.document;
  if (await store.getDocument(full.id)) return false;
  const { analyses, ...exported } = full;
  // The duplicate key is derived data: recomputed, so an export from an older release (other index
  // normalisation) still finds its texts as duplicates here.
  const doc = { ...exported, textHash: textHash(exported.text) };
  const latest = latestOffline(analyses);
  try {
    await store.createDocument(doc, {
      originalBytes: rec.original ? Buffer.from(rec.original, 'base64') : undefined,
      analyses,
      index: buildIndexEntry(doc, latest),
      lshBands: lshBands(latest?.minhash ?? []),
    });
  } catch (e) {
    if (e instanceof DuplicateTextError) return false;
    throw e;
  }
  return true;
}

async function restoreCollection(store: Store, raw: Collection): Promise<void> {
  const check = CollectionSchema.safeParse(raw);
  if (!check.success) throw new Error(`专题记录不完整（${check.error.issues[0]?.path.join('.')}）`);
  const c = raw;
  if (await store.getCollection(c.id)) return;
  const items = [...c.items].sort((a, b) => a.position - b.position).map((i) => ({ documentId: i.documentId, note: i.note }));
  await store.createCollection({ id: c.id, name: c.name, description: c.description, items, createdAt: c.createdAt, updatedAt: c.updatedAt });
}
