import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Collection, CollectionInput } from '../../domain/index.js';
import { nowIso } from '../../domain/index.js';
import { LibraryError } from '../../library/errors.js';
import { newId } from '../../library/library.js';
import { canSee, groupsOf, visibleDocument, type ServerContext } from '../context.js';
import { S, errors, idParams, noContent } from '../schemas.js';

const tags = ['专题'];
const detailed = {
  ...S.collection,
  properties: {
    ...(S.collection.properties as Record<string, unknown>),
    items: {
      type: 'array',
      items: { type: 'object', properties: { documentId: { type: 'string' }, position: { type: 'integer' }, note: { type: 'string' }, title: { type: 'string' }, category: { type: 'string' } } },
    },
  },
};
const summary = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, description: { type: 'string' }, count: { type: 'integer' }, updatedAt: { type: 'string' } } };

/** 专题: ordered lists of documents with notes. */
export async function collectionRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const store = ctx.library.store;

  /** The collection with each item's title and category; items the caller may not see are left out. */
  const withTitles = async (req: FastifyRequest, c: Collection) => {
    const docs = new Map((await store.getDocuments(c.items.map((i) => i.documentId))).map((d) => [d.id, d]));
    const items = c.items.flatMap((i) => {
      const d = docs.get(i.documentId);
      return d && canSee(req, d) ? [{ ...i, title: d.title, category: d.category }] : [];
    });
    return { ...c, items };
  };
  const mustGet = async (id: string) => {
    const c = await store.getCollection(id);
    if (!c) throw new LibraryError('NOT_FOUND', `专题不存在：${id.slice(0, 100)}`);
    return c;
  };
  const checkItems = async (req: FastifyRequest, items: { documentId: string }[] | undefined) => {
    for (const i of items ?? []) await visibleDocument(ctx, req, i.documentId);
  };

  /** Ids of the documents among `ids` that the caller may not see (none for admins and local mode). */
  const hiddenAmong = async (req: FastifyRequest, ids: string[]): Promise<Set<string>> => {
    if (!groupsOf(req) || !ids.length) return new Set();
    return new Set((await store.getDocuments(ids)).filter((d) => !canSee(req, d)).map((d) => d.id));
  };

  app.get('/api/collections', {
    schema: { tags, summary: '专题列表', response: { 200: { type: 'object', properties: { items: { type: 'array', items: summary } } } } },
  }, async (req) => {
    const all = await store.listCollections();
    const hidden = await hiddenAmong(req, all.flatMap((c) => c.items.map((i) => i.documentId)));
    return { items: all.map((c) => ({ id: c.id, name: c.name, description: c.description, count: c.items.filter((i) => !hidden.has(i.documentId)).length, updatedAt: c.updatedAt })) };
  });

  app.post('/api/collections', {
    schema: { tags, summary: '新建专题', body: S.collectionInput, response: { 201: detailed, ...errors(400, 404) } },
  }, async (req, reply) => {
    const input = req.body as CollectionInput;
    if (!input.name.trim()) throw new LibraryError('BAD_REQUEST', '专题名称不能为空');
    await checkItems(req, input.items);
    const c = await store.createCollection({ ...input, name: input.name.trim(), id: newId(), createdAt: nowIso() });
    req.auditTargetId = c.id;
    return reply.code(201).send(await withTitles(req, c));
  });

  app.get('/api/collections/:id', {
    schema: { tags, summary: '专题详情', params: idParams, response: { 200: detailed, ...errors(404) } },
  }, async (req) => withTitles(req, await mustGet((req.params as { id: string }).id)));

  app.patch('/api/collections/:id', {
    schema: { tags, summary: '修改专题（items 为完整的有序列表，整体替换）', params: idParams, body: S.collectionPatch, response: { 200: detailed, ...errors(400, 404) } },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const patch = req.body as Partial<CollectionInput>;
    if (patch.name !== undefined && !patch.name.trim()) throw new LibraryError('BAD_REQUEST', '专题名称不能为空');
    await checkItems(req, patch.items);
    const current = await mustGet(id);
    if (patch.items) {
      // The caller replaces the list they can see; items in groups they cannot see stay, at the end.
      const hidden = await hiddenAmong(req, current.items.map((i) => i.documentId));
      patch.items = [...patch.items, ...current.items.filter((i) => hidden.has(i.documentId)).map((i) => ({ documentId: i.documentId, note: i.note }))];
    }
    const c = await store.updateCollection(id, { ...patch, ...(patch.name !== undefined ? { name: patch.name.trim() } : {}) });
    return withTitles(req, c ?? (await mustGet(id)));
  });

  app.post('/api/collections/:id/items', {
    schema: {
      tags, summary: '向专题追加文档', params: idParams,
      body: { type: 'object', required: ['documentId'], properties: { documentId: { type: 'string', minLength: 1, maxLength: 200 }, note: { type: 'string', maxLength: 20000 } } },
      response: { 200: detailed, ...errors(400, 404) },
    },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const { documentId, note } = req.body as { documentId: string; note?: string };
    const c = await mustGet(id);
    await visibleDocument(ctx, req, documentId);
    const items = c.items.filter((i) => i.documentId !== documentId).map((i) => ({ documentId: i.documentId, note: i.note }));
    items.push({ documentId, note: note ?? c.items.find((i) => i.documentId === documentId)?.note ?? '' });
    return withTitles(req, (await store.updateCollection(id, { items }))!);
  });

  app.delete('/api/collections/:id', {
    schema: { tags, summary: '删除专题（不删除其中的文档）', params: idParams, response: { 204: noContent, ...errors(404) } },
  }, async (req, reply) => {
    if (!(await store.deleteCollection((req.params as { id: string }).id))) throw new LibraryError('NOT_FOUND', '专题不存在');
    return reply.code(204).send();
  });
}
