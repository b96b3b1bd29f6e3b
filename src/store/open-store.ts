import { join, resolve } from 'node:path';
import type { Store } from './store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';

export interface StoreConfig {
  /** Data directory for the embedded store (default ZHIZHI_DATA_DIR or ./data). */
  dataDir?: string;
  /** postgres://… selects the PostgreSQL store (default ZHIZHI_DATABASE_URL). */
  databaseUrl?: string;
}

export function dataDirFromEnv(): string {
  return resolve(process.env.ZHIZHI_DATA_DIR || './data');
}

export function sqlitePath(dataDir: string): string {
  return join(dataDir, 'zhizhi.db');
}

/** Opens the store the configuration names: PostgreSQL when a database URL is set, else SQLite. */
export async function openStore(cfg: StoreConfig = {}): Promise<Store> {
  const url = cfg.databaseUrl ?? process.env.ZHIZHI_DATABASE_URL;
  if (url) {
    // Loaded lazily so that the embedded mode never needs the pg driver at start-up.
    const modulePath = './postgres/postgres-store.js';
    const mod = (await import(modulePath)) as { PostgresStore: { open(url: string): Promise<Store> } };
    return mod.PostgresStore.open(url);
  }
  return new SqliteStore(sqlitePath(cfg.dataDir ?? dataDirFromEnv()));
}
