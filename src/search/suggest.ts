// Type-ahead suggestions from what the library holds: titles, keywords, entity and mechanism names,
// regions. Built in memory from the store and rebuilt when the document count changes, after
// SUGGEST_TTL_MS, or when invalidateSuggestions(store) is called after a write.
import type { Store } from '../store/store.js';
import { THEME_NAMES } from '../text/themes/taxonomy.js';
import { regionInfo, regionPath, resolveRegionName } from './regions.js';
import { documentRegions, documentYear } from './tokens.js';
import { latestOffline } from '../domain/latest-analysis.js';
import { fieldNamed, parseQuery, type FilterName } from './query-parser.js';
import { andMatch, normaliseQueryText, queryConcepts } from './query-terms.js';
import { toSimplified } from '../text/normalise.js';

export type SuggestKind = 'title' | 'keyword' | 'entity' | 'mechanism' | 'region' | 'category' | 'theme' | 'tag' | 'year';
export interface Suggestion {
  text: string; kind: SuggestKind; id?: string;
  /** The whole query with this suggestion completing its last word (社区 网 → 社区 网格化管理, 地区:上 → 地区:上海市). */
  query: string;
}

/** What may complete a word after a field name; kinds absent here are suggested for free words only. */
const FIELD_KINDS: Partial<Record<FilterName, SuggestKind[]>> = { region: ['region'], theme: ['theme'], category: ['category'], tag: ['tag'], year: ['year'] };
const WORD_KINDS: SuggestKind[] = ['keyword', 'mechanism', 'region', 'entity', 'title'];
const CLOSING: Record<string, string> = { '"': '"', '“': '”', '「': '」' };

/**
 * The typed query split at its last word: what comes before, a minus, a field name with its colon, an opening
 * quote, and the word being typed (社区 -"物 → head 「社区 」, minus, quote, stem 物).
 */
