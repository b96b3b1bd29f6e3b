import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Document } from '../../domain/index.js';
import { searchDocuments } from '../../search/search.js';
import { buildIndexEntry } from '../../search/tokens.js';
import { freshPgDatabase, PG_SKIP_REASON } from '../../testing/pg-database.js';
import { PostgresStore } from './postgres-store.js';
import { RUM_INDEX } from './rum-index.js';

function doc(i: number, text: string): Document {
  const t = `2024-01-${String((i % 28) + 1).padStart(2, '0')}T00:00:00.000000Z`;
  return {
    id: `r${i}`, title: text.slice(0, 12), category: '实践案例', source: { authors: [] }, regions: [], tags: [], themes: [], text,
    textHash: createHash('sha256').update(`${i}${text}`).digest('hex'), original: null, clusterId: null, groupId: null, createdAt: t, updatedAt: t,
  };
}

describe('PostgreSQL rum index', { skip: process.env.ZHIZHI_TEST_DATABASE_URL ? false : PG_SKIP_REASON }, () => {
  it('is built when the store opens, orders a common word from the index, and finds the same documents as without it', async () => {
    const db = (await freshPgDatabase('zhizhi_rum'))!;
    const texts = Array.from({ length: 40 }, (_, i) => `第${i}次居民议事会讨论${'社区改革'.repeat(1 + (i % 5))}，另有${i % 3 ? '停车' : '加装电梯'}问题。`);
    let withRum: string[];
    try {
      const store = await PostgresStore.open(db.url, { rumMinMatches: 10 });
      try {
        const valid = await store.pool.query('SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1', [RUM_INDEX]);
        assert.equal(valid.rows[0]?.indisvalid, true, 'the rum index exists and is valid (CI installs postgresql-15-rum)');
        for (const [i, text] of texts.entries()) { const d = doc(i, text); await store.createDocument(d, { index: buildIndexEntry(d) }); }
        const r = await searchDocuments(store, { q: '改革', limit: 100 }, { candidateLimit: 20 });
        assert.equal(r.total, 40);
        withRum = r.hits.map((h) => h.id);
        // The first pass's own rank tells the paths apart: rum's distance is positive, -ts_rank is not.
        const first = await store.matchDocuments({ all: [['改革']], any: [], none: [], phrases: [] }, {}, { limit: 5 });
        assert.ok(first.docs.length === 5 && first.docs.every((d) => d.storeRank > 0), 'ordered by the rum index');
        // The index still orders the pool when a filter narrows the match.
        const filtered = await store.matchDocuments({ all: [['改革']], any: [], none: [], phrases: [] }, { category: ['实践案例'] }, { limit: 5 });
        assert.ok(filtered.docs.every((d) => d.storeRank > 0));
        // Pages continue one order on this path too (ties in rum's distance broken by insertion order).
        const whole = (await searchDocuments(store, { q: '改革', limit: 100 }, { candidateLimit: 10 })).hits.map((h) => h.id);
        const paged: string[] = [];
        for (let offset = 0; offset < 40; offset += 7) paged.push(...(await searchDocuments(store, { q: '改革', limit: 7, offset }, { candidateLimit: 10 })).hits.map((h) => h.id));
        assert.deepEqual(paged, whole);
      } finally {
        await store.close();
      }
      // The same library without the rum path: the same documents, paged the same way.
      const plain = await PostgresStore.open(db.url, { rumMinMatches: 1e9 });
      try {
        const r = await searchDocuments(plain, { q: '改革', limit: 100 }, { candidateLimit: 20 });
        const first = await plain.matchDocuments({ all: [['改革']], any: [], none: [], phrases: [] }, {}, { limit: 5 });
        assert.ok(first.docs.every((d) => d.storeRank <= 0), 'ordered by ts_rank');
        assert.deepEqual(new Set(r.hits.map((h) => h.id)), new Set(withRum));
      } finally {
        await plain.close();
      }
    } finally {
      await db.drop();
    }
  });

  it('leaves the extension and the index alone with ZHIZHI_PG_RUM=off', async () => {
    const db = (await freshPgDatabase('zhizhi_rumoff'))!;
    process.env.ZHIZHI_PG_RUM = 'off';
    try {
      const store = await PostgresStore.open(db.url);
      try {
        const idx = await store.pool.query('SELECT 1 FROM pg_class WHERE relname = $1', [RUM_INDEX]);
        assert.equal(idx.rows.length, 0);
        const d = doc(1, '社区改革议事会。');
        await store.createDocument(d, { index: buildIndexEntry(d) });
        assert.equal((await searchDocuments(store, { q: '改革' })).total, 1);
      } finally {
        await store.close();
      }
    } finally {
      delete process.env.ZHIZHI_PG_RUM;
      await db.drop();
    }
  });
});
