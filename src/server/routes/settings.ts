import type { FastifyInstance } from 'fastify';
import { THEME_NAMES } from '../../text/themes/taxonomy.js';
import { LEXICON_KINDS } from '../../text/lexicon/lexicon.js';
import { addUserLexiconTerm, listLexicon } from '../../library/user-lexicon.js';
import { groupsOf, type ServerContext } from '../context.js';
import { errors } from '../schemas.js';

const categoriesBody = {
  type: 'object', required: ['categories'],
  properties: { categories: { type: 'array', minItems: 1, maxItems: 100, items: { type: 'string', minLength: 1, maxLength: 50 } } },
} as const;
const lexiconEntry = {
  type: 'object',
  properties: { term: { type: 'string' }, kind: { type: 'string' }, source: { type: 'string' }, synonyms: { type: 'array', items: { type: 'string' } }, user: { type: 'boolean' } },
};

/** Settings: categories, the governance lexicon (with user terms), and where the data lives. */
export async function settingsRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const lib = ctx.library;

  app.get('/api/settings', {
    schema: {
      tags: ['设置'], summary: '设置与运行信息',
      response: {
        200: {
          type: 'object',
          properties: {
            categories: { type: 'array', items: { type: 'string' } }, dataDir: { type: ['string', 'null'] },
            themes: { type: 'array', items: { type: 'string' }, description: '可选的治理主题（编辑文档主题时只接受这些）' },
            store: { type: 'string', enum: ['sqlite', 'postgres'] }, version: { type: 'string' }, documentCount: { type: 'integer' },
          },
        },
      },
    },
  }, async (req) => ({
    categories: await lib.categories(),
    themes: [...THEME_NAMES],
    // Only the SQLite location is shown: a PostgreSQL URL may carry credentials.
    dataDir: lib.store.kind === 'sqlite' ? (ctx.dataDir ?? lib.store.location) : null,
    store: lib.store.kind,
    version: ctx.version,
    // Counted within the caller's groups: the library-wide total would reveal documents they cannot see.
    documentCount: groupsOf(req) ? (await lib.store.listDocuments({ limit: 0, visibleGroups: groupsOf(req) })).total : await lib.store.countDocuments(),
  }));

  app.put('/api/settings/categories', {
    config: { minRole: 'admin' },
    schema: { tags: ['设置'], summary: '设置文档类别列表', body: categoriesBody, response: { 200: { type: 'object', properties: { categories: { type: 'array', items: { type: 'string' } } } }, ...errors(400) } },
  }, async (req) => {
    const before = await lib.categories();
    const categories = await lib.setCategories((req.body as { categories: string[] }).categories);
    req.auditDetails = { categories: { old: before, new: categories } };
    return { categories };
  });

  app.get('/api/lexicon', {
    schema: { tags: ['设置'], summary: '治理词表（内置与用户添加）', response: { 200: { type: 'object', properties: { items: { type: 'array', items: lexiconEntry } } } } },
  }, async () => ({ items: await listLexicon(lib.store) }));

  app.post('/api/lexicon', {
    schema: {
      tags: ['设置'], summary: '添加用户词条（立即用于分词；已入库文档需重新分析才按新词切分）',
      body: {
        type: 'object', required: ['term'],
        properties: { term: { type: 'string', minLength: 1, maxLength: 50 }, kind: { type: 'string', enum: [...LEXICON_KINDS] }, synonyms: { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 50 } } },
      },
      response: { 201: lexiconEntry, ...errors(400) },
    },
  }, async (req, reply) => {
    const t = await addUserLexiconTerm(lib.store, req.body as { term: string; kind?: string; synonyms?: string[] });
    req.auditTargetId = t.term;
    return reply.code(201).send({ ...t, source: '用户词表', user: true });
  });
}
