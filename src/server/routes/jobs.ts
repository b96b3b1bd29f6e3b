import type { FastifyInstance } from 'fastify';
import { LibraryError } from '../../library/errors.js';
import type { ServerContext } from '../context.js';
import { S, errors, idParams } from '../schemas.js';

/** Import job progress (counts, per-item results and Chinese error messages). */
export async function jobRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get('/api/jobs/:id', {
    schema: { tags: ['导入'], summary: '导入任务进度', params: idParams, response: { 200: S.job, ...errors(404) } },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const job = await ctx.library.store.getJob(id);
    if (!job) throw new LibraryError('NOT_FOUND', `导入任务不存在：${id.slice(0, 100)}`);
    return job;
  });
}
