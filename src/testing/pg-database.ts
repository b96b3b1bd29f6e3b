import pg from 'pg';

/**
 * A fresh database on the test PostgreSQL server (ZHIZHI_TEST_DATABASE_URL), dropped by `drop()`.
 * Returns null when no test server is configured, so suites can skip with a clear reason.
 */
export async function freshPgDatabase(prefix = 'zhizhi_t'): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const base = process.env.ZHIZHI_TEST_DATABASE_URL;
  if (!base) return null;
  const name = `${prefix}_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: base.replace(/\/[^/]*$/, `/${name}`),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export const PG_SKIP_REASON = 'ZHIZHI_TEST_DATABASE_URL 未设置（scripts/pg-test-server.sh start 可启动测试用 PostgreSQL；CI 会设置）';
