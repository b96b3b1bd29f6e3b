import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface RunningServer { url: string; dataDir?: string; logs: () => string; stop: () => Promise<void> }

/** Builds web/dist once when it is missing (vite build takes a few seconds). */
export function ensureWebBuilt(): void {
  if (existsSync(path.join(ROOT, 'web/dist/index.html'))) return;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build failed');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); });
  });
}

async function waitHealthy(url: string, child: ChildProcess | null, logs: () => string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child && child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) before it was healthy:\n${logs().slice(-3000)}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${logs().slice(-3000)}`);
}

/**
 * Starts the real server (`tsx src/cli/main.ts serve`) on a fresh temp data directory and a free port;
 * on an empty data dir `serve` loads the demo.
 */
export async function startServer(): Promise<RunningServer> {
  ensureWebBuilt();
  const main = path.join(ROOT, 'src/cli/main.ts');
  if (!existsSync(main)) throw new Error('src/cli/main.ts 不存在：浏览器测试需要真实服务器（zhizhi serve）');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zhizhi-e2e-'));
  const port = await freePort();
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', main, 'serve'], {
    cwd: ROOT, env: { ...process.env, ZHIZHI_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { out += d; });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise<void>((r) => { const t = setTimeout(() => { child.kill('SIGKILL'); r(); }, 5000); child.once('exit', () => { clearTimeout(t); r(); }); });
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitHealthy(url, child, () => out, 120_000);
  } catch (e) { await stop(); throw e; }
  return { url, dataDir, logs: () => out, stop };
}
