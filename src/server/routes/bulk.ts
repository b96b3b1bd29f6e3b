import type { FastifyInstance } from 'fastify';
import { LibraryError } from '../../library/errors.js';
import { visibleDocument, type ServerContext } from '../context.js';
import { errors } from '../schemas.js';

type Action = 'delete' | 'setCategory' | 'reanalyze' | 'addToCollection';
const ACTIONS: Action[] = ['delete', 'setCategory', 'reanalyze', 'addToCollection'];

const body = {
  type: 'object',
  required: ['ids', 'action'],
  properties: {
    ids: { type: 'array', items: { type: 'string', maxLength: 200 }, minItems: 1, maxItems: 1000 },
    action: { type: 'string', enum: ACTIONS },
    category: { type: 'string', minLength: 1, maxLength: 200 },
    collectionId: { type: 'string', maxLength: 200 },
  },
} as const;
const result = {
  type: 'object',
  properties: {
    ok: { type: 'integer' },
    failed: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, message: { type: 'string' } } } },
  },
} as const;

/** Bulk actions over selected documents: each id succeeds or fails on its own, the rest go on. */
export async function bulkRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const lib = ctx.library;
  app.post('/api/documents/bulk', {
    schema: { tags: ['文档'], summary: '批量操作：删除、设置类别、重新分析、加入专题', body, response: { 200: result, ...errors(400, 404) } },
  }, async (req) => {
    const b = req.body as { ids: string[]; action: Action; category?: string; collectionId?: string };
    const ids = [...new Set(b.ids)];
    if (b.action === 'setCategory' && !b.category?.trim()) throw new LibraryError('BAD_REQUEST', '批量设置类别需要提供 category');
    let collection = null;
    if (b.action === 'addToCollection') {
      if (!b.collectionId) throw new LibraryError('BAD_REQUEST', '加入专题需要提供 collectionId');
      collection = await lib.store.getCollection(b.collectionId);
      if (!collection) throw new LibraryError('NOT_FOUND', `专题不存在：${b.collectionId.slice(0, 100)}`);
    }
    const failed: { id: string; message: string }[] = [];
    const toAdd: string[] = [];
    let ok = 0;
    for (const id of ids) {
      try {
        await visibleDocument(ctx, req, id);
        if (b.action === 'delete') await lib.deleteDocument(id);
        else if (b.action === 'setCategory') await lib.updateDocument(id, { category: b.category!.trim() });
        else if (b.action === 'reanalyze') await lib.reanalyze(id);
        else toAdd.push(id);
        ok++;
      } catch (e) {
        if (!(e instanceof LibraryError)) req.log.error({ err: e, id }, 'bulk action failed');
        failed.push({ id, message: e instanceof LibraryError ? e.message : '处理失败，请稍后重试' });
      }
    }
    if (collection && toAdd.length) {
      const present = new Set(collection.items.map((i) => i.documentId));
      const items = [...collection.items.map((i) => ({ documentId: i.documentId, note: i.note })), ...toAdd.filter((id) => !present.has(id)).map((documentId) => ({ documentId }))];
      await lib.store.updateCollection(collection.id, { items });
    }
    req.auditDetails = { action: b.action, ids, ok, failed: failed.length };
    return { ok, failed };
  });
}
