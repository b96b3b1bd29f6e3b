import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { makeDoc, makeIndex } from '../store-contract.js';
import { PostgresStore } from './postgres-store.js';

const url = process.env.ZHIZHI_TEST_DATABASE_URL;
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

describe('PostgreSQL search results kept between searches', { skip: url ? false : 'ZHIZHI_TEST_DATABASE_URL not set' }, () => {
  it('answer a repeated search and its facet counts without running them again until any node commits a change', async () => {
    const name = `zhizhi_test_results_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const dbUrl = url!.replace(/\/[^/]*$/, `/${name}`);
    const a = await PostgresStore.open(dbUrl);
    const b = await PostgresStore.open(dbUrl); // another node of the same team server
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
      const statements = countStatements(a);
      const again = await search();
      assert.deepEqual(again, first);
      assert.equal(statements.n, 0, 'nothing was committed: the kept rows answer');

      const d3 = makeDoc('缓存 三');
      await b.createDocument(d3, { index: makeIndex(d3, '缓存 三', { year: 2021 }) });
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
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
