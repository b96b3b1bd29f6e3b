// Typed client for the HTTP API (/work/notes/api.md). Types come from src/domain (type-only imports).
import type { Document, DocumentDetail, DocumentWithAnalyses, Source } from '../../src/domain/document.js';
import type { Analysis } from '../../src/domain/analysis.js';
import type { Job } from '../../src/domain/job.js';

export type { Document, DocumentDetail, DocumentWithAnalyses, Analysis, Source, Job };
export type { Span, Figure, Entity, Region, SentenceItem, Keyword, Theme, CaseCard } from '../../src/domain/analysis.js';

export interface ApiErrorBody { code: string; message: string; existingId?: string }

/** An API error with the server's stable code and Chinese message. */
export class ApiError extends Error {
  constructor(public status: number, public code: string, message: string, public body: Partial<ApiErrorBody> = {}) {
    super(message);
  }
}

export type DocumentSummary = Omit<Document, 'text'> & { oneLine?: string; themesDetected?: string[]; regionNames?: string[] };
export interface ValueCount { value: string; count: number }
export interface RegionFacet { code: string; name: string; level: string; parent?: string | null; count: number }
export interface Explanation { term: string; fields: string[]; weight: number; matchedAs?: string[] }
export interface SearchHit {
  id: string; title: string; category: string; snippet: string; highlights: [number, number][]; score: number;
  publishedAt?: string; createdAt: string; explanation: Explanation[]; regionNames: string[]; themes: string[];
  /** Other documents of its same-case cluster. */
  sameCase?: number;
  /** The group it is restricted to (team mode). */
  groupId?: string;
}
export interface SearchResult {
  total: number; hits: SearchHit[];
  facets: { category: ValueCount[]; theme: ValueCount[]; year: ValueCount[]; tag: ValueCount[]; collection: { value: string; label: string; count: number }[]; region: RegionFacet[] };
  query: { terms: string[]; phrases: string[]; excluded: string[]; filters: Record<string, unknown> };
  message?: string;
  /** Filter values the library does not hold, with held values like them (类别:政策 → 政策文件). */
  similarValues?: { field: 'category' | 'theme' | 'tag'; value: string; like: string[]; excluded?: boolean; queries?: string[] }[];
}
export interface Suggestion {
  text: string; kind: 'title' | 'keyword' | 'entity' | 'mechanism' | 'region' | 'category' | 'theme' | 'tag' | 'year'; id?: string;
  /** The whole query with this suggestion completing its last word. */
  query?: string;
}
export interface SimilarItem { id: string; title: string; category: string; score: number; reasons: string[] }
export interface ClusterItem { id: string; title: string; source?: Source; createdAt: string }
export interface CollectionSummary { id: string; name: string; description: string; count: number; updatedAt: string }
export interface CollectionDetail {
  id: string; name: string; description: string; createdAt: string; updatedAt: string;
  items: { documentId: string; position: number; note: string; title?: string; category?: string }[];
}
export interface CompareCellItem { text: string; spans: { start: number; end: number }[] }
export interface CompareResult { documents: { id: string; title: string }[]; rows: { field: string; cells: CompareCellItem[][] }[] }
export interface Stats {
  total: number; byCategory: ValueCount[]; byTheme: ValueCount[]; byProvince: { code: string; name: string; count: number }[];
  byYear: ValueCount[]; themeTrend: { year: string | number; theme: string; count: number }[]; recent: DocumentSummary[];
}
export interface Settings { categories: string[]; themes?: string[]; dataDir: string | null; store: 'sqlite' | 'postgres'; version: string; documentCount: number }
export interface LexiconItem { term: string; kind: string; source: string; synonyms: string[]; user: boolean }
export interface ApiTokenInfo { id: string; name: string; scope: 'read' | 'read-write'; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }
export interface AuditItem { seq: number; at: string; username: string | null; action: string; targetType: string; targetId: string | null; details: Record<string, unknown> }
export interface BulkResult { ok: number; failed: { id: string; message: string }[] }

type Query = Record<string, string | number | undefined | null>;

export function qs(params: Query): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/** Team mode: the session's CSRF token, sent with every request (the session itself is an HttpOnly cookie). */
let csrfToken: string | null = null;
export function setCsrfToken(t: string | null): void { csrfToken = t; }
/** Called when the server answers 401, so the app can show the sign-in form. */
let onUnauthorized: (() => void) | null = null;
export function setUnauthorizedHandler(fn: (() => void) | null): void { onUnauthorized = fn; }

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const init: RequestInit = { method, signal, headers: csrfToken ? { 'x-csrf-token': csrfToken } : {} };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(`/api${path}`, init);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '无法连接服务器：请确认 zhizhi serve 正在运行后刷新页面');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  try { data = text ? JSON.parse(text) : undefined; } catch { /* non-JSON body */ }
  if (!res.ok) {
    const b = (data ?? {}) as Partial<ApiErrorBody>;
    if (res.status === 401) onUnauthorized?.();
    throw new ApiError(res.status, b.code ?? `HTTP_${res.status}`, b.message ?? `请求失败（${res.status}）`, b);
  }
  return data as T;
}

const get = <T>(p: string, signal?: AbortSignal) => request<T>('GET', p, undefined, signal);

export interface AuthUser { id: string; username: string; role: string; displayName?: string; groups?: string[] }
export interface Me { teamMode: boolean; user: AuthUser | null; csrfToken: string | null; roleLabel: string | null }

