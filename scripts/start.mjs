// `npm start`: builds the web UI when its sources are newer than web/dist, then runs `zhizhi serve`.
// Environment: PORT (default 3000), HOST (default 127.0.0.1), ZHIZHI_DATA_DIR (default ./data).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
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

if (!existsSync(web)) {
  console.warn('提示：未找到 web/ 目录，跳过前端构建（只提供 HTTP API）');
} else {
  const sources = Math.max(newest(join(web, 'src')), newest(join(web, 'index.html')), newest(join(web, 'vite.config.ts')));
  if (!existsSync(built) || statSync(built).mtimeMs < sources) {
    console.log('正在构建网页界面（vite build）…');
    const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) {
      console.error('网页界面构建失败：见上方输出。');
      process.exit(r.status ?? 1);
    }
  }
}

// `serve` prints 「治知已启动：http://127.0.0.1:3000 」 once it listens.
const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal] ?? 0) : 1)));
