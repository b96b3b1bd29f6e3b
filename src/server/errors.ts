import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HTTP_STATUS, LibraryError } from '../library/errors.js';
import { DuplicateTextError } from '../store/store.js';

/** An HTTP error with a stable code and a Chinese message, for conditions that are not use-case errors (limits, formats). */
export class HttpError extends Error {
  constructor(readonly statusCode: number, readonly code: string, message: string) {
    super(message);
  }
}

/** Chinese messages for the Fastify and plugin errors a client can cause. */
const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE', '请求体过大'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的请求内容类型，请使用 application/json'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'BAD_REQUEST', '请求体为空：需要 JSON 内容'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'BAD_REQUEST', '请求体不是合法的 JSON'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'BAD_REQUEST', '请求长度与内容不一致'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', '上传文件需使用 multipart/form-data'],
  FST_FILES_LIMIT: [413, 'TOO_MANY_FILES', '一次上传的文件过多'],
  FST_PARTS_LIMIT: [413, 'TOO_MANY_FILES', '上传的表单项过多'],
  FST_FIELDS_LIMIT: [413, 'BAD_REQUEST', '表单字段过多'],
  FST_REQ_FILE_TOO_LARGE: [413, 'FILE_TOO_LARGE', '文件超过大小上限'],
  FST_PROTO_VIOLATION: [400, 'BAD_REQUEST', '表单字段名不合法'],
  FST_ERR_VALIDATION: [400, 'BAD_REQUEST', '请求参数不合法'],
};

const PART_LABEL: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' };

/** One Chinese sentence naming the first invalid field, from Ajv's error objects. */
function validationMessage(e: FastifyError): string {
  const v = e.validation?.[0];
  if (!v) return '请求参数不合法';
  const part = PART_LABEL[e.validationContext ?? ''] ?? '请求';
  const field = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.') || (v.params as { missingProperty?: string })?.missingProperty || '';
  const p = v.params as Record<string, unknown>;
  const why: Record<string, string> = {
    required: `缺少必填字段 ${String(p.missingProperty ?? '')}`,
    type: `类型应为 ${String(p.type ?? '')}`,
    maxLength: `长度不能超过 ${String(p.limit ?? '')}`,
    minLength: `长度不能少于 ${String(p.limit ?? '')}`,
    maximum: `不能大于 ${String(p.limit ?? '')}`,
    minimum: `不能小于 ${String(p.limit ?? '')}`,
    enum: `取值应为 ${(p.allowedValues as unknown[] | undefined)?.join('、') ?? ''} 之一`,
    maxItems: `最多 ${String(p.limit ?? '')} 项`,
    minItems: `至少 ${String(p.limit ?? '')} 项`,
    additionalProperties: `不允许的字段 ${String(p.additionalProperty ?? '')}`,
  };
  const reason = why[v.keyword] ?? '格式不正确';
  return `${part}不合法：${v.keyword === 'required' ? reason : `${field ? `字段 ${field} ` : ''}${reason}`}`;
}

/**
 * Maps every error to {code, message} with a fitting status. Client errors keep their status; anything
 * unexpected becomes a 500 with a generic Chinese message and is logged — never a stack trace in a response.
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | LibraryError | HttpError | Error, req: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof LibraryError) {
      const extra = error.details && typeof error.details === 'object' ? error.details : {};
      return reply.code(HTTP_STATUS[error.code] ?? 400).send({ ...extra, code: error.code, message: error.message });
    }
    if (error instanceof DuplicateTextError) return reply.code(409).send({ code: 'DUPLICATE', message: error.message });
    if (error instanceof HttpError) return reply.code(error.statusCode).send({ code: error.code, message: error.message });
    const fe = error as FastifyError;
    if (fe.validation) return reply.code(400).send({ code: 'BAD_REQUEST', message: validationMessage(fe) });
    const known = fe.code ? CLIENT_ERRORS[fe.code] : undefined;
    if (known) return reply.code(known[0]).send({ code: known[1], message: known[2] });
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.code(fe.statusCode).send({ code: fe.statusCode === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST', message: fe.statusCode === 429 ? '请求过于频繁，请稍后再试' : '请求不合法' });
    }
    req.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ code: 'INTERNAL', message: '服务器内部错误，请稍后重试' });
  });
}

/**
 * Fastify's `frameworkErrors`: errors raised while routing, before any handler (an undecodable URL such as
 * /api/documents/%E4%ZZ), answered in the same JSON shape as every other error.
 */
export function frameworkErrors(error: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const bad = error.code === 'FST_ERR_BAD_URL';
  void reply.code(400).send({ code: 'BAD_REQUEST', message: bad ? '网址中含有无法解码的字符（% 转义不完整），请检查链接' : '请求不合法' });
}

const SOCKET_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'HEADERS_TOO_LARGE', '请求头过大：网址（如检索词）过长或 Cookie 过多；请缩短检索词，或清除浏览器 Cookie 后重试'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'PAYLOAD_TOO_LARGE', '请求体分块扩展过大'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', '请求超时：在规定时间内没有收到完整请求'],
  // Non-ASCII bytes in the URL (curl "…?q=社区"); browsers always encode them.
  HPE_INVALID_URL: [400, 'BAD_URL', '网址中有未经编码的字符（如中文或空格）：请对参数做 URL 编码，例如 curl -G --data-urlencode "q=社区治理" http://127.0.0.1:3000/api/search'],
};

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser rejected the request before Fastify saw it (huge
 * headers, malformed HTTP). Answers with a JSON error in Chinese when the socket can still be written.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException & { rawPacket?: unknown }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) { socket.destroy(); return; }
  const [status, code, message] = SOCKET_ERRORS[spaceInUrl(err) ? 'HPE_INVALID_URL' : err.code ?? ''] ?? [400, 'BAD_REQUEST', '请求格式不正确，无法解析'];
  const body = JSON.stringify({ code, message });
  socket.end(`HTTP/1.1 ${status} ${code}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/**
 * A space typed into a URL (curl "…?q=社区 治理") ends the URL early, and the parser then fails on what it
 * takes for the protocol version: a request line of more than three parts, ending in HTTP/x.
 */
function spaceInUrl(err: NodeJS.ErrnoException & { rawPacket?: unknown }): boolean {
  if (err.code !== 'HPE_INVALID_CONSTANT' || !Buffer.isBuffer(err.rawPacket)) return false;
  const line = err.rawPacket.subarray(0, 8192).toString('latin1').split('\r\n', 1)[0];
  return /^[A-Z]+ \S+ .* HTTP\/\d(\.\d)?$/.test(line);
}

/** 404 for unknown API routes as JSON; other paths go to `fallback` (the web UI's index.html). */
export function installNotFound(app: FastifyInstance, fallback: (req: FastifyRequest, reply: FastifyReply) => unknown): void {
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    if (path === '/api' || path.startsWith('/api/') || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return reply.code(404).send({ code: 'NOT_FOUND', message: `接口不存在：${req.method} ${path.slice(0, 200)}` });
    }
    return fallback(req, reply);
  });
}
