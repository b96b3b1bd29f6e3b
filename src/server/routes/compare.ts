import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LibraryError } from '../../library/errors.js';
import { COMPARE_FIELDS, buildComparison, compareIdsProblem, comparisonToCsv, comparisonToMarkdown } from '../../report/compare.js';
import { visibleDocument, type ServerContext } from '../context.js';
import { contentDisposition } from '../http.js';
import { errors, fileResponse } from '../schemas.js';

const tags = ['对比'];
const ids = { type: 'string', minLength: 1, maxLength: 2000, description: '2–5 个文档 id，逗号分隔' };
const item = { type: 'object', properties: { text: { type: 'string' }, spans: { type: 'array', items: { type: 'object', properties: { start: { type: 'integer' }, end: { type: 'integer' } } } } } };
const comparison = {
  type: 'object',
  properties: {
    documents: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' } } } },
    rows: { type: 'array', items: { type: 'object', properties: { field: { type: 'string', enum: [...COMPARE_FIELDS] }, cells: { type: 'array', items: { type: 'array', items: item } } } } },
  },
};

/** Comparison matrices of 2–5 cases, as JSON or as CSV/Markdown downloads. */
export async function compareRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const load = async (req: FastifyRequest, raw: string) => {
    const list = raw.split(/[,，\s]+/).map((s) => s.trim()).filter(Boolean);
    const problem = compareIdsProblem(list);
    if (problem) throw new LibraryError('BAD_REQUEST', problem);
    return buildComparison(await Promise.all(list.map((id) => visibleDocument(ctx, req, id))));
  };

  app.get('/api/compare', {
    schema: { tags, summary: '案例对比表', querystring: { type: 'object', required: ['ids'], properties: { ids } }, response: { 200: comparison, ...errors(400, 404) } },
  }, async (req) => load(req, (req.query as { ids: string }).ids));

  app.get('/api/compare/export', {
    config: { audit: 'compare.export' },
    schema: {
      tags, summary: '导出对比表（CSV 可直接用 Excel 打开，或 Markdown）',
      querystring: { type: 'object', required: ['ids'], properties: { ids, format: { type: 'string', enum: ['csv', 'md'], default: 'csv' } } },
      response: { 200: fileResponse('CSV 或 Markdown 文件'), ...errors(400, 404) },
    },
  }, async (req, reply) => {
    const q = req.query as { ids: string; format: 'csv' | 'md' };
    const c = await load(req, q.ids);
    const csv = q.format === 'csv';
    return reply
      .header('content-type', csv ? 'text/csv; charset=utf-8' : 'text/markdown; charset=utf-8')
      .header('content-disposition', contentDisposition(`案例对比.${csv ? 'csv' : 'md'}`, `comparison.${q.format}`))
      .send(csv ? comparisonToCsv(c) : comparisonToMarkdown(c));
  });
}
