// Runs every *.test.ts under src/, e2e/ and web/ with Node's test runner (tsx for TypeScript).
// Usage: node scripts/test.mjs [path-substring …]  — only files whose path contains one of the arguments.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildWebIfStale } from './build-web.mjs';

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}
const roots = ['src', 'e2e', 'web'].filter((d) => { try { return statSync(d).isDirectory(); } catch { return false; } });
let files = roots.flatMap((r) => walk(r, [])).sort();
const filters = process.argv.slice(2);
if (filters.length) files = files.filter((f) => filters.some((s) => f.includes(s)));
if (!files.length) { console.error('no test files found'); process.exit(1); }
// The browser suites serve web/dist: build it once here rather than racing to build it in each suite.
if (files.some((f) => f.startsWith('e2e')) && buildWebIfStale() === 'failed') process.exit(1);
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
