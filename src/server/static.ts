import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { installNotFound } from './errors.js';

const BUILDING_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>治知 Zhizhi · 社会治理研究知识库</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.7;color:#222}code{background:#f3f3f3;padding:.1rem .3rem;border-radius:3px}</style>
</head><body>
<h1>治知 Zhizhi</h1>
<p>网页界面尚未构建（或正在构建中）。请在项目目录运行 <code>npm run build:web</code> 后刷新本页。</p>
<p>The web UI has not been built yet: run <code>npm run build:web</code>, then reload.</p>
<p>接口服务已正常运行：<a href="/api/docs">API 文档（OpenAPI）</a> · <a href="/api/health">健康检查</a></p>
</body></html>`;

/**
 * Serves the built web UI from `dir` with an SPA fallback (unknown non-API GET paths get index.html,
 * so that client-side routes survive a reload). Without a build, every page explains how to make one.
 */
export async function registerWebUi(app: FastifyInstance, dir: string): Promise<void> {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    const page = (_req: FastifyRequest, reply: FastifyReply) => reply.code(200).type('text/html; charset=utf-8').send(BUILDING_PAGE);
    app.get('/', { schema: { hide: true } }, page);
    installNotFound(app, page);
    return;
  }
  await app.register(fastifyStatic, {
    root: dir, prefix: '/', index: ['index.html'], wildcard: true, cacheControl: false,
    // Brotli or gzip copies written by the build (web/vite.config.ts), to browsers that accept them.
    preCompressed: true,
    // Files under assets/ are named by their content's hash: kept by the browser for good. Everything else
    // (index.html, which names the current ones) is asked for again each time.
    setHeaders: (reply, path) => {
      reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  installNotFound(app, (req, reply) => {
    // Hashed assets that are missing are real 404s, not SPA routes.
    if (req.url.startsWith('/assets/')) return reply.code(404).type('text/plain; charset=utf-8').send('Not Found');
    return reply.header('cache-control', 'no-cache').sendFile('index.html', dir);
  });
}
