import type { FastifyInstance } from 'fastify';

/** Liveness for load balancers and the CLI; public even in team mode. */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/health', {
    config: { public: true },
    schema: { tags: ['系统'], summary: '健康检查', response: { 200: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } }, required: ['status'] } } },
  }, async () => ({ status: 'ok' }));
}
