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
});
