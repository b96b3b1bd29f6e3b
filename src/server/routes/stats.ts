import type { FastifyInstance } from 'fastify';
import { overviewStats } from '../../library/stats.js';
import { groupsOf, type ServerContext } from '../context.js';
import { S } from '../schemas.js';

const counts = { type: 'array', items: { type: 'object', properties: { value: { type: 'string' }, count: { type: 'integer' } } } };

/** Dashboard figures: counts by category, theme, province and year, the theme trend, recent documents. */
export async function statsRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get('/api/stats', {
    schema: {
      tags: ['统计'], summary: '总览统计',
      response: {
        200: {
          type: 'object',
          properties: {
            total: { type: 'integer' }, byCategory: counts, byTheme: counts, byYear: counts,
            byProvince: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' }, count: { type: 'integer' } } } },
            themeTrend: { type: 'array', items: { type: 'object', properties: { year: { type: 'integer' }, theme: { type: 'string' }, count: { type: 'integer' } } } },
            recent: { type: 'array', items: S.documentSummary },
          },
        },
      },
    },
  }, async (req) => overviewStats(ctx.library.store, { visibleGroups: groupsOf(req) }));
}
