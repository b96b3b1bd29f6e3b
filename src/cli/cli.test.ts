import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { sqlitePath } from '../store/open-store.js';
import { searchDocuments } from '../search/search.js';
import type { DocumentWithAnalyses } from '../domain/index.js';
import { searchOptions } from './commands/search.js';
import { expectExit, ROOT, runCli, SEED, tempDir } from './test-support.js';

const work = tempDir('zhizhi-cli-files-');
const dataDir = tempDir();
const files = {
  gbk: join(work, '诸暨枫桥.txt'),
  md: join(work, '接诉即办.md'),
  html: join(work, '五社联动.html'),
};
/** A query per file that only that file answers, and the id it was stored under. */
const probes: { file: string; query: string; id?: string }[] = [
  { file: SEED, query: '人民信箱' },
  { file: files.gbk, query: '枫桥经验' },
  { file: files.md, query: '接诉即办' },
  { file: files.html, query: '五社联动' },
];

function openStore(dir = dataDir): SqliteStore {
  return new SqliteStore(sqlitePath(dir));
}

before(() => {
  const gbk = '浙江诸暨坚持和发展新时代枫桥经验\n\n诸暨市枫桥镇坚持“小事不出村、大事不出镇、矛盾不上交”，建立村级调解委员会和网格员队伍。' +
    '全镇划分为一百二十个网格，每个网格配备专职网格员，矛盾纠纷就地化解率达到百分之九十五以上。';
  writeFileSync(files.gbk, iconv.encode(gbk, 'gbk'));
  writeFileSync(files.md, '# 北京接诉即办改革\n\n北京市以**接诉即办**为牵引，12345市民服务热线受理群众诉求，做到“闻风而动、接诉即办”。\n\n' +
    '- 响应率、解决率、满意率三项指标纳入考核\n- 每月对诉求集中的街道乡镇开展专项治理\n');
  const para = '成都市武侯区推动社区、社会组织、社会工作者、社区志愿者、社会慈善资源五社联动，形成社区治理合力。';
  writeFileSync(files.html, `<!doctype html><html><head><meta charset="utf-8"><title>成都武侯五社联动实践</title></head><body>
    <nav>首页 | 新闻 | 联系我们</nav><article><h1>成都武侯五社联动实践</h1>
    <p>${para}</p><p>街道设立社会工作服务站，引入专业社工机构，为老年人、儿童和困境家庭提供个案服务与小组活动，社区基金累计筹集资金三百余万元。</p>
    <p>居民议事会每月召开，议题由居民提出，社会组织协助调研，志愿者参与执行，项目成效由居民评议，形成“提出—协商—执行—评议”的闭环。</p>
    </article><footer>版权所有</footer></body></html>`);
});

