import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { storeContract } from '../store-contract.js';
import { SqliteStore } from './sqlite-store.js';

storeContract('SQLite (file in a temp dir)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhizhi-store-'));
  return { store: new SqliteStore(join(dir, 'zhizhi.db')), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});

describe('SQLite store file format', () => {
  it('refuses to write a file a newer version wrote, and still opens it read-only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhizhi-newer-'));
    const file = join(dir, 'zhizhi.db');
    try {
      const first = new SqliteStore(file);
      const version = first.db.pragma('user_version', { simple: true }) as number;
      first.db.pragma(`user_version = ${version + 1}`);
      await first.close();
      assert.throws(() => new SqliteStore(file), /更新版本/);
      const readonly = new SqliteStore(file, { readonly: true });
      assert.equal(await readonly.countDocuments(), 0);
      await readonly.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
