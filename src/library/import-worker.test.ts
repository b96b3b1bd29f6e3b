import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Job } from '../domain/index.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { ImportWorker } from './import-worker.js';
import { Library } from './library.js';

async function finished(lib: Library, id: string): Promise<Job> {
  for (let i = 0; i < 200; i++) {
    const j = await lib.store.getJob(id);
    if (j && (j.state === 'done' || j.state === 'failed')) return j;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${id} did not finish`);
}

describe('ImportWorker URL policy', () => {
  let dir: string;
  let store: SqliteStore;
  let lib: Library;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhizhi-worker-'));
    store = new SqliteStore(join(dir, 'z.db'));
    lib = await Library.open(store);
  });
  after(async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); });

  it('a worker that may not fetch internal addresses fails a loopback URL item with a Chinese reason, and the job still finishes', async () => {
    const worker = new ImportWorker(lib, { allowPrivateUrls: false, pollMs: 20 });
    worker.start();
    try {
      const job = await finished(lib, (await worker.enqueue([{ url: 'http://127.0.0.1:9/intranet' }])).id);
      assert.equal(job.failed, 1);
      assert.equal(job.errors[0].code, 'URL_FORBIDDEN');
      assert.match(job.errors[0].message, /内网或本机/);
    } finally { await worker.stop(); }
  });
});
