// Index format upgrades: when a release changes what the index holds for the same document
// (normalisation, tokenisation), stores written by an older release are brought up to date from their
// stored documents and latest analyses. Nothing is analysed again and no document row changes except
// its duplicate-detection hash.
import { buildIndexEntry } from '../search/tokens.js';
import type { Store } from '../store/store.js';
import { textHash } from './text-hash.js';

/**
 * Format of index entries and text hashes written by this release. History:
 * 1 — up to 2026-11; 2 — 么, 著, 乾 kept as written (OpenCC's Taiwan tables had folded them into 幺, 着,
 * 干, so 什么 was not recognised as a function word and 著作权 was segmented as 着/作/权).
 */
export const INDEX_FORMAT = 2;
const KEY = 'indexFormat';

/** The format the store's index was written in: a store that never recorded one is format 1. */
export async function storedIndexFormat(store: Store): Promise<number> {
  return (await store.getSetting<number>(KEY)) ?? 1;
}

/** A store with no documents is written in the current format from its first document on. */
export async function stampIndexFormatIfEmpty(store: Store): Promise<void> {
  if ((await store.getSetting<number>(KEY)) === undefined && (await store.countDocuments()) === 0) await store.putSetting(KEY, INDEX_FORMAT);
}

export interface ReindexProgress { done: number; total: number; rewritten: number; failed: number }

export interface ReindexOptions {
  /** Called after every page of documents (default: nothing). */
  onProgress?: (p: ReindexProgress) => void;
  /** Checked between documents; when true the run stops and the format stays old, to resume next time. */
  shouldStop?: () => boolean;
  /** Re-index even when the stored format is current (default false). */
  force?: boolean;
}

/**
 * Re-indexes every document when the stored format is older than INDEX_FORMAT, then records the new
 * format. Safe beside a running server and importers: documents imported meanwhile are already written
 * in the new format, and one edited meanwhile is skipped (its edit wrote a new entry). Interrupted runs
 * leave a mix of entries that search handles (only the characters the upgrade concerns differ) and start
 * again from the beginning next time.
 */
export async function reindexIfStale(store: Store, opts: ReindexOptions = {}): Promise<ReindexProgress & { ran: boolean; stopped: boolean }> {
  const from = await storedIndexFormat(store);
  const p: ReindexProgress = { done: 0, total: await store.countDocuments(), rewritten: 0, failed: 0 };
  if (from >= INDEX_FORMAT && !opts.force) return { ...p, ran: false, stopped: false };
  for await (const doc of store.iterateDocuments(200)) {
    if (opts.shouldStop?.()) return { ...p, ran: true, stopped: true };
    try {
      const latest = doc.analyses[0]?.result;
      const { analyses: _analyses, ...plain } = doc;
      const next = { ...plain, textHash: textHash(doc.text) };
      if (await store.reindexDocument(next, buildIndexEntry(next, latest))) p.rewritten++;
    } catch {
      p.failed++;
    }
    p.done++;
    if (p.done % 200 === 0) opts.onProgress?.({ ...p });
  }
  opts.onProgress?.({ ...p });
  if (!p.failed) await store.putSetting(KEY, INDEX_FORMAT);
  return { ...p, ran: true, stopped: false };
}
