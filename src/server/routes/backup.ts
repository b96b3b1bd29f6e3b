import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { LibraryError } from '../../library/errors.js';
import type { ServerContext } from '../context.js';
import { contentDisposition } from '../http.js';
import { errors, fileResponse } from '../schemas.js';

/** Online backup: SQLite writes a consistent snapshot to a temp file, which is streamed and then deleted. */
export async function backupRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get('/api/backup', {
    config: { minRole: 'admin', audit: 'backup.download' },
    schema: { tags: ['系统'], summary: '下载数据库备份（在线、一致的 SQLite 快照）', response: { 200: fileResponse('SQLite 数据库文件'), ...errors(400, 403) } },
  }, async (_req, reply) => {
    const store = ctx.library.store;
    if (store.kind !== 'sqlite') throw new LibraryError('BAD_REQUEST', 'PostgreSQL 存储请使用 pg_dump 备份，或用 zhizhi export 导出全部文档');
    const dir = mkdtempSync(join(tmpdir(), 'zhizhi-backup-'));
    const cleanup = () => rmSync(dir, { recursive: true, force: true });
    const file = join(dir, 'zhizhi.db');
    try {
      await store.backup(file);
    } catch (e) {
      cleanup();
      throw e;
    }
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const stream = createReadStream(file);
    stream.once('close', cleanup);
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', contentDisposition(`zhizhi-backup-${stamp}.db`))
      .send(stream);
  });
}
