import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeContract } from '../store-contract.js';
import { SqliteStore } from './sqlite-store.js';

storeContract('SQLite (file in a temp dir)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhizhi-store-'));
  return { store: new SqliteStore(join(dir, 'zhizhi.db')), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});
