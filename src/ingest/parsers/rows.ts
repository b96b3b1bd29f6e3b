// Shared by the CSV and JSONL batch parsers: one record → one ParsedDocument via a field mapping.
import type { Source } from '../../domain/index.js';
import { ingestError, type IngestError } from '../errors.js';
import type { FieldMapping, ParsedDocument } from '../types.js';
import { cleanText, normaliseDate } from './common.js';

/** Column/key names guessed for each field when the mapping names none (compared case- and separator-insensitively). */
export const DEFAULT_FIELD_NAMES: Record<keyof FieldMapping, string[]> = {
  title: ['title', '标题', '题名', '题目', 'name', '名称', 'headline'],
  text: ['text', 'content', 'body', '正文', '内容', '全文', 'fulltext', 'abstract', '摘要', 'summary'],
  category: ['category', '类别', '分类', '类型', '文档类型'],
  publisher: ['publisher', 'source', '来源', '出处', '发布单位', '媒体', 'site', 'sitename', 'journal', '期刊'],
  url: ['url', 'link', '链接', '网址', '原文链接', 'href'],
  authors: ['authors', 'author', '作者'],
  publishedAt: ['publishedat', 'published', 'date', '日期', '发布日期', '发布时间', '发文日期', '成文日期', 'pubdate', 'time', '时间', 'year', '年份'],
  tags: ['tags', 'tag', 'keywords', '关键词', '标签'],
  docNumber: ['docnumber', '文号', '发文字号'],
  issuer: ['issuer', '发文机关', '发布机关', '发文单位'],
  createdAt: ['createdat', 'created', '创建时间', '入库时间'],
};

const norm = (k: string) => k.toLowerCase().replace(/[\s_\-.·]/g, '');

/** Resolves the mapping against the keys actually present: explicit names win, else the first guessed name found. */
export function resolveMapping(keys: string[], mapping: FieldMapping = {}): Partial<Record<keyof FieldMapping, string>> {
  const byNorm = new Map<string, string>();
  for (const k of keys) if (!byNorm.has(norm(k))) byNorm.set(norm(k), k);
  const out: Partial<Record<keyof FieldMapping, string>> = {};
  for (const field of Object.keys(DEFAULT_FIELD_NAMES) as Array<keyof FieldMapping>) {
    const explicit = mapping[field];
    if (explicit) { out[field] = explicit; continue; }
    const hit = DEFAULT_FIELD_NAMES[field].map((n) => byNorm.get(n)).find((k) => k !== undefined);
    if (hit && !Object.values(out).includes(hit)) out[field] = hit;
  }
  return out;
}

/** Reads `a.b` paths in nested JSON objects; plain keys for CSV. */
function get(rec: Record<string, unknown>, key: string | undefined): unknown {
  if (!key) return undefined;
  if (key in rec) return rec[key];
  return key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), rec);
}

function str(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '').trim();
  return s || undefined;
}

function list(v: unknown): string[] | undefined {
  const arr = Array.isArray(v) ? v.map(str) : str(v)?.split(/[;；、,，|]\s*/);
  const out = arr?.map((s) => s?.trim()).filter((s): s is string => !!s);
  return out?.length ? out : undefined;
}

/**
 * Turns one record into a document, or an IngestError (MISSING_TEXT_FIELD) naming the row.
 * `line` is the 1-based line (JSONL) or data row (CSV) for messages; the item is `${file}#${line}`.
 */
export function rowToDocument(rec: Record<string, unknown>, keys: Partial<Record<keyof FieldMapping, string>>, file: string, line: number,
  format: 'csv' | 'jsonl', category?: string): ParsedDocument | IngestError {
  const item = `${file}#${line}`;
  const rawText = get(rec, keys.text);
  const text = typeof rawText === 'string' ? cleanText(rawText) : '';
  if (!text) {
    const fields = keys.text ?? DEFAULT_FIELD_NAMES.text.slice(0, 6).join('、');
    return ingestError('MISSING_TEXT_FIELD', item, { line, fields });
  }
  const source: Partial<Source> = {};
  // A date given but not read (2019-13-45, 2031-01-01, 去年): the row goes in undated, and its result says so.
  let unreadDate: string | undefined;
  // A nested "source" object in JSONL (our own export format) is taken as it is.
  const nested = rec.source;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
    const n = nested as Record<string, unknown>;
    for (const k of ['publisher', 'url', 'docNumber', 'issuer'] as const) if (str(n[k])) source[k] = str(n[k]);
    // A date no one could have published on (2099-01-01, 去年) is left out, as in a column.
    const date = normaliseDate(str(n.publishedAt));
    if (date) source.publishedAt = date;
    else if (str(n.publishedAt)) unreadDate = str(n.publishedAt);
    if (list(n.authors)) source.authors = list(n.authors);
  }
  const publisher = str(get(rec, keys.publisher));
  if (publisher) source.publisher = publisher;
  const url = str(get(rec, keys.url));
  if (url) source.url = url;
  const authors = list(get(rec, keys.authors));
  if (authors) source.authors = authors;
  const published = normaliseDate(str(get(rec, keys.publishedAt)));
  if (published) source.publishedAt = published;
  else if (str(get(rec, keys.publishedAt))) unreadDate = str(get(rec, keys.publishedAt));
  const docNumber = str(get(rec, keys.docNumber));
  if (docNumber) source.docNumber = docNumber;
  const issuer = str(get(rec, keys.issuer));
  if (issuer) source.issuer = issuer;
  const created = str(get(rec, keys.createdAt));
  const doc: ParsedDocument = { item, row: line, text, format };
  if (unreadDate && !source.publishedAt) doc.notes = [`发布日期「${unreadDate.slice(0, 50)}」无法识别或晚于今天，未采用（该篇不计入任何年份，可在文档页补上）`];
  const title = str(get(rec, keys.title));
  if (title) doc.title = cleanText(title);
  const cat = str(get(rec, keys.category)) ?? category;
  if (cat) doc.category = cat;
  if (Object.keys(source).length) doc.source = source;
  const tags = list(get(rec, keys.tags));
  if (tags) doc.tags = tags;
  const regions = list(rec.regions);
  if (regions) doc.regions = regions;
  if (created && !Number.isNaN(Date.parse(created))) doc.createdAt = created;
  return doc;
}