const RE_LAST_WORD = /^(.*[\s\u3000])?([-－]?)(?:([^\s\u3000:："“「]{1,12})[:：])?(["“「]?)([^\s\u3000]*)$/u;

/** Longest a cached vocabulary is trusted without a write signal (default 5 minutes). */
export const SUGGEST_TTL_MS = 5 * 60_000;

/**
 * `use`: completes a free word, or a value after a field name (地区:上海市宝山区 needs the path to be unambiguous;
 * as a free word 宝山区 is what documents say). `open`: held by a document outside every group; `groups`:
 * the groups of the other documents holding it — an entry only from documents a caller cannot see is not
 * suggested to that caller (a group's private tags, keywords and titles stay private).
 */
interface Entry { text: string; norm: string; kind: SuggestKind; use: 'word' | 'field'; id?: string; freq: number; open: boolean; groups: Set<string> }
interface Cache { entries: Entry[]; count: number; at: number }

const caches = new WeakMap<Store, Cache>();
const KIND_ORDER: Record<SuggestKind, number> = { keyword: 0, mechanism: 1, region: 2, entity: 3, title: 4, category: 0, theme: 0, tag: 0, year: 0 };

export function invalidateSuggestions(store: Store): void {
  caches.delete(store);
}

async function build(store: Store): Promise<Cache> {
  const map = new Map<string, Entry>();
  let group: string | null = null;
  const add = (text: string, kind: SuggestKind, use: Entry['use'] = 'word', id?: string) => {
    const raw = text.trim();
    if (raw.length < 2 || raw.length > 80) return;
    // Vocabulary is suggested once, in simplified characters (社區治理 and 社区治理 are one keyword);
    // titles name documents, and tags and categories are values a filter compares, so they stay as written.
    const t = kind === 'title' || kind === 'tag' || kind === 'category' ? raw : toSimplified(raw);
    const norm = normaliseQueryText(t);
    const key = `${use}\u0000${kind}\u0000${kind === 'title' ? raw : norm}`;
    const e = map.get(key) ?? { text: t, norm, kind, use, id, freq: 0, open: false, groups: new Set<string>() };
    map.set(key, e);
    e.freq++;
    if (group == null) e.open = true; else e.groups.add(group);
  };
  const region = (code: string) => {
    const info = regionInfo(code);
    if (!info) return;
    add(info.name, 'region');
    add(regionPath(code), 'region', 'field');
  };
  let count = 0;
  for (const t of THEME_NAMES) add(t, 'theme', 'field');
  for await (const d of store.iterateDocuments(500)) {
    count++;
    group = d.groupId ?? null;
    add(d.title, 'title', 'word', d.id);
    add(d.category, 'category', 'field');
    const year = documentYear(d);
    if (year != null) add(String(year), 'year', 'field');
    for (const t of d.tags) add(t, 'tag', 'field');
    const r = latestOffline(d.analyses);
    // The places 地区 files it under (the user's when set), not every name the analysis read.
    documentRegions(d, r).forEach(region);
    if (!r) continue;
    for (const k of r.keywords ?? []) add(k.term, 'keyword');
    for (const m of r.mechanisms ?? []) add(m.name, 'mechanism');
    for (const o of r.organizations ?? []) add(o.name, 'entity');
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

/**
 * Suggestions completing the last word of the typed query: entries starting with it first, then entries
 * containing it. After a field name (地区:, 主题:, 类别:, 标签:) the field's values, the most frequent first
 * when nothing follows the colon; a minus or an opening quote is kept (and the quote closed) in `query`.
 */
export async function suggest(store: Store, typed: string, limit = 10, visibleGroups?: string[] | null): Promise<Suggestion[]> {
  // The whole text is split (a long query keeps its words); only the word being completed is capped.
  const m = RE_LAST_WORD.exec(String(typed ?? '').trimStart());
  if (!m) return [];
  const [, head = '', minus, fieldName, quote, stem] = m;
  const field = fieldName ? fieldNamed(fieldName) : undefined;
  if (fieldName && !field) return [];
  const kinds = field ? FIELD_KINDS[field] : head || minus || quote ? WORD_KINDS.filter((k) => k !== 'title') : WORD_KINDS;
  const use: Entry['use'] = field ? 'field' : 'word';
  let q = normaliseQueryText(stem.slice(0, MAX_STEM_CHARS)).trim();
  if (!kinds || (!q && !field)) return [];
  // 年份:2019- completes the range's end: the library's years from 2019 on (2019-2024, 2019-2023 …).
  const range = field === 'year' ? RE_YEAR_RANGE_START.exec(q) : null;
  if (range) q = range[3];
  const visible = (e: Entry) => !visibleGroups || e.open || visibleGroups.some((g) => e.groups.has(g));
  const entries = await vocabulary(store);
  // A member's years, from one count over what they may see (one count per year checked scanned the index each time).
  const visibleYears = visibleGroups && kinds.includes('year')
    ? new Set(((await store.facetCounts(null, { visibleGroups }, ['year'], 1000)).year ?? []).map((c) => c.value)) : null;
  const scored: { e: Entry; rank: number }[] = [];
  for (const e of entries) {
    if (e.use !== use || !kinds.includes(e.kind) || !visible(e)) continue;
    const at = q ? e.norm.indexOf(q) : 0;
    // Letters and digits complete from the start of a word: 12 is 12345热线, not the 12 inside NACA0012.
    if (at < 0 || (at > 0 && RE_ALNUM.test(q[0]) && RE_ALNUM.test(e.norm[at - 1]))) continue;
    if (range && Number(e.text) <= Number(range[1])) continue;
    // Years newest first (年份: lists the library's years as a timeline), other values most used first.
    const weight = e.kind === 'year' ? -Number(e.text) / 1e4 : KIND_ORDER[e.kind] * 10 - Math.min(9, e.freq) + e.text.length / 100 - (q ? 0 : e.freq);
    scored.push({ e, rank: (at === 0 ? 0 : 100) + weight });
  }
  scored.sort((a, b) => a.rank - b.rank);
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  const prefix = `${head}${minus}${fieldName ? `${fieldName}:` : ''}`;
  let checks = 0;
  for (const { e } of scored) {
    if (seen.has(e.text)) continue;
    seen.add(e.text);
    // The vocabulary is this node's and may lag another node's edits (a document moved into a group): for
    // a caller who may not see everything, each suggestion is checked against the documents they see now.
    if (visibleYears && e.kind === 'year') { if (!visibleYears.has(e.text)) continue; } else if (visibleGroups && e.kind !== 'theme') {
      if (++checks > MAX_CHECKS) break;
      if (!(await heldByVisible(store, e, visibleGroups))) continue;
    }
    const word = quote ? `${quote}${e.text}${CLOSING[quote]}` : (/[\s\u3000]/u.test(e.text) && (head || field)) || (field && /[,，、|]/.test(e.text)) ? `"${e.text}"` : e.text;
    const value = range ? (quote ? `${quote}${range[1]}${range[2]}${e.text}${CLOSING[quote]}` : `${range[1]}${range[2]}${e.text}`) : word;
    out.push({ text: range ? value : e.text, kind: e.kind, ...(e.id ? { id: e.id } : {}), query: `${prefix}${value}` });
    if (out.length >= Math.max(1, Math.min(50, limit))) break;
  }
  return out;
}

const RE_ALNUM = /[a-z0-9]/;

/** A year range typed up to its end (2019-, 2019年至20): start, separator, the end's digits so far (the stem holds no space). */
const RE_YEAR_RANGE_START = /^(\d{4})年?([-~～—–至到])(\d{0,3})$/;

/** Suggestions checked per request for a caller who sees only some groups (default 30; one count each). */
const MAX_CHECKS = 30;

/** Whether a document the caller may see holds the entry now: its value as a filter, or its text as a phrase. */
async function heldByVisible(store: Store, e: Entry, visibleGroups: string[]): Promise<boolean> {
  if (e.kind === 'title') return true; // the route checks each title's own document
  if (e.kind === 'category' || e.kind === 'tag') return (await store.matchDocuments(null, { [e.kind]: [e.text], visibleGroups }, { limit: 0 })).total > 0;
  if (e.kind === 'region' && e.use === 'field') return (await store.matchDocuments(null, { region: resolveRegionName(e.text).codes, visibleGroups }, { limit: 0 })).total > 0;
  const match = andMatch(queryConcepts(parseQuery(`"${e.text.replace(/"/g, '')}"`)));
  return (await store.matchDocuments(match, { visibleGroups }, { limit: 0 })).total > 0;
}


/** The word being completed is read up to this many characters (default 100). */
const MAX_STEM_CHARS = 100;
