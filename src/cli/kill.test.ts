import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { sqlitePath } from '../store/open-store.js';
import { searchDocuments } from '../search/search.js';
import { cleanText } from '../text/normalise.js';
import { buildBatch } from './batch-fixture.js';
import { expectExit, runCli, spawnCli, tempDir } from './test-support.js';

const BATCH = 2000;
const KILL_AFTER = 300;
const dir = tempDir('zhizhi-kill-');
after(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the import and SIGKILLs it once its progress lines report ≥ KILL_AFTER done. */
function importAndKill(file: string, dataDir: string): Promise<{ done: number; seconds: number }> {
  const t0 = Date.now();
  const child = spawnCli(['import', file], { dataDir, env: { ZHIZHI_PROGRESS_EVERY: '25' } });
  let buf = '';
  let done = 0;
  return new Promise((resolve, reject) => {
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      buf += d;
      for (const m of buf.matchAll(/^进度 (\d+)\/(\d+)/gm)) done = Math.max(done, Number(m[1]));
      buf = buf.slice(buf.lastIndexOf('\n') + 1);
      if (done >= KILL_AFTER && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`import ended by itself (${code}) after ${done} before it could be killed`));
      else resolve({ done, seconds: (Date.now() - t0) / 1000 });
    });
  });
}

test(`a batch import SIGKILLed after ${KILL_AFTER} documents leaves only whole documents, and re-running completes it without duplicates`, { timeout: 6 * 60_000 }, async (t) => {
  const rows = buildBatch(BATCH);
  assert.equal(rows.length, BATCH);
  const file = join(dir, 'batch.jsonl');
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const byText = new Map(rows.map((r, i) => [cleanText(r.text), i]));
  const dataDir = join(dir, 'data');

  const killed = await importAndKill(file, dataDir);
  t.diagnostic(`killed after ${killed.done} documents in ${killed.seconds.toFixed(1)} s (${(killed.done / killed.seconds).toFixed(1)} docs/s incl. start-up)`);

  const store = new SqliteStore(sqlitePath(dataDir));
  try {
    assert.equal(await store.integrityCheck(), 'ok');
    const imported = store.db.prepare("SELECT item, document_id FROM job_items WHERE status = 'imported'").all() as { item: string; document_id: string }[];
    assert.ok(imported.length >= KILL_AFTER, `job_items records ${imported.length} imported`);
    const docs = await store.getDocuments(imported.map((r) => r.document_id));
    assert.equal(docs.length, imported.length, 'every recorded document is present');
    const hasIndex = store.db.prepare('SELECT 1 FROM doc_index WHERE document_id = ?');
    for (const d of docs) {
      assert.ok(byText.has(d.text), `text of ${d.id} equals a batch row's cleaned text`);
      const full = await store.getDocument(d.id);
      assert.ok(full!.analyses.length >= 1 && full!.analyses[0].result.keywords, `${d.id} has an analysis`);
      assert.ok(hasIndex.get(d.id), `${d.id} has an index entry`);
    }
    for (const d of docs.slice(0, 10)) {
      const res = await searchDocuments(store, { q: d.title, limit: 20, offset: 0 } as Parameters<typeof searchDocuments>[1]);
      assert.ok(res.hits.some((h) => h.id === d.id), `search finds ${d.title}`);
    }
    const n = await store.countDocuments();
    assert.ok(n >= imported.length && n <= imported.length + 1, `at most the one in-flight document is unrecorded (${n} vs ${imported.length})`);
  } finally {
    await store.close();
  }

  const t0 = Date.now();
  const r = expectExit(await runCli(['import', file], { dataDir }));
  const secs = (Date.now() - t0) / 1000;
  t.diagnostic(`re-run finished in ${secs.toFixed(1)} s: ${r.stdout.trim().split('\n')[0]}`);
  const m = /新增 (\d+) 篇，重复跳过 (\d+) 篇，失败 0 项/.exec(r.stdout);
  assert.ok(m, r.stdout);
  assert.equal(Number(m[1]) + Number(m[2]), BATCH);
  const again = new SqliteStore(sqlitePath(dataDir));
  try {
    assert.equal(await again.countDocuments(), BATCH);
    const { n, d } = again.db.prepare('SELECT count(*) AS n, count(DISTINCT text_hash) AS d FROM documents').get() as { n: number; d: number };
    assert.equal(d, n, 'no two documents share a text hash');
    assert.equal(await again.integrityCheck(), 'ok');
  } finally {
    await again.close();
  }
});
