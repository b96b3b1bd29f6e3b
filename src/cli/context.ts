import type { Command } from 'commander';
import { resolve } from 'node:path';
import { dataDirFromEnv, openStore } from '../store/open-store.js';
import type { Library } from '../library/library.js';

/** Options every command accepts (declared on the program, read with optsWithGlobals). */
export interface GlobalOptions { dataDir?: string }

/** The data directory: --data-dir, else ZHIZHI_DATA_DIR, else ./data. */
export function dataDirOf(cmd: Command): string {
  const { dataDir } = cmd.optsWithGlobals<GlobalOptions>();
  return dataDir ? resolve(dataDir) : dataDirFromEnv();
}

/** Opens the library of the command's data directory (or ZHIZHI_DATABASE_URL), runs fn, closes it. */
export async function withLibrary<T>(cmd: Command, fn: (lib: Library) => Promise<T>): Promise<T> {
  const store = await openStore({ dataDir: dataDirOf(cmd) });
  try {
    // Loaded on demand: the library pulls in the text engine (jieba, gazetteer), which `--help` never needs.
    const { Library } = await import('../library/library.js');
    const lib = await Library.open(store);
    return await fn(lib);
  } finally {
    await store.close();
  }
}

/** A user-facing failure: main prints the Chinese message and exits with the code (default 1). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

export function intOption(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new CliError(`选项 ${name} 需要非负整数，收到「${v}」`);
    return n;
  };
}

export function printJson(v: unknown): void {
  process.stdout.write(JSON.stringify(v, null, 2) + '\n');
}
