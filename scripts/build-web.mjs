// Builds the web UI (vite) when its sources are newer than web/dist. Used by `npm start` and `npm test`,
// so neither needs a separate build step. Run directly: `node scripts/build-web.mjs`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = join(root, 'web');
const built = join(web, 'dist', 'index.html');

/** Newest modification time under a path (file or folder). */
function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let m = 0;
  for (const name of readdirSync(p)) if (name !== 'node_modules') m = Math.max(m, newest(join(p, name)));
  return m;
}

/** 'built' or 'fresh' when web/dist is usable, 'absent' without web/, 'failed' when vite failed (its output says why). */
export function buildWebIfStale() {
  if (!existsSync(web)) {
    console.warn('提示：未找到 web/ 目录，跳过前端构建（只提供 HTTP API）');
    return 'absent';
  }
  const sources = Math.max(newest(join(web, 'src')), newest(join(web, 'index.html')), newest(join(web, 'vite.config.ts')), newest(join(root, 'src', 'domain')));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return 'fresh';
  console.log('正在构建网页界面（vite build）…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) console.error('网页界面构建失败：见上方输出。');
  return r.status === 0 ? 'built' : 'failed';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exit(buildWebIfStale() === 'failed' ? 1 : 0);
