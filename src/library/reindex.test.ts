import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { searchDocuments } from '../search/search.js';
import { buildIndexEntry } from '../search/tokens.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { Library } from './library.js';
import { INDEX_FORMAT, reindexIfStale, storedIndexFormat } from './reindex.js';
import { textHash } from './text-hash.js';

const TEXT = '本区推动著作权纠纷多元调解，著作权人可以在社区调解室申请调解。调解员说明了什么情况适用简易程序。';

/** A library whose documents carry index entries and hashes as format 1 wrote them (么/著 folded). */
async function oldFormatLibrary(store: SqliteStore, n: number): Promise<string[]> {
  const lib = await Library.open(store);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await lib.addDocument({ text: `${TEXT}第${i + 1}号案例。`, title: `著作权调解案例${i + 1}`, category: '实践案例' });
    assert.equal(r.status, 'imported');
    if (r.status === 'imported') ids.push(r.document.id);
  }
  for (const id of ids) {
    const d = (await store.getDocument(id))!;
    const folded = { title: d.title.replace(/著/g, '着'), keywords: '', entities: '', body: '着作 作权 着作权 调解 什幺', year: null, sortDate: d.createdAt, facets: { category: [d.category], theme: [], region: [], year: [], tag: [] } };
    await store.reindexDocument({ ...d, textHash: `format1-${id}` }, folded, { analyses: d.analyses.length });
  }
  await store.putSetting('indexFormat', 1);
  return ids;
}

/** Runs fn on a store in a fresh temporary directory, then closes and removes it. */
async function withStore(fn: (store: SqliteStore) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'zhizhi-reindex-'));
  const store = new SqliteStore(join(dir, 'z.db'));
  try {
    await fn(store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('index format upgrade', () => {
  it('a new library records the current format, so nothing is re-indexed', async () => {
    await withStore(async (store) => {
      const lib = await Library.open(store);
      await lib.addDocument({ text: TEXT, title: '著作权调解', category: '实践案例' });
      assert.equal(await storedIndexFormat(store), INDEX_FORMAT);
      const r = await reindexIfStale(store);
      assert.equal(r.ran, false);
    });
  });

  it('rewrites every old entry and hash from the stored documents, after which search and duplicate detection use the new form', async () => {
    await withStore(async (store) => {
      const ids = await oldFormatLibrary(store, 5);
      assert.equal((await searchDocuments(store, { q: '"著作权人"' })).total, 0, 'old entries do not hold 著作权人');
      const seen: number[] = [];
      const r = await reindexIfStale(store, { onProgress: (p) => seen.push(p.done) });
      assert.deepEqual({ ran: r.ran, done: r.done, rewritten: r.rewritten, failed: r.failed }, { ran: true, done: 5, rewritten: 5, failed: [] });
      assert.equal(seen.at(-1), 5);
      assert.equal(await storedIndexFormat(store), INDEX_FORMAT);
      assert.equal((await searchDocuments(store, { q: '"著作权人"' })).total, 5);
      for (const id of ids) {
        const d = (await store.getDocument(id))!;
        assert.equal(d.textHash, textHash(d.text));
        assert.ok(d.title.startsWith('著作权调解案例'), 'the document itself is unchanged');
      }
      const lib = await Library.open(store);
      const again = await lib.addDocument({ text: `${TEXT}第1号案例。`, category: '实践案例' });
      assert.equal(again.status, 'duplicate', 're-importing a re-indexed text is found as a duplicate again');
      assert.equal((await reindexIfStale(store)).ran, false, 'a second run has nothing to do');
    });
  });

  it('an interrupted run keeps the old format recorded and the next run resumes after the last finished document', async () => {
    await withStore(async (store) => {
      await oldFormatLibrary(store, 4);
      let calls = 0;
      const first = await reindexIfStale(store, { shouldStop: () => ++calls > 2 });
      assert.deepEqual({ stopped: first.stopped, done: first.done }, { stopped: true, done: 2 });
      assert.equal(await storedIndexFormat(store), 1);
      const second = await reindexIfStale(store);
      assert.deepEqual({ stopped: second.stopped, done: second.done, failed: second.failed }, { stopped: false, done: 2, failed: [] });
      assert.equal(await storedIndexFormat(store), INDEX_FORMAT);
      assert.equal((await searchDocuments(store, { q: '"著作权人"' })).total, 4);
    });
  });

  it('keeps the old hash of a text that now equals another one (什么 / 什麼) and still records the new format', async () => {
    await withStore(async (store) => {
      const ids = await oldFormatLibrary(store, 1);
      const a = (await store.getDocument(ids[0]))!;
      const b = { ...a, id: 'traditional-twin', text: a.text.replace('什么', '什麼'), textHash: 'format1-twin' };
      assert.notEqual(b.text, a.text);
      await store.createDocument(b, { index: buildIndexEntry(b) });
      const r = await reindexIfStale(store);
      assert.deepEqual({ rewritten: r.rewritten, hashKept: r.hashKept, failed: r.failed }, { rewritten: 2, hashKept: 1, failed: [] });
      assert.equal(await storedIndexFormat(store), INDEX_FORMAT);
      assert.equal((await store.getDocument(a.id))!.textHash, textHash(a.text));
      assert.equal((await store.getDocument(b.id))!.textHash, 'format1-twin');
    });
  });

  it('builds entries from the offline analysis even when an imported analysis is newer', async () => {
    await withStore(async (store) => {
      const ids = await oldFormatLibrary(store, 1);
      const before = (await store.getDocument(ids[0]))!;
      assert.ok(before.analyses[0].result.keywords?.length, 'the offline analysis has keywords');
      const imported = { id: 'imported-1', documentId: ids[0], producer: 'imported:test', version: '1', createdAt: new Date(Date.now() + 60_000).toISOString(), result: {}, text: '外部分析' };
      await store.addAnalysis(imported);
      await reindexIfStale(store);
      const [entry] = await store.getIndexed(ids);
      assert.ok(entry.fields.keywords.includes('著作权'), `keywords kept from the offline analysis: ${entry.fields.keywords}`);
    });
  });
});