after(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

test('import takes the seed, a GBK .txt, a .md and an .html in one run and reports 4 imported', async () => {
  const r = expectExit(await runCli(['import', ...probes.map((p) => p.file), '--category', '实践案例'], { dataDir }));
  assert.match(r.stdout, /新增 4 篇，重复跳过 0 篇，失败 0 项/);
  const again = expectExit(await runCli(['import', files.gbk], { dataDir }));
  assert.match(again.stdout, /新增 0 篇，重复跳过 1 篇/);
  assert.match(again.stdout, /重复跳过：\n {2}= .+：与已有文档《.+》内容相同，已跳过（已有文档 [0-9a-f]{16}）/, 'names the document it repeats');
  const store = openStore();
  try {
    assert.notEqual(store.db.prepare("SELECT value FROM term_tops_meta WHERE key = 'stamp'").pluck().get(), undefined,
      'the import brought the search index\'s frequent-word lists up to date at its end');
  } finally {
    await store.close();
  }
});

test('each imported file is found by `search --json`, identical to searchDocuments for the same query', async () => {
  const store = openStore();
  try {
    const { items } = await store.listDocuments({ limit: 100 });
    assert.equal(items.length, 4);
    const gbkDoc = items.find((d) => d.text.includes('枫桥镇'));
    assert.ok(gbkDoc, 'the GBK file decodes to readable Chinese');
    for (const p of probes) {
      const r = expectExit(await runCli(['search', p.query, '--json'], { dataDir }));
      const viaCli = JSON.parse(r.stdout);
      const direct = await searchDocuments(store, searchOptions(p.query, {}));
      assert.deepEqual(viaCli, JSON.parse(JSON.stringify(direct)), `CLI and library differ for ${p.query}`);
      assert.ok(viaCli.hits.length >= 1, `no hit for ${p.query}`);
      p.id = viaCli.hits[0].id;
      const doc = items.find((d) => d.id === p.id)!;
      assert.ok(doc.text.includes(p.query) || doc.title.includes(p.query), `top hit for ${p.query} is ${doc.title}`);
    }
    assert.equal(new Set(probes.map((p) => p.id)).size, 4, 'each query finds its own file first');
  } finally {
    await store.close();
  }
});

const hasServer = existsSync(join(ROOT, 'src', 'server', 'app.ts'));
test('`search --json` prints exactly what GET /api/search returns for the same query', { skip: !hasServer && 'src/server/app.ts not written yet', timeout: 120_000 }, async () => {
  const { startServerProcess } = await import('../testing/server-process.js');
  const server = await startServerProcess({ ZHIZHI_DATA_DIR: dataDir, ZHIZHI_DEMO: '0', ZHIZHI_DATABASE_URL: '' });
  try {
    for (const [args, qs] of [[['人民信箱'], 'q=人民信箱'], [['社区', '--limit', '2', '--offset', '1'], 'q=社区&limit=2&offset=1'], [['治理', '--category', '实践案例', '--sort', 'date'], 'q=治理&category=实践案例&sort=date'],
      [['治理', '-接诉即办'], 'q=治理 -接诉即办']] as const) {
      const api = await (await fetch(`${server.url}/api/search?${encodeURI(qs)}`)).json();
      const cli = JSON.parse(expectExit(await runCli(['search', ...args, '--json'], { dataDir })).stdout);
      assert.deepEqual(cli, api, `CLI and API differ for ${qs}`);
    }
    // The exported result list too (its table; the Markdown preface carries the time of export).
    // (Read as bytes: fetch's text() drops the BOM that Excel needs and the CLI writes as well.)
    const api = Buffer.from(await (await fetch(`${server.url}/api/search/export?${encodeURI('q=人民信箱 OR 社区&limit=3')}`)).arrayBuffer()).toString('utf8');
    const cli = expectExit(await runCli(['search', '人民信箱', 'OR', '社区', '--limit', '3', '--export', 'csv'], { dataDir })).stdout;
    assert.equal(cli, api, 'search --export csv is the API\'s file');
    assert.ok(api.split('\r\n').length > 2, 'and lists what it found');
    assert.match(expectExit(await runCli(['search', '治理', '--export', 'xlsx'], { dataDir }), 1).stderr, /--export 只能是 csv 或 md/);
    assert.match(expectExit(await runCli(['search', '治理', '--export', 'csv', '--offset', '5'], { dataDir }), 1).stderr, /不能与 --json 或 --offset 同用/);
  } finally {
    await server.stop();
  }
});

test('search rejects a mistyped --option instead of searching for it', async () => {
  const r = await runCli(['search', '治理', '--limt', '5'], { dataDir });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /未知选项 --limt/);
});

test('human search output lists rank, title and score', async () => {
  const r = expectExit(await runCli(['search', '接诉即办'], { dataDir }));
  assert.match(r.stdout, /^1\. 北京接诉即办改革 {2}（\d+\.\d{3}）/m);
});

test('human search output prints the query notes on stderr (unknown region, negated filter with a typo)', async () => {
  const unknown = expectExit(await runCli(['search', '地区:火星'], { dataDir }));
  assert.match(unknown.stderr, /提示：.*未识别的地区：火星/);
  const typo = expectExit(await runCli(['search', '接诉即办', '-类别:政策问件'], { dataDir }));
  assert.match(typo.stderr, /知识库中没有类别为「政策问件」的文档，该排除条件未起作用/);
  assert.match(typo.stdout, /^1\. /m, 'the hits still print');
});

test('show prints the document view and --json the stored document', async () => {
  const id = probes[2].id!;
  const human = expectExit(await runCli(['show', id], { dataDir }));
  for (const label of ['类别：实践案例', '来源：', '创建：', '【摘要】', '【关键词】', '【主题】', '【地区】']) assert.ok(human.stdout.includes(label), label);
  const json = JSON.parse(expectExit(await runCli(['show', id, '--json'], { dataDir })).stdout) as DocumentWithAnalyses;
  const store = openStore();
  try {
    assert.deepEqual(json, JSON.parse(JSON.stringify(await store.getDocument(id))));
  } finally {
    await store.close();
  }
  const missing = await runCli(['show', 'nope'], { dataDir });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /文档不存在：nope/);
});

