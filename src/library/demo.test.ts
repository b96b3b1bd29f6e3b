import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { freshPgDatabase, PG_SKIP_REASON } from '../testing/pg-database.js';
import { cleanText } from '../text/normalise.js';
import { Library } from './library.js';
import { loadDemoIfEmpty, parseSeed, shanghaiToUtcIso, DEMO_MARKER_KEY, SEED_PRODUCER } from './demo.js';

const SEED = fileURLToPath(new URL('../../../shared/seed/000_d980024bf8c34fc9.txt', import.meta.url));
const DEMO = fileURLToPath(new URL('../demo/documents.jsonl', import.meta.url));

async function withTempLibrary(fn: (lib: Library) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'zhizhi-demo-'));
  const store = new SqliteStore(join(dir, 'zhizhi.db'));
  try {
    await fn(await Library.open(store));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a team library on PostgreSQL starts empty unless ZHIZHI_DEMO=1 asks for the demo', { skip: process.env.ZHIZHI_TEST_DATABASE_URL ? false : PG_SKIP_REASON }, async () => {
  const db = (await freshPgDatabase('zhizhi_test_demo'))!;
  const store = await PostgresStore.open(db.url);
  const before = process.env.ZHIZHI_DEMO;
  try {
    const lib = await Library.open(store);
    delete process.env.ZHIZHI_DEMO;
    assert.equal(await loadDemoIfEmpty(lib, { seedPath: SEED, demoPath: DEMO }), 0);
    assert.equal(await store.countDocuments(), 0, 'nothing loaded into the shared library');
    process.env.ZHIZHI_DEMO = '1';
    assert.ok(await loadDemoIfEmpty(lib, { seedPath: SEED, demoPath: join(tmpdir(), 'no-such-demo.jsonl') }) >= (existsSync(SEED) ? 1 : 0));
    assert.ok(await store.getSetting(DEMO_MARKER_KEY), 'asked for, it is loaded once');
  } finally {
    if (before === undefined) delete process.env.ZHIZHI_DEMO; else process.env.ZHIZHI_DEMO = before;
    await store.close();
    await db.drop();
  }
});

test('seed timestamps are read as Asia/Shanghai time and kept to the microsecond', () => {
  assert.equal(shanghaiToUtcIso('2024-10-29 15:05:37.450468'), '2024-10-29T07:05:37.450468Z');
  assert.equal(shanghaiToUtcIso('2024-01-01 03:00:00'), '2023-12-31T19:00:00.000000Z');
});

test('the seed entry splits into category, timestamp and three analyses', { skip: !existsSync(SEED) && 'seed file not found' }, async () => {
  const { readFileSync } = await import('node:fs');
  const s = parseSeed(readFileSync(SEED, 'utf8'));
  assert.equal(s.category, '实践案例');
  assert.equal(s.timestamp, '2024-10-29 15:05:37.450468');
  assert.equal(s.analyses.length, 3);
  assert.ok(s.analyses[0].startsWith('这段文字概述了上海市宝山地区'));
  assert.ok(s.analyses[1].startsWith('上海市宝山地区的做法'));
  assert.ok(s.analyses[2].includes('关键词总结'));
});

test('the seed becomes one 实践案例 document with its three analyses at the original time, loaded only once', { skip: !existsSync(SEED) && 'seed file not found' }, async () => {
  await withTempLibrary(async (lib) => {
    const added = await loadDemoIfEmpty(lib, { seedPath: SEED, demoPath: join(tmpdir(), 'no-such-demo.jsonl') });
    assert.equal(added, 1);
    const { items } = await lib.listDocuments();
    assert.equal(items.length, 1);
    const doc = (await lib.getDocument(items[0].id))!;
    assert.equal(doc.category, '实践案例');
    assert.equal(doc.createdAt, '2024-10-29T07:05:37.450468Z');
    assert.ok(doc.tags.includes('演示'));
    const imported = doc.analyses.filter((a) => a.producer === SEED_PRODUCER).sort((a, b) => a.version.localeCompare(b.version));
    assert.deepEqual(imported.map((a) => a.version), ['1', '2', '3']);
    assert.ok(imported.every((a) => a.createdAt === '2024-10-29T07:05:37.450468Z' && a.text && a.text.length > 500));
    const raw = parseSeed(readFileSync(SEED, 'utf8')).analyses;
    assert.deepEqual(imported.map((a) => a.text), raw, 'the three analyses are kept verbatim');
    assert.equal(doc.text, cleanText(raw[0]), 'the document text is analysis 1, cleaned like any import');
    assert.ok(doc.analyses.some((a) => a.producer.startsWith('offline@')), 'the offline analysis is there too');
    assert.equal(await loadDemoIfEmpty(lib, { seedPath: SEED }), 0, 'the marker stops a second load');
    await lib.deleteDocument(doc.id);
    assert.equal(await loadDemoIfEmpty(lib, { seedPath: SEED }), 0, 'an emptied library stays empty');
    assert.ok(await lib.store.getSetting(DEMO_MARKER_KEY));
  });
});

test('the demo on an empty store gives at least 31 documents, and loading again adds nothing', { skip: !existsSync(DEMO) && 'src/demo/documents.jsonl not written yet' }, async () => {
  await withTempLibrary(async (lib) => {
    const added = await loadDemoIfEmpty(lib, { seedPath: SEED });
    const total = await lib.store.countDocuments();
    assert.equal(added, total);
    assert.ok(total >= 31, `only ${total} demo documents`);
    const { items } = await lib.listDocuments({ limit: 1000 });
    assert.ok(items.every((d) => d.tags.includes('演示')));
    const seed = items.find((d) => d.createdAt === '2024-10-29T07:05:37.450468Z');
    assert.ok(seed, 'the seed document is among them');
    const full = (await lib.getDocument(seed.id))!;
    assert.equal(full.analyses.filter((a) => a.producer === SEED_PRODUCER && a.createdAt === '2024-10-29T07:05:37.450468Z').length, 3);
    assert.equal(await loadDemoIfEmpty(lib, { seedPath: SEED }), 0);
    assert.equal(await lib.store.countDocuments(), total);
  });
});
