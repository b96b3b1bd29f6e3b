import type { Command } from 'commander';
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, openSync, readSync, closeSync, renameSync, rmSync, statSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { openStore, sqlitePath } from '../../store/open-store.js';
import { CliError, dataDirOf } from '../context.js';

const SQLITE_MAGIC = 'SQLite format 3\0';

export function registerBackup(program: Command): void {
  program.command('backup <file>')
    .description('在线备份：服务器运行时也可执行，得到一致的数据库副本')
    .action(async (file: string, _o: unknown, cmd: Command) => {
      const target = resolve(file);
      const store = await openStore({ dataDir: dataDirOf(cmd) });
      try {
        await store.backup(target);
      } finally {
        await store.close();
      }
      if (store.kind === 'sqlite') {
        const check = quickCheck(target);
        if (check !== 'ok') throw new CliError(`备份文件校验失败：${check}`);
      }
      process.stdout.write(`已备份到 ${target}（${(statSync(target).size / 1048576).toFixed(1)} MB，校验通过）\n`);
    });
}

export function registerRestore(program: Command): void {
  program.command('restore <file>')
    .description('从 `zhizhi backup` 的备份文件恢复（替换当前数据库）。请先停止 zhizhi serve')
    .option('--force', '即使数据库似乎仍被其他进程打开也继续（可能丢失那个进程随后写入的数据）')
    .action(async (file: string, o: { force?: boolean }, cmd: Command) => {
      const source = resolve(file);
      const dataDir = dataDirOf(cmd);
      const dbPath = sqlitePath(dataDir);
      if (process.env.ZHIZHI_DATABASE_URL) throw new CliError('restore 只用于内置 SQLite 数据库；PostgreSQL 请用 pg_restore，或用 export / import 迁移');
      if (!existsSync(source)) throw new CliError(`备份文件不存在：${source}`);
      if (!hasSqliteMagic(source)) throw new CliError(`不是 SQLite 数据库文件：${source}`);
      if (!o.force && inUse(dbPath)) throw new CliError('数据库正被其他进程使用（例如正在运行的 zhizhi serve）：请先停止服务器再恢复，或加 --force');
      mkdirSync(dataDir, { recursive: true });
      // Checked on a private copy in the data dir (same file system), then swapped in with one rename.
      const tmp = `${dbPath}.restore-${process.pid}.tmp`;
      copyFileSync(source, tmp);
      try {
        const problem = await verifyZhizhiDb(tmp);
        if (problem) throw new CliError(`备份文件不可用：${problem}`);
        removeSidecars(tmp);
        let kept = '';
        if (existsSync(dbPath)) {
          kept = `${dbPath}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
          renameSync(dbPath, kept);
        }
        // A -wal left beside the old file would be replayed into the restored one: remove both sidecars.
        removeSidecars(dbPath);
        renameSync(tmp, dbPath);
        process.stdout.write(`已恢复：${dbPath}\n${kept ? `原数据库已保留为 ${kept}\n` : ''}`);
      } finally {
        rmSync(tmp, { force: true });
        removeSidecars(tmp);
      }
    });
}

function hasSqliteMagic(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    return readSync(fd, buf, 0, 16, 0) === 16 && buf.toString('latin1') === SQLITE_MAGIC;
  } finally {
    closeSync(fd);
  }
}

function removeSidecars(db: string): void {
  for (const s of ['-wal', '-shm', '-journal']) rmSync(db + s, { force: true });
}

function quickCheck(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/** Null when the file is a zhizhi database that passes the integrity check (schema migrated to this version). */
async function verifyZhizhiDb(file: string): Promise<string | null> {
  try {
    const probe = new Database(file, { readonly: true, fileMustExist: true });
    const tables = new Set((probe.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    probe.close();
    for (const t of ['documents', 'analyses', 'doc_index', 'settings']) if (!tables.has(t)) return `缺少数据表 ${t}，不是治知数据库`;
    const store = new SqliteStore(file);
    try {
      const check = await store.integrityCheck();
      if (check !== 'ok') return `完整性检查未通过：${check}`;
      store.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      await store.close();
    }
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * Whether another process has the database open. SQLite removes the -wal and -shm files when the last
 * connection closes; so when they remain after our own open-and-close, someone else holds the file
 * (or crashed — a crashed writer's -wal is then left for the next open to recover, which ours did).
 */
export function inUse(dbPath: string): boolean {
  if (!existsSync(dbPath)) return false;
  if (!existsSync(`${dbPath}-wal`) && !existsSync(`${dbPath}-shm`)) return false;
  const db = new Database(dbPath, { fileMustExist: true });
  db.pragma('journal_mode');
  db.close();
  return existsSync(`${dbPath}-wal`) || existsSync(`${dbPath}-shm`);
}
