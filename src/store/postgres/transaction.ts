import type pg from 'pg';

/**
 * Runs `fn` on one pooled connection inside a transaction opened by `begin` (BEGIN, or BEGIN with
 * settings); commits, or rolls back and rethrows; the connection always goes back to the pool.
 */
export async function inTransaction<T>(pool: pg.Pool, begin: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query(begin);
    const r = await fn(c);
    await c.query('COMMIT');
    return r;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    c.release();
  }
}
