import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { JobInput, JobOptions } from '../../store/store.js';
import { LibraryError } from '../../library/errors.js';
import { canSee, type ServerContext } from '../context.js';
import { HttpError } from '../errors.js';
import { S, errors } from '../schemas.js';

const tags = ['导入'];
/** The group an import puts its documents in, checked as an edit is: only one the caller is in. */
function ownGroup(req: FastifyRequest, groupId: string | undefined): { groupId?: string } {
  const g = groupId?.trim();
  if (!g) return {};
  if (!canSee(req, { groupId: g })) throw new LibraryError('FORBIDDEN', '不能把文档放入您不在其中的分组');
  return { groupId: g };
}

const MAPPING_KEYS = ['title', 'text', 'category', 'publisher', 'url', 'publishedAt', 'tags'];

function parseMapping(raw: string | undefined): Record<string, string> | undefined {
  if (!raw?.trim()) return undefined;
  let v: unknown;
  try { v = JSON.parse(raw); } catch { throw new LibraryError('BAD_REQUEST', 'mapping 不是合法的 JSON，例如 {"title":"标题","text":"正文"}'); }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new LibraryError('BAD_REQUEST', 'mapping 应为 JSON 对象：{"字段":"列名"}');
  const out: Record<string, string> = {};
  for (const [k, col] of Object.entries(v)) {
    if (!MAPPING_KEYS.includes(k)) throw new LibraryError('BAD_REQUEST', `mapping 中的字段 ${k.slice(0, 50)} 不受支持，可用：${MAPPING_KEYS.join('、')}`);
    if (typeof col !== 'string' || col.length > 200) throw new LibraryError('BAD_REQUEST', `mapping 中 ${k} 的列名应为字符串`);
    out[k] = col;
  }
  return out;
}

/**
 * Reads the upload. A file over the per-file cap is kept truncated to cap+1 bytes, so that the import
 * job reports it as too large (one failed item) instead of the whole batch being refused.
 */
async function readUpload(req: FastifyRequest, ctx: ServerContext): Promise<{ inputs: JobInput[]; fields: Record<string, string> }> {
  const inputs: JobInput[] = [];
  const fields: Record<string, string> = {};
  let total = 0;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      total += bytes.length;
      if (total > ctx.maxUploadBytes) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `本次上传总量超过 ${Math.round(ctx.maxUploadBytes / 1048576)} MB，请分批上传`);
      inputs.push({ name: (part.filename || 'upload').slice(0, 255), bytes });
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  return { inputs, fields };
}

/** Batch import: uploads and web addresses become queued jobs; GET /api/jobs/:id follows them. */
export async function importRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const cleanCategory = (c: string | undefined) => {
    const v = c?.trim();
    if (!v) return undefined;
    if (v.length > 200) throw new LibraryError('BAD_REQUEST', '类别名称过长');
    return v;
  };

  app.post('/api/import', {
    // The multipart body is read as a stream below; the schema here only documents it.
    validatorCompiler: () => () => true,
    schema: {
      tags, summary: '上传文件导入（txt/md/html/docx/pdf/csv/jsonl，可多选）；返回任务，后台处理', consumes: ['multipart/form-data'],
      body: {
        type: 'object',
        properties: {
          files: { type: 'array', items: { type: 'string', format: 'binary' } },
          category: { type: 'string', description: '未注明类别的文档归入此类别' },
          mapping: { type: 'string', description: 'CSV/JSONL 列映射（JSON），如 {"title":"标题","text":"正文"}' },
          groupId: { type: 'string', description: '团队模式：导入的文档只让该分组（须是您所在的分组）的成员看到；不填则全库可见' },
        },
      },
      response: { 202: S.job, ...errors(400, 403, 413, 415) },
    },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', '上传文件需使用 multipart/form-data（表单字段 files），不接受 JSON 或纯文本请求体；粘贴文本请用 POST /api/documents');
    const { inputs, fields } = await readUpload(req, ctx);
    if (!inputs.length) throw new LibraryError('BAD_REQUEST', '没有收到文件：请在 files 字段中选择至少一个文件');
    const options: JobOptions = { category: cleanCategory(fields.category), mapping: parseMapping(fields.mapping), maxBytes: ctx.maxFileBytes, ...ownGroup(req, fields.groupId) };
    const job = await ctx.worker.enqueue(inputs, options);
    req.auditTargetId = job.id;
    req.auditDetails = { files: inputs.length };
    return reply.code(202).send(job);
  });

  app.post('/api/import/url', {
    schema: {
      tags, summary: '从网址导入网页',
      body: {
        type: 'object', required: ['url'],
        properties: { url: { type: 'string', minLength: 1, maxLength: 2000 }, category: { type: 'string', maxLength: 200 }, groupId: { type: 'string', maxLength: 200, description: '同上传导入的 groupId' } },
      },
      response: { 202: S.job, ...errors(400, 403) },
    },
  }, async (req, reply) => {
    const b = req.body as { url: string; category?: string; groupId?: string };
    let u: URL;
    try { u = new URL(b.url.trim()); } catch { throw new LibraryError('BAD_REQUEST', '网址格式不正确，应以 http:// 或 https:// 开头'); }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new LibraryError('BAD_REQUEST', '只支持 http:// 或 https:// 网址');
    const job = await ctx.worker.enqueue([{ url: u.toString() }], { category: cleanCategory(b.category), maxBytes: ctx.maxFileBytes, ...ownGroup(req, b.groupId) });
    req.auditTargetId = job.id;
    return reply.code(202).send(job);
  });
}
