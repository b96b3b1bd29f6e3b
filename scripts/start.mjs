// `npm start`: builds the web UI when its sources are newer than web/dist, then runs `zhizhi serve`.
// Environment: PORT (default 3000), HOST (default 127.0.0.1), ZHIZHI_DATA_DIR (default ./data).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildWebIfStale } from './build-web.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
if (buildWebIfStale() === 'failed') process.exit(1);

// `serve` prints 「治知已启动：http://127.0.0.1:3000 」 once it listens.
const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal] ?? 0) : 1)));
