import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type Database from 'better-sqlite3';
import { nowIso } from '../../domain/index.js';
import { makeDoc, makeIndex } from '../store-contract.js';
import { FacetColumns } from './facet-columns.js';
import { SqliteStore } from './sqlite-store.js';

/** Facet counts of every indexed document as SQL gives them (the columns must agree). */
function sqlCounts(db: Database.Database, facets: string[]): Record<string, { value: string; count: number }[]> {
  const out: Record<string, { value: string; count: number }[]> = {};
  for (const f of facets) {
    out[f] = (f === 'collection'
      ? db.prepare('SELECT collection_id AS value, count(*) AS count FROM collection_items WHERE document_id IN (SELECT document_id FROM doc_index) GROUP BY 1 ORDER BY 2 DESC, 1')
      : db.prepare('SELECT value, count(*) AS count FROM doc_facets WHERE facet = ? AND document_id IN (SELECT document_id FROM doc_index) GROUP BY 1 ORDER BY 2 DESC, 1')).all(...(f === 'collection' ? [] : [f])) as { value: string; count: number }[];
  }
  return out;
}

describe('FacetColumns', () => {
  it('count and test every document as SQL does through creates, re-indexing, deletes and collection changes, before and after the layout is rebuilt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhizhi-columns-'));
    const store = new SqliteStore(join(dir, 'z.db'));
    const db = (store as unknown as { db: Database.Database }).db;
    // A layout rebuilt after 3 patched documents, so that the sequence below crosses it several times.
    const columns = new FacetColumns(db, 3);
    const facets = ['category', 'year', 'tag', 'collection'];
    const categories = ['实践案例', '政策文件', '新闻报道'];
    const check = (step: string) => {
      const rowids = db.prepare('SELECT rowid FROM doc_index ORDER BY rowid').pluck().all() as number[];
      assert.deepEqual(columns.count(rowids, facets, 100), sqlCounts(db, facets), `counts after ${step}`);
      // Filters: category 实践案例 and year ≥ 2021; and an exclusion-only filter (a document with no tag passes it).
      const test = columns.predicate([
        { facet: 'category', accept: (v) => v === '实践案例' },
        { facet: 'year', accept: (v) => Number(v) >= 2021 },
      ]);
      const expected = db.prepare(`SELECT rowid FROM doc_index i WHERE
        EXISTS (SELECT 1 FROM doc_facets f WHERE f.document_id = i.document_id AND facet = 'category' AND value = '实践案例')
        AND EXISTS (SELECT 1 FROM doc_facets f WHERE f.document_id = i.document_id AND facet = 'year' AND CAST(value AS INTEGER) >= 2021) ORDER BY rowid`).pluck().all() as number[];
      assert.deepEqual(rowids.filter(test), expected, `filter after ${step}`);
      const notTagged = columns.predicate([{ facet: 'tag', accept: (v) => v === '甲', exclude: true }]);
      const expectedNot = db.prepare(`SELECT rowid FROM doc_index i WHERE NOT EXISTS
        (SELECT 1 FROM doc_facets f WHERE f.document_id = i.document_id AND facet = 'tag' AND value = '甲') ORDER BY rowid`).pluck().all() as number[];
      assert.deepEqual(rowids.filter(notTagged), expectedNot, `exclusion after ${step}`);
    };
    try {
      const docs = Array.from({ length: 12 }, (_, i) => makeDoc(`文档 ${i}`, { category: categories[i % 3], tags: i % 4 ? ['甲'] : [] }));
      for (const [i, d] of docs.slice(0, 6).entries()) await store.createDocument(d, { index: makeIndex(d, d.text, { year: 2019 + i }) });
      check('the first documents (layout read from scratch)');
      for (const [i, d] of docs.slice(6).entries()) {
        await store.createDocument(d, { index: makeIndex(d, d.text, { year: i % 2 ? null : 2022 }) });
        check(`adding document ${6 + i} (rowids past the layout)`);
      }
      await store.updateDocument(docs[1], makeIndex(docs[1], docs[1].text, { year: 2024 }));
      check('re-indexing with another year');
      await store.deleteDocument(docs[0].id);
      await store.deleteDocument(docs[7].id);
      check('deletes');
      await store.createCollection({ id: 'c1', name: '专题', createdAt: nowIso(), items: [docs[2], docs[3], docs[8]].map((d) => ({ documentId: d.id })) });
      check('a collection');
      await store.updateDocument(docs[3], makeIndex(docs[3], docs[3].text, { year: 2025 }));
      await store.deleteCollection('c1');
      check('re-indexing again and removing the collection');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