test('list --json gives total and items; --category filters', async () => {
  const all = JSON.parse(expectExit(await runCli(['list', '--json'], { dataDir })).stdout);
  assert.equal(all.total, 4);
  assert.deepEqual(new Set(all.items.map((d: { id: string }) => d.id)), new Set(probes.map((p) => p.id)));
  const none = JSON.parse(expectExit(await runCli(['list', '--json', '--category', '政策文件'], { dataDir })).stdout);
  assert.equal(none.total, 0);
  const page = JSON.parse(expectExit(await runCli(['list', '--json', '--limit', '1', '--offset', '1'], { dataDir })).stdout);
  assert.equal(page.items.length, 1);
  assert.equal(page.items[0].id, all.items[1].id);
});

test('analyze on the seed prints the full analysis JSON, every item with spans', async () => {
  const r = expectExit(await runCli(['analyze', SEED], { dataDir }));
  const a = JSON.parse(r.stdout);
  for (const k of ['oneLine', 'summary', 'highlights', 'keywords', 'themes', 'regions', 'mechanisms', 'organizations', 'figures', 'caseCard']) assert.ok(k in a, `missing ${k}`);
  assert.ok(Array.isArray(a.oneLine.spans));
  for (const list of ['summary', 'highlights', 'keywords', 'themes', 'regions', 'mechanisms', 'organizations', 'figures']) {
    for (const item of a[list]) assert.ok(Array.isArray(item.spans), `${list} item without spans`);
  }
  assert.ok(a.keywords.every((k: { term: unknown; weight: unknown }) => typeof k.term === 'string' && typeof k.weight === 'number'));
  assert.ok(a.themes.every((t: { name: unknown; score: unknown }) => typeof t.name === 'string' && typeof t.score === 'number'));
  assert.ok(a.regions.some((g: { name: string; code: string; path: unknown[] }) => g.code.startsWith('3101') && g.path.length >= 1), 'finds 宝山 in 上海');
  assert.ok(a.figures.some((f: { text: string; value: number }) => f.text.includes('93.6万') && f.value === 936000), 'keeps 93.6万 whole');
  assert.ok(a.mechanisms.length + a.organizations.length > 0);
  const piped = JSON.parse(expectExit(await runCli(['analyze', '-'], { dataDir, input: readFileSync(files.md, 'utf8') })).stdout);
  assert.ok(piped.keywords.length > 0, 'stdin works too');
  const gbk = iconv.encode('居民议事会讨论加装电梯的费用分摊，社区治理取得新进展。', 'gbk');
  const fromGbk = JSON.parse(expectExit(await runCli(['analyze', '-'], { dataDir, input: gbk })).stdout);
  assert.equal(fromGbk.oneLine.text, '居民议事会讨论加装电梯的费用分摊，社区治理取得新进展。', 'GBK on stdin is detected as a file is');
  const binary = await runCli(['analyze', '-'], { dataDir, input: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]) });
  assert.equal(binary.code, 1);
  assert.match(binary.stderr, /二进制文件/);
});

