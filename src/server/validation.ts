// Request validation with two rule sets. Query strings and path parameters arrive as text, so their
// numbers and booleans are coerced (limit=10 → 10). JSON bodies arrive typed: {"text": 123} is a client
// mistake to report, not to turn silently into the document "123" — so bodies are never coerced. Before
// either, installInputChecks refuses or repairs what no schema can describe (q[]=…, broken %-escapes, NUL).
import { Ajv, type Options } from 'ajv';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { LibraryError } from '../library/errors.js';
import { HttpError } from './errors.js';

const COMMON: Options = { useDefaults: true, removeAdditional: true, allErrors: false, strict: false };

function makeAjv(coerceTypes: Options['coerceTypes']): Ajv {
  const ajv = new Ajv({ ...COMMON, coerceTypes });
  // Multipart schemas document uploaded files as strings of format "binary"; nothing to check.
  ajv.addFormat('binary', true);
  return ajv;
}

export function installValidators(app: FastifyInstance): void {
  const forBody = makeAjv(false);
  const forText = makeAjv('array');
  app.setValidatorCompiler(({ schema, httpPart }: { schema: FastifySchema; httpPart?: string }) =>
    (httpPart === 'body' ? forBody : forText).compile(schema as object));
}

/**
 * Checks on what every request brings before its schema sees it: array-style keys (q[]=…), broken
 * percent-encoding and NUL characters.
 */
export function installInputChecks(app: FastifyInstance): void {
  // NUL cannot be stored in a PostgreSQL text value (a filter of %00 answered 500 there): before validation it
  // becomes U+FFFD in query strings and is dropped from JSON bodies, on both stores alike.
  app.addHook('preValidation', async (req) => {
    // q[]=… (a PHP-style array) is not q: answered, rather than searched as if nothing were typed.
    const arrayKey = Object.keys((req.query ?? {}) as object).find((k) => k.endsWith('[]'));
    if (arrayKey) throw new LibraryError('BAD_REQUEST', `不支持的参数写法「${arrayKey.slice(0, 40)}」：请写 ${arrayKey.slice(0, -2).slice(0, 40)}=…（一个值）`);
    // A stray % or bytes that are no UTF-8 (q=社区% ) reach a route as other text (e7%, fe): refused instead.
    if (!percentEncodingValid(req.raw.url ?? '')) throw new HttpError(400, 'BAD_URL', BAD_PERCENT_MESSAGE);
    req.query = withoutNul(req.query, '\uFFFD');
    if (req.body && typeof req.body === 'object' && !Buffer.isBuffer(req.body)) req.body = withoutNul(req.body);
  });
}

const BAD_PERCENT_MESSAGE = '网址参数中的 % 转义不完整或不是有效的 UTF-8 编码（例如末尾多了一个 %）：请对参数做 URL 编码，例如 curl -G --data-urlencode "q=社区治理" http://127.0.0.1:3000/api/search';

/** Whether every parameter of a URL's query string decodes (%XX sequences complete and valid UTF-8). */
function percentEncodingValid(url: string): boolean {
  const at = url.indexOf('?');
  if (at < 0 || !url.includes('%', at)) return true;
  try {
    for (const part of url.slice(at + 1).split('&')) decodeURIComponent(part.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}

/**
 * Strings without NUL characters, in plain values, arrays and objects (depth-limited: JSON bodies are
 * shallow). In a query string NUL becomes U+FFFD, a symbol: q=%00 alone is then "only symbols typed", as
 * any other control character, not an empty query listing the whole library.
 */
function withoutNul<T>(v: T, by = '', depth = 0): T {
  if (typeof v === 'string') return (v.includes('\u0000') ? v.replaceAll('\u0000', by) : v) as T;
  if (depth > 8 || !v || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => withoutNul(x, by, depth + 1)) as T;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withoutNul(x, by, depth + 1)])) as T;
}
