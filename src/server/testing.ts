// Helpers for the server tests: a real app over a real SQLite file in a temp directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Job } from '../domain/index.js';
import { Library } from '../library/library.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { buildApp, type BuildAppOptions } from './app.js';

export interface TestApp { app: FastifyInstance; lib: Library; dir: string; close(): Promise<void> }

export async function makeTestApp(opts: Partial<BuildAppOptions> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'zhizhi-server-'));
  const store = new SqliteStore(join(dir, 'zhizhi.db'));
  const lib = await Library.open(store);
  const app = await buildApp({ library: lib, dataDir: dir, teamMode: false, webDist: join(dir, 'no-web'), ...opts });
  return {
    app, lib, dir,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A multipart/form-data body for app.inject: files under `files`, plus plain fields. */
export function multipart(files: { name: string; bytes: Buffer | string }[], fields: Record<string, string> = {}): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----zhizhi' + randomBytes(8).toString('hex');
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    const encoded = encodeURIComponent(f.name);
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name.replace(/"/g, '%22')}"; filename*=UTF-8''${encoded}\r\nContent-Type: application/octet-stream\r\n\r\n`));
    chunks.push(Buffer.isBuffer(f.bytes) ? f.bytes : Buffer.from(f.bytes));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Polls GET /api/jobs/:id until the job is done or failed (or the time runs out). */
export async function waitForJob(get: (id: string) => Promise<Job>, id: string, timeoutMs = 60_000): Promise<Job> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = await get(id);
    if (job.state === 'done' || job.state === 'failed') return job;
    if (Date.now() > until) throw new Error(`job ${id} still ${job.state} after ${timeoutMs} ms: ${JSON.stringify(job).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const injectJob = (app: FastifyInstance) => async (id: string): Promise<Job> => (await app.inject(`/api/jobs/${id}`)).json();

/** A few paragraphs of a governance case, made distinct by `n` so that they are not duplicates. */
export function caseText(n: number, place = '上海市宝山区'): string {
  return `${place}第${n}号社区推进“全人群”参与社区治理\n\n` +
    `${place}依托“社区通”平台和人民信箱，推动居民议事厅常态化运行，第${n}批共有93.6万居村民实名注册。` +
    `街道建立24小时响应机制，网格员及时处理居民诉求，形成共建共治共享的基层治理格局。` +
    `社区治理学院开展培训${n + 10}场，培养社区骨干${n * 3 + 20}名，居民满意度明显提升。`;
}
