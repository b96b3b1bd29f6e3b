import type { FastifyInstance, FastifyRequest } from 'fastify';
import { exportSearchResults, MAX_EXPORT } from '../../library/search-export.js';
import { beijingTime } from '../../report/result-list.js';
import { FILTER_FIELDS, searchRequestFrom } from '../../search/request.js';
import { searchDocuments, type SearchRequest } from '../../search/search.js';
import { suggest } from '../../search/suggest.js';
import { canSee, groupsOf, type ServerContext } from '../context.js';
import { contentDisposition } from '../http.js';
import { errors, fileResponse, paging } from '../schemas.js';

const tags = ['检索'];
const str = (max = 200) => ({ type: 'string', maxLength: max });
const facetList = { type: 'array', items: { type: 'object', additionalProperties: true, properties: { value: { type: 'string' }, label: { type: 'string' }, count: { type: 'integer' } } } };
const hit = {
  type: 'object',
  additionalProperties: true,
  properties: {
    id: { type: 'string' }, title: { type: 'string' }, category: { type: 'string' }, snippet: { type: 'string' },
    highlights: { type: 'array', items: { type: 'array', items: { type: 'integer' } }, description: '片段中的高亮区间 [start, end)' },
    score: { type: 'number' }, publishedAt: { type: 'string' }, createdAt: { type: 'string' },
    explanation: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          term: { type: 'string' }, fields: { type: 'array', items: { type: 'string' } }, weight: { type: 'number' },
          matchedAs: { type: 'array', items: { type: 'string' }, description: '找到的形式：词语本身，以及命中的同义词或规范用语' },
        },
      },
    },
    regionNames: { type: 'array', items: { type: 'string' } }, themes: { type: 'array', items: { type: 'string' } },
    sameCase: { type: 'integer', description: '同案簇中另有几篇（转载、改写）；没有时不出现' },
    groupId: { type: 'string', description: '团队模式：文档仅该分组可见；全库可见时不出现' },
  },
};
const searchResponse = {
  type: 'object',
  additionalProperties: true,
  properties: {
    total: { type: 'integer' },
    hits: { type: 'array', items: hit },
    facets: { type: 'object', additionalProperties: facetList },
    query: { type: 'object', additionalProperties: true },
    message: { type: 'string' },
    similarValues: {
      type: 'array', description: '库中没有的筛选取值及相近的取值（类别:政策 → 政策文件），可供改用；没有时不出现',
      items: { type: 'object', properties: {
        field: { type: 'string', enum: ['category', 'theme', 'tag'] }, value: { type: 'string' },
        like: { type: 'array', items: { type: 'string' } }, excluded: { type: 'boolean', description: '是排除条件（-类别:…）' },
        queries: { type: 'array', items: { type: 'string' }, description: '与 like 一一对应：把检索式中写的取值换成它之后的完整检索式；取值来自筛选参数（如 category=）时不出现，改该参数即可' },
      } },
    },
  },
};

/** The search a request asks for (query string of /api/search and /api/search/export), without its page. */
const searchQuery = {
  q: { ...str(20000), default: '' }, category: str(), theme: str(), region: str(), year: str(20), collection: str(), tag: str(),
  sort: { type: 'string', enum: ['relevance', 'date'], default: 'relevance' },
};
function searchRequest(req: FastifyRequest): SearchRequest {
  return { ...searchRequestFrom(req.query as Record<string, unknown>), visibleGroups: groupsOf(req) };
}

/** Full-text search with the query language, facets and suggestions. */
export async function searchRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const store = ctx.library.store;

  app.get('/api/search', {
    schema: {
      tags, summary: '全文检索（支持 "短语"、-排除、OR、类别:/主题:/地区:/年份:/专题:/标签: 筛选及 -类别: 等排除筛选）',
      querystring: { type: 'object', properties: { ...searchQuery, ...paging(20, 100) } },
      response: { 200: searchResponse, ...errors(400) },
    },
  }, async (req) => {
    const q = req.query as { limit: number; offset: number };
    return searchDocuments(store, { ...searchRequest(req), limit: q.limit, offset: q.offset });
  });

  app.get('/api/search/export', {
    config: { audit: 'search.export' },
    schema: {
      tags, summary: '导出检索结果列表（CSV 可直接用 Excel 打开，或 Markdown）：标题、类别、发布日期、作者、发布机构、发文机关、文号、地区、主题、原文链接、摘录',
      querystring: {
        type: 'object',
        properties: {
          ...searchQuery,
          format: { type: 'string', enum: ['csv', 'md'], default: 'csv' },
          limit: { type: 'integer', minimum: 1, maximum: MAX_EXPORT, default: 200, description: `导出前多少篇（最多 ${MAX_EXPORT}）` },
        },
      },
      response: { 200: fileResponse('CSV 或 Markdown 文件'), ...errors(400) },
    },
  }, async (req, reply) => {
    const { format, limit } = req.query as { format: 'csv' | 'md'; limit: number };
    const what = searchRequest(req);
    // The audit log says what was taken away: the search, its filters and how much.
    req.auditDetails = { q: what.q, ...Object.fromEntries(FILTER_FIELDS.flatMap((k) => (what[k] ? [[k, what[k]]] : []))), sort: what.sort, format, limit };
    const csv = format === 'csv';
    const { body } = await exportSearchResults(store, what, format, limit);
    // Named by the day exported (北京时间), so that a second export does not read as the same file.
    const day = beijingTime(new Date()).slice(0, 10);
    return reply
      .header('content-type', csv ? 'text/csv; charset=utf-8' : 'text/markdown; charset=utf-8')
      .header('content-disposition', contentDisposition(`检索结果-${day}.${csv ? 'csv' : 'md'}`, `search-results-${day}.${format}`))
      .send(body);
  });

  app.get('/api/suggest', {
    schema: {
      tags, summary: '输入提示',
      // As long as a search may be (a pasted complaint with a word being typed at its end).
      querystring: { type: 'object', properties: { q: { ...str(20000), default: '' }, limit: { type: 'integer', minimum: 1, maximum: 30, default: 10 } } },
      response: {
        200: { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: {
          text: { type: 'string' }, kind: { type: 'string' }, id: { type: 'string' },
          query: { type: 'string', description: '补全最后一个词后的整个检索式（社区 网 → 社区 网格化管理；地区:上 → 地区:上海市）' },
        } } } } },
      },
    },
  }, async (req) => {
    const { q, limit } = req.query as { q: string; limit: number };
    if (!q.trim()) return { items: [] };
    const groups = groupsOf(req);
    // Words, values and titles held only by documents of groups the caller is not in are left out.
    const items = await suggest(store, q, limit, groups);
    if (!groups) return { items };
    // Titles name one document each: checked against that document as well.
    const ids = items.flatMap((i) => (i.kind === 'title' && i.id ? [i.id] : []));
    const visible = new Set((await store.getDocuments(ids)).filter((d) => canSee(req, d)).map((d) => d.id));
    return { items: items.filter((i) => i.kind !== 'title' || (i.id && visible.has(i.id))) };
  });
}
