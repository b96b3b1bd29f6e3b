// Helpers for the CLI tests: run the real CLI as a child process against a temp data directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SEED = join(ROOT, '..', 'shared', 'seed', '000_d980024bf8c34fc9.txt');

export interface CliResult { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

export function tempDir(prefix = 'zhizhi-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Starts `zhizhi <args>`; stdin gets `input` when given. ZHIZHI_DEMO=0 keeps demo loading out of the way. */
export function spawnCli(args: string[], opts: { dataDir: string; input?: string | Buffer; env?: Record<string, string> }): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ZHIZHI_DATA_DIR: opts.dataDir, ZHIZHI_DEMO: '0', ZHIZHI_DATABASE_URL: '', ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (opts.input !== undefined) child.stdin!.end(opts.input);
  else child.stdin!.end();
  return child;
}

export function runCli(args: string[], opts: { dataDir: string; input?: string | Buffer; env?: Record<string, string> }): Promise<CliResult> {
  const child = spawnCli(args, opts);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Fails with the CLI's own output when it did not exit with `code`. */
export function expectExit(r: CliResult, code = 0): CliResult {
  if (r.code !== code) throw new Error(`zhizhi exited ${r.code} (${r.signal ?? ''}), expected ${code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}
