// Fetches one web address and parses it like an uploaded file. Only http(s); every hop of a redirect is
// checked again; the body is streamed and cut off at the size cap; one deadline covers the whole fetch.
import { ingestError, IngestError } from './errors.js';
import { defaultMaxBytes, parseBuffer } from './parse.js';
import { htmlToDocument, decodeHtml } from './parsers/html.js';
import { createHash } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { ParsedDocument } from './types.js';

export interface FetchOptions {
  /** Deadline for connecting, redirects and the whole body, in ms (default 15000). */
  timeoutMs?: number;
  /** Body size cap in bytes (default ZHIZHI_MAX_FILE_MB or 50 MB). */
  maxBytes?: number;
  /** Redirects followed at most (default 5). */
  maxRedirects?: number;
  /**
   * Whether addresses inside this network may be fetched: loopback, private, link-local (cloud metadata),
   * carrier-grade NAT, multicast (default true, for one researcher's own intranet pages). A shared team
   * server sets false, so that an editor cannot make it read internal services.
   */
  allowPrivate?: boolean;
}

/** Address ranges that are not the public internet. */
const NON_PUBLIC = new BlockList();
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 3]] as const) NON_PUBLIC.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 127], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) NON_PUBLIC.addSubnet(net, bits, 'ipv6');

/** Whether an IP address (v4, v6 or v4-mapped v6) is outside the public internet. */
export function isNonPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return NON_PUBLIC.check(mapped, 'ipv4');
  const v = isIP(address);
  return v === 4 ? NON_PUBLIC.check(address, 'ipv4') : v === 6 ? NON_PUBLIC.check(address, 'ipv6') : true;
}

/** Refuses a host that is, or resolves to, a non-public address. */
async function checkPublicHost(u: URL, item: string): Promise<void> {
  const host = u.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    throw ingestError('URL_HTTP_ERROR', item, { reason: `无法解析域名 ${host}` });
  }
  if (!addresses.length || addresses.some(isNonPublicAddress)) throw ingestError('URL_FORBIDDEN', item, { reason: `${host} 指向内网或本机地址，团队服务器不允许抓取` });
}

const TYPE_EXT: Array<[RegExp, string]> = [
  [/pdf/i, 'pdf'], [/wordprocessingml/i, 'docx'], [/html|xhtml/i, 'html'], [/markdown/i, 'md'], [/text\/plain/i, 'txt'],
  [/csv|json/i, 'batch'],
];

