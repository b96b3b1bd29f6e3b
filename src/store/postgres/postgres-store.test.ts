import { describe, it } from 'node:test';
import pg from 'pg';
import { storeContract } from '../store-contract.js';
import { PostgresStore } from './postgres-store.js';

const url = process.env.ZHIZHI_TEST_DATABASE_URL;

if (!url) {
  describe('Store contract: PostgreSQL', () => {
    it('needs ZHIZHI_TEST_DATABASE_URL (scripts/pg-test-server.sh start prints one; CI sets it)', { skip: 'ZHIZHI_TEST_DATABASE_URL not set' }, () => {});
  });
} else {
  storeContract('PostgreSQL (fresh schema per run)', async () => {
    // Each run gets its own database so runs never see each other's rows.
    const name = `zhizhi_test_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const store = await PostgresStore.open(url.replace(/\/[^/]*$/, `/${name}`));
    return {
      store,
      cleanup: async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  });
}