test('export then import into a fresh data dir reproduces every document field by field', async () => {
  const store = openStore();
  const ids = probes.map((p) => p.id!);
  try {
    // Things a plain import does not make: an extra analysis, a collection, a changed setting.
    await store.addAnalysis({ id: 'extra-1', documentId: ids[0], producer: 'imported:seed', version: '1', createdAt: '2024-10-29T07:05:37.450468Z', result: {}, text: '人工分析' });
    await store.createCollection({ id: 'col-1', name: '基层治理案例', description: '对比', items: [{ documentId: ids[1], note: '枫桥' }, { documentId: ids[0] }], createdAt: '2025-01-02T03:04:05.000006Z' });
    await store.putSetting('categories', ['实践案例', '政策文件', '自定义']);
  } finally {
    await store.close();
  }
  const out = join(work, 'library.jsonl');
  expectExit(await runCli(['export', '--out', out], { dataDir }));
  const header = JSON.parse(readFileSync(out, 'utf8').split('\n')[0]);
  assert.equal(header.zhizhi_export, 1);

  const fresh = tempDir();
  const r = expectExit(await runCli(['import', out], { dataDir: fresh }));
  assert.match(r.stdout, /恢复：新增 4 篇/);
  const a = openStore();
  const b = openStore(fresh);
  try {
    assert.equal(await b.countDocuments(), 4);
    for (const id of ids) {
      const [da, db] = [await a.getDocument(id), await b.getDocument(id)];
      assert.ok(db, `document ${id} restored`);
      for (const k of Object.keys(da!) as (keyof DocumentWithAnalyses)[]) assert.deepEqual(db![k], da![k], `field ${k} of ${id}`);
      assert.deepEqual(await b.getOriginal(id), await a.getOriginal(id), `original of ${id}`);
    }
    assert.equal((await b.getDocument(ids[0]))!.analyses.length, 2);
    const col = await b.getCollection('col-1');
    assert.deepEqual(col?.items, (await a.getCollection('col-1'))?.items);
    assert.deepEqual(await b.getSetting('categories'), ['实践案例', '政策文件', '自定义']);
    const hits = await searchDocuments(b, searchOptions("五社联动", {}));
    assert.equal(hits.hits[0]?.id, probes[3].id, 'restored documents are indexed');
  } finally {
    await a.close();
    await b.close();
  }
  const twice = expectExit(await runCli(['import', out], { dataDir: fresh }));
  assert.match(twice.stdout, /恢复：新增 0 篇，已存在跳过 4 篇/);
  rmSync(fresh, { recursive: true, force: true });
});

test('backup then restore into a fresh data dir gives a database that passes the integrity check', async () => {
  const file = join(work, 'backup.db');
  expectExit(await runCli(['backup', file], { dataDir }));
  const fresh = tempDir();
  const r = expectExit(await runCli(['restore', file], { dataDir: fresh }));
  assert.match(r.stdout, /已恢复/);
  const b = openStore(fresh);
  try {
    assert.equal(await b.integrityCheck(), 'ok');
    assert.equal(await b.countDocuments(), 4);
    assert.deepEqual((await b.getDocument(probes[0].id!))?.analyses.length, 2);
    // While this connection holds the database, restore refuses.
    const busy = await runCli(['restore', file], { dataDir: fresh });
    assert.equal(busy.code, 1);
    assert.match(busy.stderr, /请先停止服务器/);
  } finally {
    await b.close();
  }
  const notDb = join(work, 'not.db');
  writeFileSync(notDb, 'hello');
  const bad = await runCli(['restore', notDb], { dataDir: fresh });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /不是 SQLite 数据库文件/);
  assert.ok(!existsSync(join(fresh, 'zhizhi.db-wal')));
  rmSync(fresh, { recursive: true, force: true });
});

test('reindex rebuilds an index recorded in an older format, and says when there is nothing to do', async () => {
  const fresh = tempDir();
  expectExit(await runCli(['import', files.gbk, '--category', '实践案例'], { dataDir: fresh }));
  const current = expectExit(await runCli(['reindex'], { dataDir: fresh }));
  assert.match(current.stdout, /无需重建/);
  const s = openStore(fresh);
  await s.putSetting('indexFormat', 1);
  await s.close();
  assert.match((await runCli(['search', '枫桥'], { dataDir: fresh })).stderr, /运行 `zhizhi reindex`/, 'search says how to upgrade');
  const r = expectExit(await runCli(['reindex'], { dataDir: fresh }));
  assert.match(r.stdout, /已重建 1 篇文档的索引/);
  const after = openStore(fresh);
  try {
    assert.ok((await after.getSetting<number>('indexFormat'))! > 1);
  } finally {
    await after.close();
  }
  rmSync(fresh, { recursive: true, force: true });
});

test('import exits 2 and lists every failed item with its Chinese message', async () => {
  const empty = join(work, 'empty.txt');
  writeFileSync(empty, '   \n');
  const r = await runCli(['import', empty, join(work, 'missing.txt')], { dataDir });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stdout, /失败 2 项/);
  const failedLines = r.stdout.split('\n').filter((l) => l.startsWith('  ✗ '));
  assert.equal(failedLines.length, 2);
  for (const l of failedLines) assert.match(l, /[\u4e00-\u9fff]/);
});