function checkUrl(raw: string, item: string): URL {
  let u: URL;
  try {
    u = new URL(String(raw ?? '').trim());
  } catch {
    throw ingestError('URL_INVALID', item);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw ingestError('URL_FORBIDDEN', item, { scheme: u.protocol.replace(/:$/, '') });
  if (!u.hostname) throw ingestError('URL_INVALID', item);
  return u;
}

/**
 * Downloads `url` and parses it: HTML main text (charset from Content-Type, <meta> or detection), or a PDF/
 * .docx/text file by its content type. format is 'url'; source.url is the final address after redirects.
 * Throws URL_INVALID, URL_FORBIDDEN, URL_TIMEOUT, URL_HTTP_ERROR, URL_TOO_LARGE or the parser's errors.
 */
export async function fetchUrl(url: string, opts: FetchOptions = {}): Promise<ParsedDocument> {
  const item = String(url ?? '').trim().slice(0, 2000);
  let current = checkUrl(url, item);
  const guard = opts.allowPrivate === false ? (u: URL) => checkPublicHost(u, item) : async () => undefined;
  await guard(current);
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const maxBytes = opts.maxBytes ?? defaultMaxBytes();
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    let res: Response;
    for (let hop = 0; ; hop++) {
      try {
        res = await fetch(current, {
          redirect: 'manual', signal: ctrl.signal,
          headers: { 'user-agent': 'Mozilla/5.0 (compatible; Zhizhi/0.1; +knowledge-base import)', accept: 'text/html,application/xhtml+xml,application/pdf,*/*;q=0.8' },
        });
      } catch (e) {
        if (ctrl.signal.aborted) throw ingestError('URL_TIMEOUT', item, { ms: timeoutMs });
        throw ingestError('URL_HTTP_ERROR', item, { reason: `无法连接服务器（${(e as { cause?: { code?: string } }).cause?.code ?? '网络错误'}）` });
      }
      if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
        await res.body?.cancel().catch(() => undefined);
        if (hop >= (opts.maxRedirects ?? 5)) throw ingestError('URL_HTTP_ERROR', item, { status: res.status, reason: '重定向次数过多' });
        current = checkUrl(new URL(res.headers.get('location')!, current).href, item);
        await guard(current);
        continue;
      }
      break;
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw ingestError('URL_HTTP_ERROR', item, { status: res.status, reason: res.status === 404 ? '页面不存在' : res.status === 403 ? '没有访问权限' : undefined });
    }
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw ingestError('URL_TOO_LARGE', item, { limit: maxBytes });
    }
    const bytes = await readCapped(res, maxBytes, item, ctrl, timeoutMs);
    return await toDocument(bytes, res.headers.get('content-type') ?? '', current, item);
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(res: Response, maxBytes: number, item: string, ctrl: AbortController, timeoutMs: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of res.body ?? []) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        ctrl.abort();
        throw ingestError('URL_TOO_LARGE', item, { limit: maxBytes });
      }
      chunks.push(Buffer.from(chunk));
    }
  } catch (e) {
    if (e instanceof IngestError) throw e;
    if (ctrl.signal.aborted) throw ingestError('URL_TIMEOUT', item, { ms: timeoutMs });
    throw ingestError('URL_HTTP_ERROR', item, { reason: '连接中断' });
  }
  return Buffer.concat(chunks);
}

async function toDocument(bytes: Buffer, contentType: string, url: URL, item: string): Promise<ParsedDocument> {
  if (!bytes.length) throw ingestError('EMPTY_FILE', item);
  const charset = /charset\s*=\s*["']?([\w-]+)/i.exec(contentType)?.[1];
  const ext = TYPE_EXT.find(([re]) => re.test(contentType))?.[1];
  const last = decodeURIComponent(url.pathname.split('/').pop() || '').replace(/[^\p{L}\p{N}._-]+/gu, '_');
  const fileName = `${url.hostname}_${last || 'index'}`;
  const type = ext ?? (/\.(pdf|docx|txt|md|html?)$/i.exec(last)?.[1].toLowerCase()) ?? 'html';
  if (type === 'batch') throw ingestError('UNSUPPORTED_TYPE', item, { ext: `${contentType.split(';')[0]}（批量数据请下载后以文件导入）` });
  let doc: ParsedDocument;
  if (type === 'html' || type === 'htm') {
    const { html, encoding } = decodeHtml(bytes, item, charset);
    const ex = htmlToDocument(html, item);
    doc = {
      item, title: ex.title, text: ex.text, format: 'url', encoding, source: ex.source,
      original: { name: /\.html?$/i.test(fileName) ? fileName : `${fileName}.html`, bytes, type: 'html', sha256: sha(bytes), size: bytes.length, encoding },
    };
  } else {
    const named = fileName.toLowerCase().endsWith(`.${type}`) ? fileName : `${fileName}.${type}`;
    const outcome = await parseBuffer(named, bytes, { maxBytes: Infinity }).catch((e: unknown) => {
      if (e instanceof IngestError) e.item = item;
      throw e;
    });
    const first = outcome.docs[0];
    if (!first) throw outcome.errors[0] ?? ingestError('UNSUPPORTED_TYPE', item);
    doc = { ...first, item, format: 'url' };
  }
  doc.source = { ...doc.source, url: url.href };
  return doc;
}

function sha(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}
