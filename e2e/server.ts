import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT, startServerProcess } from '../src/testing/server-process.js';

export interface RunningServer { url: string; dataDir: string; logs: () => string; stop: () => Promise<void> }

/** Builds web/dist when it is missing (scripts/test.mjs normally builds it before the suites start). */
export function ensureWebBuilt(): void {
  if (existsSync(path.join(PROJECT_ROOT, 'web/dist/index.html'))) return;
  const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/build-web.mjs')], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build failed');
}

/**
 * Starts the real server (`zhizhi serve`) on a fresh temp data directory and a free port; on an empty
 * data dir `serve` loads the demo. `env` adds settings (team mode, ZHIZHI_DEMO=0 …).
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  ensureWebBuilt();
  const dataDir = env.ZHIZHI_DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'zhizhi-e2e-'));
  const s = await startServerProcess({ ZHIZHI_DATA_DIR: dataDir, ...env }, 180_000);
  return {
    url: s.url, dataDir, logs: s.output,
    stop: async () => { await s.stop(); rmSync(dataDir, { recursive: true, force: true }); },
  };
}
