import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type pg from 'pg';
import { makeDoc, makeIndex } from '../store-contract.js';
import { freshPgDatabase, PG_SKIP_REASON } from '../../testing/pg-database.js';
import { PostgresStore } from './postgres-store.js';

const match = { all: [['缓存']], any: [], none: [], phrases: [] };

/** Counts the counting, first-pass and facet statements a store's pooled connections run. */
function countStatements(store: PostgresStore): { n: number } {
  const counter = { n: 0 };
  const connect = store.pool.connect.bind(store.pool) as () => Promise<pg.PoolClient>;
  const wrapped = new WeakSet<pg.PoolClient>();
  (store.pool as { connect: () => Promise<pg.PoolClient> }).connect = async () => {
    const c = await connect();
    if (!wrapped.has(c)) {
      wrapped.add(c);
      const query = c.query.bind(c) as (...a: unknown[]) => unknown;
      (c as { query: (...a: unknown[]) => unknown }).query = (...a: unknown[]) => {
        if (typeof a[0] === 'string' && /count\(\*\)/.test(a[0])) counter.n++;
        return query(...a);
      };
    }
    return c;
  };
  return counter;
}

describe('PostgreSQL search results kept between searches', { skip: process.env.ZHIZHI_TEST_DATABASE_URL ? false : PG_SKIP_REASON }, () => {
  it('answer a repeated search and its facet counts without running them again until any node commits a change', async () => {
    const db = (await freshPgDatabase('zhizhi_test_results'))!;
    const a = await PostgresStore.open(db.url);
    const b = await PostgresStore.open(db.url); // another node of the same team server
    try {
      for (const [text, year] of [['缓存 一', 2020], ['缓存 二', 2021]] as const) {
        const d = makeDoc(text);
        await a.createDocument(d, { index: makeIndex(d, text, { year }) });
      }
      const search = async () => ({
        page: await a.matchDocuments(match, {}, { limit: 10 }),
        years: (await a.facetCounts(match, {}, ['year'], 10)).year,
      });
      const first = await search();
      assert.equal(first.page.total, 2);
      // The snapshot is the whole server's: other test files commit to their own databases meanwhile, and
      // each commit ends every kept answer. A repeat between two equal snapshots must run nothing.
      const statements = countStatements(a);
      // (Through the other node: pool.query calls connect() with a callback, which the counting wrapper does not take.)
      const snapshot = async () => (await b.pool.query('SELECT pg_current_snapshot()::text AS s')).rows[0].s as string;
      let answeredFromKept = false;
      for (let attempt = 0; attempt < 50 && !answeredFromKept; attempt++) {
        const before = await snapshot();
        statements.n = 0;
        assert.deepEqual(await search(), first);
        const ran = statements.n;
        if (before === await snapshot() && ran === 0) answeredFromKept = true;
        else await search(); // kept again at the current snapshot
      }
      assert.ok(answeredFromKept, 'with nothing committed, the kept rows answer');

      const d3 = makeDoc('缓存 三');
      await b.createDocument(d3, { index: makeIndex(d3, '缓存 三', { year: 2021 }) });
      statements.n = 0;
      const after = await search();
      assert.ok(statements.n >= 2, 'another node committed: counted and ranked again');
      assert.equal(after.page.total, 3);
      assert.ok(after.page.docs.some((d) => d.id === d3.id));
      assert.deepEqual(after.years, [{ value: '2021', count: 2 }, { value: '2020', count: 1 }]);

      await b.deleteDocument(d3.id);
      const deleted = await search();
      assert.equal(deleted.page.total, 2);
      assert.deepEqual(deleted.years, first.years);
    } finally {
      await a.close();
      await b.close();
      await db.drop();
    }
  });
});
