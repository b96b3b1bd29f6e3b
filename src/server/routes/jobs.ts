import type { FastifyInstance } from 'fastify';
import { LibraryError } from '../../library/errors.js';
import { canSee, groupsOf, type ServerContext } from '../context.js';
import { S, errors, idParams } from '../schemas.js';

/** Import job progress (counts, per-item results and Chinese error messages). */
export async function jobRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get('/api/jobs/:id', {
    schema: { tags: ['导入'], summary: '导入任务进度', params: idParams, response: { 200: S.job, ...errors(404) } },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const job = await ctx.library.store.getJob(id);
    if (!job) throw new LibraryError('NOT_FOUND', `导入任务不存在：${id.slice(0, 100)}`);
    if (!groupsOf(req)) return job;
    // A skipped duplicate may be a document in a group the caller cannot see: do not name it.
    const ids = job.results.flatMap((r) => (r.documentId ? [r.documentId] : []));
    const visible = new Set((await ctx.library.store.getDocuments(ids)).filter((d) => canSee(req, d)).map((d) => d.id));
    return {
      ...job,
      results: job.results.map((r) => (!r.documentId || visible.has(r.documentId) ? r
        : { item: r.item, status: r.status, message: '库中已有正文相同的文档（在您无权查看的分组中），已跳过' })),
    };
  });
}
