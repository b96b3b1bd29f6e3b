// Index format upgrades: when a release changes what the index holds for the same document
// (normalisation, tokenisation), stores written by an older release are brought up to date from their
// stored documents and latest analyses. Nothing is analysed again and no document row changes except
// its duplicate-detection hash.
import type { DocumentWithAnalyses } from '../domain/index.js';
import { buildIndexEntry } from '../search/tokens.js';
import type { Store } from '../store/store.js';
import { latestOffline } from '../domain/latest-analysis.js';
import { textHash } from './text-hash.js';

/**
 * Format of index entries and text hashes written by this release. History:
 * 1 — up to 2026-11; 2 — 么, 著, 乾 kept as written (OpenCC's Taiwan tables had folded them into 幺, 着,
 * 干, so 什么 was not recognised as a function word and 著作权 was segmented as 着/作/权); 3 — region facets
 * of a street or town (虹桥街道) carry its district, city and province, and a filter on 上海 finds it; 4 — a
 * place the analysis could not tell from its namesakes is filed only under what all of them share (it was
 * filed under its first candidate: 林场 under 叶城县), and a number with Latin letters right after it is one
 * token (5G, 4K, 3D: they were 5 / g, so 5G found any text with a 5 and a g); 5 — a document without a
 * publication date has no 年份 and sorts after every dated one by date (it was filed under the day it was
 * imported); 6 — a national document (国务院…, 中共中央…, 全国…) is filed only under the places its title
 * names, not under every place it mentions (香港 and 澳门 in every government work report); 7 — a document
 * without a publication date is filed under the one year its title states (2008年国务院政府工作报告).
 */
export const INDEX_FORMAT = 7;
const KEY = 'indexFormat';
/** Where an interrupted upgrade to `format` stopped: the last document it finished. */
const PROGRESS_KEY = 'indexFormatProgress';
interface Progress { format: number; lastId: string }

/** The format the store's index was written in: a store that never recorded one is format 1. */
export async function storedIndexFormat(store: Store): Promise<number> {
  return (await store.getSetting<number>(KEY)) ?? 1;
}

/** A store with no documents is written in the current format from its first document on. */
export async function stampIndexFormatIfEmpty(store: Store): Promise<void> {
  if ((await store.getSetting<number>(KEY)) === undefined && (await store.countDocuments()) === 0) await store.putSetting(KEY, INDEX_FORMAT);
}

export interface ReindexProgress {
  /** Documents handled in this run (a resumed run starts after the last one finished before). */
  done: number;
  /** Documents in the store (0 when the format was current and nothing ran). */
  total: number;
  rewritten: number;
  /** Texts whose new hash equals another document's (they differed only in 什么/什麼): hash kept as it was. */
  hashKept: number;
  failed: { id: string; message: string }[];
}

export interface ReindexOptions {
  /** Called every 200 documents and at the end (default: nothing). */
  onProgress?: (p: ReindexProgress) => void;
  /** Checked between documents; when true the run stops, to resume after the last finished document. */
  shouldStop?: () => boolean;
  /** Re-index from the first document even when the stored format is current (default false). */
  force?: boolean;
}

const PAGE = 200;

/**
 * Re-indexes every document when the stored format is older than INDEX_FORMAT, then records the new
 * format. Safe beside a running server and importers: it yields to the event loop after each document
 * (SQLite calls are synchronous, so without that a server would not answer until the end); documents
 * imported meanwhile are written in the new format already, and one edited or re-analysed meanwhile is
 * skipped (that write made a new entry). Stopped runs resume after the last finished document.
 * Failures are listed and the format stays old, so the next run tries again.
 */
export async function reindexIfStale(store: Store, opts: ReindexOptions = {}): Promise<ReindexProgress & { ran: boolean; stopped: boolean }> {
  // Every server start asks; counting a large library's documents is left to the runs that work.
  if ((await storedIndexFormat(store)) >= INDEX_FORMAT && !opts.force) return { done: 0, total: 0, rewritten: 0, hashKept: 0, failed: [], ran: false, stopped: false };
  const p: ReindexProgress = { done: 0, total: await store.countDocuments(), rewritten: 0, hashKept: 0, failed: [] };
  const saved = opts.force ? undefined : await store.getSetting<Progress>(PROGRESS_KEY);
  let lastId = saved?.format === INDEX_FORMAT ? saved.lastId : undefined;
  for await (const doc of store.iterateDocuments(PAGE, lastId)) {
    await new Promise((resolve) => setImmediate(resolve));
    if (opts.shouldStop?.()) {
      if (lastId) await store.putSetting<Progress>(PROGRESS_KEY, { format: INDEX_FORMAT, lastId });
      return { ...p, ran: true, stopped: true };
    }
    try {
      if (await reindexOne(store, doc, p)) p.rewritten++;
    } catch (e) {
      p.failed.push({ id: doc.id, message: (e as Error).message });
    }
    p.done++;
    lastId = doc.id;
    if (p.done % PAGE === 0) {
      opts.onProgress?.({ ...p });
      await store.putSetting<Progress>(PROGRESS_KEY, { format: INDEX_FORMAT, lastId });
    }
  }
  opts.onProgress?.({ ...p });
  if (!p.failed.length) await store.putSetting(KEY, INDEX_FORMAT);
  return { ...p, ran: true, stopped: false };
}

async function reindexOne(store: Store, doc: DocumentWithAnalyses, p: ReindexProgress): Promise<boolean> {
  const { analyses, ...plain } = doc;
  let hash = textHash(doc.text);
  const other = hash === doc.textHash ? null : await store.findByTextHash(hash);
  if (other && other.id !== doc.id) { hash = doc.textHash; p.hashKept++; }
  const next = { ...plain, textHash: hash };
  return store.reindexDocument(next, buildIndexEntry(next, latestOffline(analyses)), { analyses: analyses.length });
}
