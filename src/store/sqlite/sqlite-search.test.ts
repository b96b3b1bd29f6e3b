import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { nowIso } from '../../domain/index.js';
import { makeDoc, makeIndex } from '../store-contract.js';
import { SqliteStore } from './sqlite-store.js';

const match = { all: [['缓存']], any: [], none: [], phrases: [] };

describe('SQLite facet counts', () => {
  it('repeat a cached answer only until this or another connection writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhizhi-facets-'));
    const file = join(dir, 'z.db');
    const a = new SqliteStore(file);
    const b = new SqliteStore(file);
    try {
      const d1 = makeDoc('缓存 一');
      await a.createDocument(d1, { index: makeIndex(d1, '缓存 一', { year: 2020 }) });
      const first = await a.facetCounts(match, {}, ['year', 'collection'], 10);
      assert.deepEqual(first.year, [{ value: '2020', count: 1 }]);
      first.year[0].count = 99; // callers may mutate what they get; the cache must not change
      assert.deepEqual((await a.facetCounts(match, {}, ['year'], 10)).year, [{ value: '2020', count: 1 }]);

      const d2 = makeDoc('缓存 二');
      await a.createDocument(d2, { index: makeIndex(d2, '缓存 二', { year: 2021 }) });
      assert.deepEqual((await a.facetCounts(match, {}, ['year', 'collection'], 10)).year,
        [{ value: '2020', count: 1 }, { value: '2021', count: 1 }], 'own document write');

      await a.createCollection({ id: 'c1', name: '专题', createdAt: nowIso(), items: [{ documentId: d1.id }] });
      assert.deepEqual((await a.facetCounts(match, {}, ['year', 'collection'], 10)).collection, [{ value: 'c1', count: 1 }], 'own collection write');

      const d3 = makeDoc('缓存 三');
      await b.createDocument(d3, { index: makeIndex(d3, '缓存 三', { year: 2021 }) });
      assert.deepEqual((await a.facetCounts(match, {}, ['year', 'collection'], 10)).year,
        [{ value: '2021', count: 2 }, { value: '2020', count: 1 }], 'another connection\'s commit');
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('give totals, filtered totals and counts from the rowids a match keeps only until this or another connection writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhizhi-rowids-'));
    const file = join(dir, 'z.db');
    const a = new SqliteStore(file);
    const b = new SqliteStore(file);
    const look = async () => {
      const all = await a.matchDocuments(match, {}, { limit: 10 });
      const y2021 = await a.matchDocuments(match, { yearFrom: 2021, yearTo: 2021 }, { limit: 10 });
      const notCase = await a.matchDocuments(match, { exclude: { category: ['实践案例'] } }, { limit: 10 });
      const counts = await a.facetCounts(match, { yearFrom: 2021, yearTo: 2021 }, ['category'], 10);
      return { all: all.total, y2021: y2021.total, notCase: notCase.total, hits2021: y2021.docs.length, categories2021: counts.category };
    };
    try {
      const d1 = makeDoc('缓存 一', { category: '实践案例' });
      await a.createDocument(d1, { index: makeIndex(d1, '缓存 一', { year: 2020 }) });
      await a.facetCounts(match, {}, ['year'], 10); // loads the facet columns: from here on rowids are kept
      assert.deepEqual(await look(), { all: 1, y2021: 0, notCase: 0, hits2021: 0, categories2021: [] });
      const d2 = makeDoc('缓存 二', { category: '政策文件' });
      await a.createDocument(d2, { index: makeIndex(d2, '缓存 二', { year: 2021 }) });
      assert.deepEqual(await look(), { all: 2, y2021: 1, notCase: 1, hits2021: 1, categories2021: [{ value: '政策文件', count: 1 }] }, 'own write');
      const d3 = makeDoc('缓存 三', { category: '实践案例' });
      await b.createDocument(d3, { index: makeIndex(d3, '缓存 三', { year: 2021 }) });
      assert.deepEqual(await look(), { all: 3, y2021: 2, notCase: 1, hits2021: 2, categories2021: [{ value: '实践案例', count: 1 }, { value: '政策文件', count: 1 }] }, 'another connection\'s commit');
      await b.deleteDocument(d2.id);
      assert.deepEqual(await look(), { all: 2, y2021: 1, notCase: 0, hits2021: 1, categories2021: [{ value: '实践案例', count: 1 }] }, 'another connection\'s delete');
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('follow re-indexing, deletion and collection removal by another process, also after the change log was pruned', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhizhi-facets-'));
    const file = join(dir, 'z.db');
    const a = new SqliteStore(file);
    const b = new SqliteStore(file);
    const years = async () => (await a.facetCounts(match, {}, ['year'], 10)).year;
    const collections = async () => (await a.facetCounts(match, {}, ['collection'], 10)).collection;
    try {
      const docs = [makeDoc('缓存 甲'), makeDoc('缓存 乙')];
      for (const d of docs) await b.createDocument(d, { index: makeIndex(d, d.text, { year: 2020 }) });
      await b.createCollection({ id: 'c1', name: '专题', createdAt: nowIso(), items: docs.map((d) => ({ documentId: d.id })) });
      assert.deepEqual(await years(), [{ value: '2020', count: 2 }]);
      assert.deepEqual(await collections(), [{ value: 'c1', count: 2 }]);

      await b.updateDocument(docs[0], makeIndex(docs[0], docs[0].text, { year: 2023 }));
      assert.deepEqual(await years(), [{ value: '2020', count: 1 }, { value: '2023', count: 1 }], 're-indexed with another year');

      await b.deleteDocument(docs[1].id);
      assert.deepEqual(await years(), [{ value: '2023', count: 1 }], 'deleted document no longer counted');
      assert.deepEqual(await collections(), [{ value: 'c1', count: 1 }], 'its collection item went with it');

      // Another process writes so much that the log no longer reaches back to what `a` saw last.
      const raw = (b as unknown as { db: import('better-sqlite3').Database }).db;
      raw.prepare(`WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 60000)
        INSERT INTO facet_changes (document_id) SELECT 'nobody' FROM n`).run();
      assert.ok((raw.prepare('SELECT count(*) FROM facet_changes').pluck().get() as number) < 60_000, 'the log prunes itself');
      await b.deleteCollection('c1');
      const d3 = makeDoc('缓存 丙');
      await b.createDocument(d3, { index: makeIndex(d3, d3.text, { year: 2019 }) });
      assert.deepEqual(await years(), [{ value: '2019', count: 1 }, { value: '2023', count: 1 }]);
      assert.deepEqual(await collections(), []);
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite corpus statistics', () => {
  it('count documents and field lengths written by any connection, without rescanning the index', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhizhi-stats-'));
    const file = join(dir, 'z.db');
    const a = new SqliteStore(file);
    const b = new SqliteStore(file);
    try {
      assert.deepEqual(await a.corpusStats(), { docCount: 0, avgLength: { title: 0, keywords: 0, entities: 0, body: 0 } });
      const d1 = makeDoc('统计 一');
      const d2 = makeDoc('统计 二');
      await a.createDocument(d1, { index: makeIndex(d1, '甲 乙 丙 丁') });
      await b.createDocument(d2, { index: makeIndex(d2, '甲 乙') });
      assert.equal((await a.corpusStats()).docCount, 2, 'sees the other connection\'s document');
      assert.equal((await a.corpusStats()).avgLength.body, 3);
      await b.updateDocument(d2, makeIndex(d2, '甲 乙 丙 丁 戊 己'));
      assert.equal((await a.corpusStats()).avgLength.body, 5, 're-indexing replaces the old length');
      await b.deleteDocument(d1.id);
      const s = await a.corpusStats();
      assert.equal(s.docCount, 1);
      assert.equal(s.avgLength.body, 6);
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite document frequencies', () => {
  it('are remembered between searches but follow own writes, deletions and another connection\'s commits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhizhi-df-'));
    const file = join(dir, 'z.db');
    const a = new SqliteStore(file);
    const b = new SqliteStore(file);
    const df = async () => (await a.docFrequencies(['缓存', '词频'])).get('缓存');
    try {
      const d1 = makeDoc('缓存 一');
      await a.createDocument(d1, { index: makeIndex(d1, '缓存 一') });
      assert.equal(await df(), 1);
      assert.equal(await df(), 1, 'asked again without writes');
      const d2 = makeDoc('缓存 二');
      await a.createDocument(d2, { index: makeIndex(d2, '缓存 二') });
      assert.equal(await df(), 2, 'own write');
      const d3 = makeDoc('缓存 三');
      await b.createDocument(d3, { index: makeIndex(d3, '缓存 三') });
      assert.equal(await df(), 3, 'another connection\'s commit');
      await b.deleteDocument(d1.id);
      assert.equal(await df(), 2, 'deletion by another connection');
      assert.equal((await a.docFrequencies(['词频'])).get('词频'), 0);
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite filters over a text match', () => {
  it('test facet, year and collection filters from the facet columns and follow another connection\'s writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhizhi-filter-'));
    const file = join(dir, 'z.db');
    const a = new SqliteStore(file);
    const b = new SqliteStore(file);
    const ids = async (filters: Parameters<SqliteStore['matchDocuments']>[1]) =>
      (await a.matchDocuments(match, filters, { limit: 10 })).docs.map((d) => d.id).sort();
    try {
      const d1 = makeDoc('缓存 甲');
      const d2 = makeDoc('缓存 乙', { category: '政策文件' });
      await b.createDocument(d1, { index: makeIndex(d1, '缓存 甲', { year: 2019, region: ['310000', '310113'] }) });
      await b.createDocument(d2, { index: makeIndex(d2, '缓存 乙', { year: 2023 }) });
      // First through SQL rowid sets (columns not read yet, as in a one-off CLI search), then the columns.
      for (const path of ['rowid sets', 'facet columns']) {
        assert.deepEqual(await ids({ yearFrom: 2020 }), [d2.id], path);
        assert.deepEqual(await ids({ yearTo: 2019, region: ['310000'] }), [d1.id], path);
        assert.deepEqual(await ids({ category: ['政策文件'], yearFrom: 2020, yearTo: 2024 }), [d2.id], path);
        assert.deepEqual(await ids({ category: ['政策文件'], yearTo: 2020 }), [], `every filter must hold (${path})`);
        assert.equal((await a.matchDocuments(match, { yearFrom: 2020 }, { limit: 10 })).total, 1, path);
        await a.facetCounts(match, {}, ['year'], 10);
      }

      await b.updateDocument(d1, makeIndex(d1, '缓存 甲', { year: 2024 }));
      assert.deepEqual(await ids({ yearFrom: 2020 }), [d1.id, d2.id].sort(), 'another connection re-indexed d1 with 2024');
      await b.createCollection({ id: 'c9', name: '专题', createdAt: nowIso(), items: [{ documentId: d2.id }] });
      assert.deepEqual(await ids({ collection: ['c9'], yearFrom: 2020 }), [d2.id]);
      const facets = await a.facetCounts(match, { yearFrom: 2024 }, ['year'], 10);
      assert.deepEqual(facets.year, [{ value: '2024', count: 1 }]);
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite candidate rows', () => {
  it('are read again after this or another connection rewrote the document (kept rows follow writes)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhizhi-rows-'));
    const file = join(dir, 'z.db');
    const a = new SqliteStore(file);
    const b = new SqliteStore(file);
    const first = async () => (await a.matchDocuments(match, {}, { limit: 10 })).docs[0];
    try {
      const d = makeDoc('缓存 甲');
      await a.createDocument(d, { index: makeIndex(d, '缓存 甲') });
      assert.equal((await first()).title, d.title);
      await b.updateDocument({ ...d, title: '另一个连接改的标题' }, { ...makeIndex(d, '缓存 乙'), title: '另 一个 标题' });
      const after = await first();
      assert.equal(after.title, '另一个连接改的标题');
      assert.equal(after.fields.title, '另 一个 标题');
      assert.match(after.fields.body, /乙/);
      await a.updateDocument({ ...d, title: '本连接改的标题' }, makeIndex(d, '缓存 丙'));
      assert.equal((await first()).title, '本连接改的标题');
      assert.match((await first()).fields.body, /丙/);
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite team member\'s search', () => {
  it('never shows a hidden group\'s document that took a deleted document\'s rowid between the facet columns\' refresh and the match', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhizhi-member-'));
    const file = join(dir, 'z.db');
    const a = new SqliteStore(file);
    const b = new SqliteStore(file);
    const member = { visibleGroups: ['g1'] };
    try {
      const kept = makeDoc('缓存 留下');
      const gone = makeDoc('缓存 将被删除');
      await a.createDocument(kept, { index: makeIndex(kept, '缓存 留下') });
      await a.createDocument(gone, { index: makeIndex(gone, '缓存 将被删除') });
      await a.facetCounts(match, member, ['year'], 10); // the columns are read: filters are tested from them
      const hidden = makeDoc('缓存 别组的', { groupId: 'g-other' });
      const rowid = (id: string) => b.db.prepare('SELECT rowid FROM doc_index WHERE document_id = ?').pluck().get(id);
      // Another process deletes the last document and adds one of another group, which SQLite gives the
      // freed rowid, right after this connection refreshed its columns and before it matches.
      const columns = (a as unknown as { search: { columns: { predicate: (...x: unknown[]) => unknown } } }).search.columns;
      const predicate = columns.predicate.bind(columns);
      let interleaved = false;
      columns.predicate = (...x: unknown[]) => {
        const test = predicate(...x);
        if (!interleaved) {
          interleaved = true;
          void b.deleteDocument(gone.id);
          void b.createDocument(hidden, { index: makeIndex(hidden, '缓存 别组的') });
          assert.equal(rowid(hidden.id), 2, 'committed before the match, under the deleted document\'s rowid');
        }
        return test;
      };
      const during = await a.matchDocuments(match, member, { limit: 10 });
      assert.ok(interleaved, 'the other process wrote between refresh and match');
      assert.deepEqual(during.docs.map((d) => d.id).sort(), [kept.id, gone.id].sort(), 'the match sees the state the columns were read from');
      const after = await a.matchDocuments(match, member, { limit: 10 });
      assert.deepEqual(after.docs.map((d) => d.id), [kept.id]);
      assert.equal(after.total, 1);
      assert.equal((await a.matchDocuments(match, {}, { limit: 10 })).total, 2, 'the whole library holds the hidden one');
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
