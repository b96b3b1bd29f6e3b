import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, describe, it } from 'node:test';
import type { Collection, DocumentWithAnalyses } from '../domain/index.js';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { freshPgDatabase, PG_SKIP_REASON } from '../testing/pg-database.js';
import { Library } from './library.js';
import { exportLibrary, importExport } from './transfer.js';

async function snapshot(store: Store): Promise<{ docs: (DocumentWithAnalyses & { originalBytes: string | null })[]; collections: Collection[]; settings: unknown }> {
  const docs: (DocumentWithAnalyses & { originalBytes: string | null })[] = [];
  for await (const d of store.iterateDocuments()) {
    const o = await store.getOriginal(d.id);
    docs.push({ ...d, originalBytes: o ? o.bytes.toString('base64') : null });
  }
  docs.sort((a, b) => a.id.localeCompare(b.id));
  return { docs, collections: await store.listCollections(), settings: await store.getSetting('categories') };
}

async function copy(from: Store, to: Store): Promise<void> {
  const pipe = new PassThrough();
  const done = importExport(await Library.open(to), pipe);
  await exportLibrary(from, pipe);
  pipe.end();
  const r = await done;
  assert.deepEqual(r.failed, []);
}

describe('moving a library between stores', async () => {
  const db1 = await freshPgDatabase('zhizhi_move');
  const dir = mkdtempSync(join(tmpdir(), 'zhizhi-move-'));
  after(async () => { await db1?.drop(); rmSync(dir, { recursive: true, force: true }); });

  it('carries every document, original file, analysis version, collection, note and timestamp SQLite → PostgreSQL → SQLite unchanged', { skip: db1 ? false : PG_SKIP_REASON, timeout: 120_000 }, async () => {
    const a = new SqliteStore(join(dir, 'a.db'));
    const lib = await Library.open(a);
    const r1 = await lib.addDocument({ title: '枫桥经验', text: '浙江省诸暨市枫桥镇坚持“小事不出村、大事不出镇、矛盾不上交”，建立调解组织，化解矛盾纠纷1200件。', category: '实践案例', createdAt: '2023-11-05T08:00:00.123456Z' },
      { name: '枫桥.txt', bytes: Buffer.from([0xb7, 0xe3, 0xc7, 0xc5]), type: 'txt', encoding: 'gbk' });
    const r2 = await lib.addDocument({ title: '接诉即办', text: '北京市以12345市民服务热线为主渠道推进接诉即办，2023年受理诉求超过2000万件，响应率保持在100%。', category: '新闻报道', tags: ['热线'] });
    assert.ok(r1.status === 'imported' && r2.status === 'imported');
    await lib.reanalyze(r1.document.id);
    await lib.updateDocument(r2.document.id, { themes: ['诉求响应/接诉即办'], regions: [] });
    await a.createCollection({ id: 'c-move', name: '基层治理', createdAt: '2024-01-02T03:04:05.000006Z', items: [{ documentId: r2.document.id, note: '重点' }, { documentId: r1.document.id }] });
    // edited later, so its updatedAt differs from its createdAt and must travel too
    await a.updateCollection('c-move', { description: '基层治理案例与政策' });
    await a.putSetting('categories', ['实践案例', '新闻报道', '其他']);
    const before = await snapshot(a);
    const moved = before.collections.find((c) => c.id === 'c-move')!;
    assert.notEqual(moved.updatedAt, moved.createdAt);

    const p = await PostgresStore.open(db1!.url);
    await copy(a, p);
    assert.deepEqual(await snapshot(p), before, 'PostgreSQL holds the same library');

    const b = new SqliteStore(join(dir, 'b.db'));
    await copy(p, b);
    assert.deepEqual(await snapshot(b), before, 'back in SQLite, field by field');
    assert.equal(before.docs.find((d) => d.id === r1.document.id)?.analyses.length, 2, 'both analysis versions travel');
    assert.deepEqual(before.docs.find((d) => d.id === r2.document.id)?.setByUser.sort(), ['regions', 'themes'], 'what a user set by hand travels');
    const found = await b.matchDocuments({ all: [['枫桥']], any: [], none: [], phrases: [] }, {}, { limit: 5 });
    assert.equal(found.docs[0]?.id, r1.document.id, 'restored documents are searchable');
    await Promise.all([a.close(), p.close(), b.close()]);
  });
});