export const api = {
  me: () => get<Me>('/auth/me'),
  login: (username: string, password: string) => request<{ user: AuthUser; csrfToken: string }>('POST', '/auth/login', { username, password }),
  logout: () => request<void>('POST', '/auth/logout'),
  health: () => get<{ status: string }>('/health'),
  stats: (signal?: AbortSignal) => get<Stats>('/stats', signal),
  listDocuments: (p: { limit?: number; offset?: number; category?: string; tag?: string; sort?: string }, signal?: AbortSignal) =>
    get<{ total: number; items: DocumentSummary[] }>(`/documents${qs(p)}`, signal),
  getDocument: (id: string, signal?: AbortSignal) => get<DocumentDetail>(`/documents/${encodeURIComponent(id)}`, signal),
  createDocument: (body: { text: string; title?: string; category?: string; source?: Partial<Source>; tags?: string[]; groupId?: string }) =>
    request<DocumentWithAnalyses>('POST', '/documents', body),
  patchDocument: (id: string, body: { title?: string; category?: string; source?: Partial<Source>; tags?: string[]; themes?: string[] | null; regions?: string[] | null; groupId?: string | null }) =>
    request<Document>('PATCH', `/documents/${encodeURIComponent(id)}`, body),
  deleteDocument: (id: string) => request<void>('DELETE', `/documents/${encodeURIComponent(id)}`),
  analyze: (id: string) => request<Analysis>('POST', `/documents/${encodeURIComponent(id)}/analyze`, {}),
  matches: (id: string, q: string, signal?: AbortSignal) =>
    get<{ terms: string[]; ranges: [number, number][] }>(`/documents/${encodeURIComponent(id)}/matches?q=${encodeURIComponent(q)}`, signal),
  similar: (id: string, signal?: AbortSignal) => get<{ items: SimilarItem[] }>(`/documents/${encodeURIComponent(id)}/similar?limit=10`, signal),
  cluster: (id: string, signal?: AbortSignal) => get<{ clusterId: string | null; items: ClusterItem[] }>(`/documents/${encodeURIComponent(id)}/cluster`, signal),
  originalUrl: (id: string) => `/api/documents/${encodeURIComponent(id)}/original`,
  bulk: (body: { ids: string[]; action: 'delete' | 'setCategory' | 'reanalyze' | 'addToCollection'; category?: string; collectionId?: string }) =>
    request<BulkResult>('POST', '/documents/bulk', body),
  importFiles: (form: FormData) => request<Job>('POST', '/import', form),
  importUrl: (url: string, category?: string, groupId?: string) => request<Job>('POST', '/import/url', { url, category, groupId }),
  job: (id: string, signal?: AbortSignal) => get<Job>(`/jobs/${encodeURIComponent(id)}`, signal),
  search: (p: Query, signal?: AbortSignal) => get<SearchResult>(`/search${qs(p)}`, signal),
  suggest: (q: string, signal?: AbortSignal) => get<{ items: Suggestion[] }>(`/suggest${qs({ q })}`, signal),
  collections: (signal?: AbortSignal) => get<{ items: CollectionSummary[] }>('/collections', signal),
  createCollection: (body: { name: string; description?: string; items?: { documentId: string; note?: string }[] }) =>
    request<CollectionDetail>('POST', '/collections', body),
  getCollection: (id: string, signal?: AbortSignal) => get<CollectionDetail>(`/collections/${encodeURIComponent(id)}`, signal),
  patchCollection: (id: string, body: { name?: string; description?: string; items?: { documentId: string; note?: string }[] }) =>
    request<CollectionDetail>('PATCH', `/collections/${encodeURIComponent(id)}`, body),
  addToCollection: (id: string, documentId: string, note?: string) =>
    request<CollectionDetail>('POST', `/collections/${encodeURIComponent(id)}/items`, { documentId, note }),
  deleteCollection: (id: string) => request<void>('DELETE', `/collections/${encodeURIComponent(id)}`),
  compare: (ids: string[], signal?: AbortSignal) => get<CompareResult>(`/compare${qs({ ids: ids.join(',') })}`, signal),
  compareExportUrl: (ids: string[], format: 'csv' | 'md') => `/api/compare/export${qs({ ids: ids.join(','), format })}`,
  /** The result list of a search (its query, filters and order) as a file; the first `limit` results (default 200, at most 1,000). */
  searchExportUrl: (p: Query, format: 'csv' | 'md', limit = 200) => `/api/search/export${qs({ ...p, format, limit })}`,
  settings: (signal?: AbortSignal) => get<Settings>('/settings', signal),
  putCategories: (categories: string[]) => request<{ categories: string[] }>('PUT', '/settings/categories', { categories }),
  lexicon: (signal?: AbortSignal) => get<{ items: LexiconItem[] }>('/lexicon', signal),
  addLexicon: (body: { term: string; kind: string; synonyms?: string[] }) => request<LexiconItem>('POST', '/lexicon', body),
  backupUrl: '/api/backup',
  tokens: (signal?: AbortSignal) => get<{ items: ApiTokenInfo[] }>('/auth/tokens', signal),
  createToken: (name: string, scope: 'read' | 'read-write') => request<{ token: string; info: ApiTokenInfo }>('POST', '/auth/tokens', { name, scope }),
  revokeToken: (id: string) => request<void>('DELETE', `/auth/tokens/${encodeURIComponent(id)}`),
  audit: (p: { limit?: number; offset?: number }, signal?: AbortSignal) => get<{ total: number; items: AuditItem[] }>(`/audit${qs(p)}`, signal),
  auditCsvUrl: '/api/audit?format=csv&limit=10000',
};

/** Human-readable message for any thrown value. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
