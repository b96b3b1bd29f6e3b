import type { FastifyInstance } from 'fastify';
import { SourceSchema, type DocumentInput, type DocumentPatch } from '../../domain/index.js';
import { LibraryError } from '../../library/errors.js';
import { toDetail, toSummary } from '../../library/summary.js';
import { queryMatches } from '../../search/search.js';
import { similarDocuments } from '../../search/similar.js';
import { canSee, groupsOf, visibleDocument, type ServerContext } from '../context.js';
import { HttpError } from '../errors.js';
import { contentDisposition } from '../http.js';
import { S, errors, fileResponse, idParams, noContent, paging } from '../schemas.js';

const tags = ['文档'];
const listQuery = {
  type: 'object',
  properties: {
    ...paging(20, 1000),
    category: { type: 'string', maxLength: 200 },
    tag: { type: 'string', maxLength: 200 },
    sort: { type: 'string', enum: ['created', 'updated', 'title'], default: 'created' },
  },
} as const;
const similarItem = {
  type: 'object',
  properties: { id: { type: 'string' }, title: { type: 'string' }, category: { type: 'string' }, score: { type: 'number' }, reasons: { type: 'array', items: { type: 'string' } } },
};
const clusterItem = { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' }, source: { type: 'object', additionalProperties: true }, createdAt: { type: 'string' } } };

/** Documents: list, create, read, edit, delete, re-analyse, similar, same-case cluster, original file. */
export async function documentRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const lib = ctx.library;

  app.get('/api/documents', {
    schema: { tags, summary: '文档列表', querystring: listQuery, response: { 200: { type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: S.documentSummary } } } } },
  }, async (req) => {
    const q = req.query as { limit: number; offset: number; category?: string; tag?: string; sort: 'created' | 'updated' | 'title' };
    const page = await lib.listDocuments({ ...q, category: q.category || undefined, tag: q.tag || undefined, visibleGroups: groupsOf(req) });
    const full = await Promise.all(page.items.map((d) => lib.getDocument(d.id)));
    return { total: page.total, items: full.filter((d) => d !== null).map(toSummary) };
  });

  app.post('/api/documents', {
    schema: { tags, summary: '新增文档（粘贴正文）；来源字段（publishedAt、publisher 等）也可写在顶层', body: S.documentInput, response: { 201: S.documentFull, ...errors(400, 409) } },
    // Before validation, which drops unknown top-level fields: a publication date written beside the text
    // ({"publishedAt": "2021-05-01"}) was answered 201 and silently lost.
    preValidation: async (req) => { req.body = withSourceFieldsMoved(req.body); },
  }, async (req, reply) => {
    const input = req.body as DocumentInput;
    // As for an edit: a document goes only into a group the caller is in (or into none).
    if (input.groupId != null && !canSee(req, { groupId: input.groupId })) throw new LibraryError('FORBIDDEN', '不能把文档放入您不在其中的分组');
    const r = await lib.addDocument(input);
    if (r.status === 'duplicate') {
      // A copy outside the caller's groups is not named: its title and id would reveal that it exists.
      if (!canSee(req, r.existing)) throw new LibraryError('DUPLICATE', '库中已有正文相同的文档（在您无权查看的分组中），未重复保存');
      throw new LibraryError('DUPLICATE', `已存在正文相同的文档《${r.existing.title}》`, { existingId: r.existing.id });
    }
    req.auditTargetId = r.document.id;
    return reply.code(201).send(r.document);
  });

  app.get('/api/documents/:id', {
    schema: { tags, summary: '文档详情（含全部分析，最新在前，及 地区 筛选所按的地区）', params: idParams, response: { 200: S.documentDetail, ...errors(404) } },
  }, async (req) => toDetail(await visibleDocument(ctx, req, (req.params as { id: string }).id)));

  app.patch('/api/documents/:id', {
    schema: { tags, summary: '修改文档（主题更正会用于改进主题分类）；来源字段也可写在顶层', params: idParams, body: S.documentPatch, response: { 200: S.document, ...errors(400, 404) } },
    // The schema drops fields it does not list; a new text would be dropped silently, so it is refused first.
    preValidation: async (req) => {
      if (req.body && typeof req.body === 'object' && 'text' in req.body) {
        throw new HttpError(400, 'TEXT_NOT_EDITABLE', '正文不能直接修改：请把修改后的正文作为新文档导入（分析与出处随之重新生成），再删除旧文档');
      }
      // As for a new document: {"publishedAt": "2023-06-15"} changes the source's date (it answered 200 and changed nothing).
      req.body = withSourceFieldsMoved(req.body);
    },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const before = await visibleDocument(ctx, req, id);
    const patch = req.body as DocumentPatch;
    if (patch.groupId != null && !canSee(req, { groupId: patch.groupId })) throw new LibraryError('FORBIDDEN', '不能把文档划入您不在其中的分组');
    const after = await lib.updateDocument(id, patch);
    req.auditDetails = Object.fromEntries(Object.keys(patch).map((k) => [k, { old: (before as Record<string, unknown>)[k], new: (after as Record<string, unknown>)[k] }]));
    return after;
  });

  app.delete('/api/documents/:id', {
    schema: { tags, summary: '删除文档', params: idParams, response: { 204: noContent, ...errors(404) } },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const d = await visibleDocument(ctx, req, id);
    await lib.deleteDocument(id);
    req.auditDetails = { title: d.title };
    return reply.code(204).send();
  });

  app.post('/api/documents/:id/analyze', {
    schema: { tags, summary: '重新分析（新增一次分析，旧的保留）', params: idParams, response: { 201: S.analysis, ...errors(404) } },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    await visibleDocument(ctx, req, id);
    return reply.code(201).send(await lib.reanalyze(id));
  });

  app.get('/api/documents/:id/similar', {
    schema: {
      tags, summary: '相似文档', params: idParams,
      querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 50, default: 10 } } },
      response: { 200: { type: 'object', properties: { items: { type: 'array', items: similarItem } } }, ...errors(404) },
    },
  }, async (req) => {
    const { id } = req.params as { id: string };
    await visibleDocument(ctx, req, id);
    const { limit } = req.query as { limit: number };
    return { items: await similarDocuments(lib.store, id, limit, { visibleGroups: groupsOf(req) }) };
  });

  app.get('/api/documents/:id/matches', {
    schema: {
      tags, summary: '检索词在文档中的位置（从检索结果打开文档时标出）', params: idParams,
      querystring: { type: 'object', required: ['q'], properties: { q: { type: 'string', maxLength: 20_000 } } },
      response: {
        200: {
          type: 'object',
          properties: {
            terms: { type: 'array', items: { type: 'string' } },
            ranges: { type: 'array', description: '正文中的 [起, 止) 字符位置，按顺序，最多 2,000 处', items: { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 } },
          },
        },
        ...errors(404),
      },
    },
  }, async (req) => {
    const doc = await visibleDocument(ctx, req, (req.params as { id: string }).id);
    return queryMatches(doc.text, (req.query as { q: string }).q);
  });

  app.get('/api/documents/:id/cluster', {
    schema: {
      tags, summary: '同一案例的其他报道（近似重复聚类）', params: idParams,
      response: { 200: { type: 'object', properties: { clusterId: { type: ['string', 'null'] }, items: { type: 'array', items: clusterItem } } }, ...errors(404) },
    },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const d = await visibleDocument(ctx, req, id);
    const others = (await lib.cluster(id)).filter((x) => canSee(req, x));
    return { clusterId: d.clusterId, items: others.map((x) => ({ id: x.id, title: x.title, source: x.source, createdAt: x.createdAt })) };
  });

  app.get('/api/documents/:id/original', {
    schema: { tags, summary: '下载原始文件', params: idParams, response: { 200: fileResponse('原始文件'), ...errors(404) } },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    await visibleDocument(ctx, req, id);
    const o = await lib.store.getOriginal(id);
    if (!o) throw new LibraryError('NOT_FOUND', '此文档没有保存原始文件（例如粘贴录入的文本）');
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', contentDisposition(o.file.name, 'original'))
      .header('x-content-type-options', 'nosniff')
      .send(o.bytes);
  });
}

/** Source fields (publishedAt, publisher, url, authors, docNumber, issuer: SOURCE_FIELDS) written at the top level of a new or edited document, moved into `source` (a value given there wins). */
function withSourceFieldsMoved(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const b = { ...(body as Record<string, unknown>) };
  const source = b.source && typeof b.source === 'object' && !Array.isArray(b.source) ? { ...(b.source as Record<string, unknown>) } : b.source === undefined ? {} : null;
  if (!source) return body;
  let moved = false;
  for (const key of SOURCE_FIELDS) {
    if (!(key in b)) continue;
    // null stands for "none" here, as the field's absence did before it was moved (no source is made for it:
    // an edit's source marks the source as set by the user).
    if (source[key] === undefined && b[key] != null) { source[key] = b[key]; moved = true; }
    delete b[key];
  }
  return moved ? { ...b, source } : b;
}

/** The source's own fields (SourceSchema), so that a field added there is taken at the top level too. */
const SOURCE_FIELDS = Object.keys(SourceSchema.shape);
