/**
 * npm run bench:server [-- --seconds 10 --connections 16]
 * Drives the HTTP API with concurrent clients (autocannon, 127.0.0.1 only, bounded in time) mixing
 * searches (90 %) and document imports (10 %), against one and then two app nodes sharing one
 * PostgreSQL database. Needs ZHIZHI_TEST_DATABASE_URL (scripts/pg-test-server.sh start).
 */
import autocannon from 'autocannon';
import { AuthService } from '../src/auth/auth-service.js';
import { PostgresStore } from '../src/store/postgres/postgres-store.js';
import { freshPgDatabase } from '../src/testing/pg-database.js';
import { startServerProcess } from '../src/testing/server-process.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const seconds = arg('seconds', 10);
const connections = arg('connections', 16);
const QUERIES = ['社区治理', '网格化管理', '接诉即办', '老旧小区改造 加装电梯', '"议事协商"', '枫桥经验 矛盾纠纷', '数字治理 一网统管', '养老服务', '地区:浙江 基层治理', '类别:政策文件 社区'];
let seq = 0;

function run(url: string, token: string): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const inst = autocannon({
      url, connections, duration: seconds,
      headers: { authorization: `Bearer ${token}` },
      requests: [{
        setupRequest: (req) => {
          const n = seq++;
          if (n % 10 === 9) {
            return { ...req, method: 'POST', path: '/api/documents', headers: { ...req.headers, 'content-type': 'application/json' }, body: JSON.stringify({ title: `压测文档 ${n}`, category: '其他', text: `压测写入第${n}篇：某街道推进网格化管理和议事协商，居民诉求${n % 50}件在24小时内办结。编号${n}-${process.pid}` }) };
          }
          return { ...req, method: 'GET', path: `/api/search?q=${encodeURIComponent(QUERIES[n % QUERIES.length])}&limit=10` };
        },
      }],
    }, (err, res) => (err ? reject(err) : resolve(res)));
    autocannon.track(inst, { renderProgressBar: false, renderResultsTable: false });
  });
}

function line(label: string, results: autocannon.Result[]) {
  const rps = results.reduce((s, r) => s + r.requests.average, 0);
  const errors = results.reduce((s, r) => s + r.errors + r.non2xx, 0);
  const timeouts = results.reduce((s, r) => s + r.timeouts, 0);
  const codes: Record<string, number> = {};
  for (const r of results) for (const [c, v] of Object.entries(r.statusCodeStats ?? {})) codes[c] = (codes[c] ?? 0) + (v as { count: number }).count;
  const total = results.reduce((s, r) => s + r.requests.total, 0);
  // Per node, separated by '/': autocannon's histograms cannot be merged after the fact.
  const lat = (k: 'p50' | 'p90' | 'p99' | 'max') => results.map((r) => r.latency[k]).join('/');
  console.log(`${label.padEnd(10)} requests/s=${rps.toFixed(0)} total=${total} latency p50=${lat('p50')}ms p90=${lat('p90')}ms p99=${lat('p99')}ms max=${lat('max')}ms errors=${errors} (timeouts ${timeouts}; status ${JSON.stringify(codes)})`);
}

async function main() {
  const db = await freshPgDatabase('zhizhi_bench');
  if (!db) { console.error('需要 ZHIZHI_TEST_DATABASE_URL（scripts/pg-test-server.sh start）'); process.exit(2); }
  const store = await PostgresStore.open(db.url);
  const auth = new AuthService(store);
  const admin = await auth.createUser({ username: 'bench', password: 'bench-pass-1', role: 'admin' });
  const token = (await auth.createToken(admin, 'bench', 'read-write')).token;
  await store.close();
  const env = { ZHIZHI_DATABASE_URL: db.url, ZHIZHI_DEMO: '1' };
  const a = await startServerProcess(env, 180_000);
  const b = await startServerProcess({ ...env, ZHIZHI_DEMO: '0' }, 180_000);
  try {
    console.log(`machine: ${(await import('node:os')).cpus().length} cores; ${connections} connections per target; ${seconds} s per run; 90% search / 10% create`);
    line('one node', [await run(a.url, token)]);
    line('two nodes', await Promise.all([run(a.url, token), run(b.url, token)]));
  } finally {
    await a.stop();
    await b.stop();
    await db.drop();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
