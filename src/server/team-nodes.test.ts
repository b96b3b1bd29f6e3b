import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { Job } from '../domain/index.js';
import { AuthService } from '../auth/auth-service.js';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import { freshPgDatabase, PG_SKIP_REASON } from '../testing/pg-database.js';
import { startServerProcess } from '../testing/server-process.js';

const BATCH = 400;

function batchJsonl(): Buffer {
  let rows: string[] = [];
  try {
    rows = readFileSync(new URL('../../../shared/eval/csl/keywords.jsonl', import.meta.url), 'utf8').trim().split('\n').slice(0, BATCH)
      .map((l, i) => { const r = JSON.parse(l); return JSON.stringify({ title: `${r.title}（${i}）`, text: `${r.text}\n编号 ${i}` }); });
  } catch { /* eval data not beside the project: synthetic rows below */ }
  while (rows.length < BATCH) {
    const i = rows.length;
    rows.push(JSON.stringify({ title: `社区议事协商记录 ${i}`, text: `第${i}号社区召开居民议事会，围绕加装电梯、停车管理和垃圾分类协商${i % 7 + 2}个议题，形成公约并由网格员跟踪落实。编号 ${i}` }));
  }
  return Buffer.from(rows.join('\n') + '\n');
}

describe('two stateless app nodes on one PostgreSQL database', async () => {
  const db = await freshPgDatabase('zhizhi_nodes');
  let token = '';
  before(async () => {
    if (!db) return;
    const store = await PostgresStore.open(db.url);
    const auth = new AuthService(store);
    const admin = await auth.createUser({ username: 'admin', password: 'admin-pass-1', role: 'admin' });
    token = (await auth.createToken(admin, 'test', 'read-write')).token;
    await store.close();
  });
  after(async () => { await db?.drop(); });

  it('finishes a batch on the second node after the first is killed mid-import, with nothing lost or doubled', { skip: db ? false : PG_SKIP_REASON, timeout: 240_000 }, async () => {
    const env = { ZHIZHI_DATABASE_URL: db!.url, ZHIZHI_JOB_STALE_MS: '3000', ZHIZHI_JOB_HEARTBEAT_MS: '300', ZHIZHI_DEMO: '0' };
    const auth = { authorization: `Bearer ${token}` };
    const a = await startServerProcess(env);
    let b: Awaited<ReturnType<typeof startServerProcess>> | null = null;
    try {
      const form = new FormData();
      form.append('files', new Blob([batchJsonl()]), 'batch.jsonl');
      const r = await fetch(`${a.url}/api/import`, { method: 'POST', body: form, headers: auth });
      assert.equal(r.status, 202, await r.clone().text());
      const job = (await r.json()) as { id: string };
      const poll = async (url: string) => (await (await fetch(`${url}/api/jobs/${job.id}`, { headers: auth })).json()) as Job;
      let seen = await poll(a.url);
      for (let i = 0; i < 600 && !(seen.state === 'running' && seen.done >= 40); i++) {
        await new Promise((res) => setTimeout(res, 100));
        seen = await poll(a.url);
      }
      assert.equal(seen.state, 'running', `node A is working on the job (${JSON.stringify(seen).slice(0, 200)})`);
      assert.ok(seen.done < BATCH, 'killed before the end of the batch');
      b = await startServerProcess(env);
      a.proc.kill('SIGKILL');
      let fin = await poll(b.url);
      for (let i = 0; i < 1800 && fin.state !== 'done'; i++) {
        await new Promise((res) => setTimeout(res, 100));
        fin = await poll(b.url);
      }
      assert.equal(fin.state, 'done', 'node B took the job over and finished it');
      assert.equal(fin.imported + fin.duplicates, BATCH, 'every row accounted for');
      assert.equal(fin.failed, 0);
      const c = new pg.Client({ connectionString: db!.url });
      await c.connect();
      const { rows } = await c.query('SELECT count(*)::int AS n, count(DISTINCT text_hash)::int AS h, (SELECT count(*)::int FROM doc_index) AS idx FROM documents');
      await c.end();
      assert.deepEqual(rows[0], { n: BATCH, h: BATCH, idx: BATCH }, 'every document once, each indexed');
    } finally {
      a.proc.kill('SIGKILL');
      await b?.stop();
    }
  });
});
