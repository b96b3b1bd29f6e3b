// Type-ahead suggestions from what the library holds: titles, keywords, entity and mechanism names,
// regions. Built in memory from the store and rebuilt when the document count changes, after
// SUGGEST_TTL_MS, or when invalidateSuggestions(store) is called after a write.
import type { Store } from '../store/store.js';
import { regionInfo } from './regions.js';
import { normaliseQueryText } from './query-terms.js';
import { toSimplified } from '../text/normalise.js';

export type SuggestKind = 'title' | 'keyword' | 'entity' | 'mechanism' | 'region';
export interface Suggestion { text: string; kind: SuggestKind; id?: string }

/** Longest a cached vocabulary is trusted without a write signal (default 5 minutes). */
export const SUGGEST_TTL_MS = 5 * 60_000;

interface Entry { text: string; norm: string; kind: SuggestKind; id?: string; freq: number }
interface Cache { entries: Entry[]; count: number; at: number }

const caches = new WeakMap<Store, Cache>();
const KIND_ORDER: Record<SuggestKind, number> = { keyword: 0, mechanism: 1, region: 2, entity: 3, title: 4 };

export function invalidateSuggestions(store: Store): void {
  caches.delete(store);
}

async function build(store: Store): Promise<Cache> {
  const map = new Map<string, Entry>();
  const add = (text: string, kind: SuggestKind, id?: string) => {
    const raw = text.trim();
    if (raw.length < 2 || raw.length > 80) return;
    // Vocabulary is suggested once, in simplified characters (社區治理 and 社区治理 are one keyword);
    // titles name documents and stay as written.
    const t = kind === 'title' ? raw : toSimplified(raw);
    const norm = normaliseQueryText(t);
    const key = kind === 'title' ? `${kind}\u0000${raw}` : `${kind}\u0000${norm}`;
    const e = map.get(key);
    if (e) e.freq++;
    else map.set(key, { text: t, norm, kind, id, freq: 1 });
  };
  let count = 0;
  for await (const d of store.iterateDocuments(500)) {
    count++;
    add(d.title, 'title', d.id);
    for (const c of d.regions) { const n = regionInfo(c)?.name; if (n) add(n, 'region'); }
    const r = d.analyses[0]?.result;
    if (!r) continue;
    for (const k of r.keywords ?? []) add(k.term, 'keyword');
    for (const m of r.mechanisms ?? []) add(m.name, 'mechanism');
    for (const o of r.organizations ?? []) add(o.name, 'entity');
    for (const g of r.regions ?? []) add(g.name, 'region');
  }
  return { entries: [...map.values()], count, at: Date.now() };
}

async function vocabulary(store: Store): Promise<Entry[]> {
  const cached = caches.get(store);
  const count = await store.countDocuments();
  if (cached && cached.count === count && Date.now() - cached.at < SUGGEST_TTL_MS) return cached.entries;
  const fresh = await build(store);
  caches.set(store, fresh);
  return fresh.entries;
}

/** Suggestions for typed text: entries starting with it first, then entries containing it. */
export async function suggest(store: Store, prefix: string, limit = 10): Promise<Suggestion[]> {
  const q = normaliseQueryText(String(prefix ?? '').slice(0, 100)).trim();
  if (!q) return [];
  const entries = await vocabulary(store);
  const scored: { e: Entry; rank: number }[] = [];
  for (const e of entries) {
    const at = e.norm.indexOf(q);
    if (at < 0) continue;
    scored.push({ e, rank: (at === 0 ? 0 : 100) + KIND_ORDER[e.kind] * 10 - Math.min(9, e.freq) + e.text.length / 100 });
  }
  scored.sort((a, b) => a.rank - b.rank);
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const { e } of scored) {
    if (seen.has(e.text)) continue;
    seen.add(e.text);
    out.push({ text: e.text, kind: e.kind, ...(e.id ? { id: e.id } : {}) });
    if (out.length >= Math.max(1, Math.min(50, limit))) break;
  }
  return out;
}
