// The optional rum index (PostgreSQL extension `rum`; Debian: postgresql-15-rum). Like GIN it maps lexemes
// to documents, and it also keeps each lexeme's positions, so the best matches of one common word come out
// of the index in rank order (`tsv <=> query`) instead of ts_rank reading the tsvector of every match:
// 改革 at 100k documents has 26,000 matches. Everything works without it; it is used once it is valid.
import type pg from 'pg';

export const RUM_INDEX = 'doc_index_tsv_rum';

/** Libraries up to this many documents build the index while the store opens (default 5,000); larger ones in the background. */
export const RUM_SYNC_BUILD_MAX = 5_000;

/** Lock id that keeps two app nodes from building the index at once. */
const BUILD_LOCK = 727171;

type Q = Pick<pg.Pool, 'query'>;

export type RumState = 'ready' | 'building' | 'unavailable' | 'off';

async function indexState(q: Q): Promise<'valid' | 'invalid' | 'missing'> {
  const { rows } = await q.query(`SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE c.relname = $1 AND pg_table_is_visible(c.oid)`, [RUM_INDEX]);
  return !rows.length ? 'missing' : rows[0].valid ? 'valid' : 'invalid';
}

/** Whether searches may order by the rum index now. */
export async function rumIndexValid(q: Q): Promise<boolean> {
  return (await indexState(q)) === 'valid';
}

/**
 * Creates the extension and the index when they are missing. ZHIZHI_PG_RUM=off leaves both alone. An
 * index left invalid by an interrupted build is dropped and built again by the node that holds the lock.
 */
export async function ensureRumIndex(pool: pg.Pool, log: (message: string) => void): Promise<RumState> {
  if (process.env.ZHIZHI_PG_RUM === 'off') return 'off';
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS rum');
  } catch (e) {
    log(`PostgreSQL 没有可用的 rum 扩展，常用词检索会较慢（安装 postgresql-15-rum 并由管理员执行 CREATE EXTENSION rum 后重启即可）: ${(e as Error).message}`);
    return 'unavailable';
  }
  if ((await indexState(pool)) === 'valid') return 'ready';
  const estimate = Number((await pool.query(`SELECT greatest(reltuples, 0) AS n FROM pg_class WHERE relname = 'doc_index' AND pg_table_is_visible(oid)`)).rows[0]?.n ?? 0);
  const small = estimate <= RUM_SYNC_BUILD_MAX;
  const build = async () => {
    const c = await pool.connect();
    try {
      if (!(await c.query('SELECT pg_try_advisory_lock($1) AS ok', [BUILD_LOCK])).rows[0].ok) return;
      try {
        // CONCURRENTLY lets a large library take writes while the index is built (minutes at 100k documents).
        const how = small ? '' : 'CONCURRENTLY';
        if ((await indexState(c)) === 'invalid') await c.query(`DROP INDEX ${how} IF EXISTS ${RUM_INDEX}`);
        if ((await indexState(c)) === 'missing') {
          const t = Date.now();
          await c.query(`CREATE INDEX ${how} IF NOT EXISTS ${RUM_INDEX} ON doc_index USING rum (tsv rum_tsvector_ops)`);
          if (!small) log(`rum 索引已建成，用时 ${Math.round((Date.now() - t) / 1000)} 秒 (rum index built)`);
        }
      } finally {
        await c.query('SELECT pg_advisory_unlock($1)', [BUILD_LOCK]);
      }
    } finally {
      c.release();
    }
  };
  if (small) {
    await build();
    return (await indexState(pool)) === 'valid' ? 'ready' : 'building';
  }
  log(`正在后台为 ${Math.round(estimate).toLocaleString()} 篇文档建立 rum 索引，建成前常用词检索较慢 (building the rum index in the background)`);
  build().catch((e) => log(`rum 索引建立失败，下次启动时重试 (rum index build failed): ${(e as Error).message}`));
  return 'building';
}
