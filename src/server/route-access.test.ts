// Team mode, route by route: every API route against every kind of caller (anonymous, 读者, 编辑, 管理员,
// read-only and read-write API tokens), and a user outside a group learning nothing about the group's
// documents through any route — on SQLite, and on PostgreSQL when a test server is configured.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { AuthService } from '../auth/auth-service.js';
import type { Role } from '../domain/index.js';
import { Library } from '../library/library.js';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { freshPgDatabase } from '../testing/pg-database.js';
import { buildIndexEntry } from '../search/tokens.js';
import { buildApp } from './app.js';
import { multipart, waitForJob } from './testing.js';

interface Team { app: FastifyInstance; lib: Library; auth: AuthService; close(): Promise<void> }

async function teamApp(store: Store, cleanup: () => Promise<void>, startWorker = false): Promise<Team> {
  const lib = await Library.open(store);
  const app = await buildApp({ library: lib, teamMode: true, secureCookies: false, startWorker, webDist: join(tmpdir(), 'zhizhi-no-web') });
  return { app, lib, auth: new AuthService(store), async close() { await app.close(); await store.close(); await cleanup(); } };
}

const openSqlite = async (worker = false): Promise<Team> => {
  const dir = mkdtempSync(join(tmpdir(), 'zhizhi-access-'));
  return teamApp(new SqliteStore(join(dir, 'z.db')), async () => rmSync(dir, { recursive: true, force: true }), worker);
};

const openPostgres = async (): Promise<Team> => {
  const db = await freshPgDatabase('zhizhi_access');
  if (!db) throw new Error('unreachable: only called when ZHIZHI_TEST_DATABASE_URL is set');
  return teamApp(await PostgresStore.open(db.url), db.drop, true);
};

/** A way of calling the API: headers to send, and what the caller may do. */
interface Caller { name: string; headers: Record<string, string>; role: Role | null; readOnly: boolean }

async function sessionCaller(app: FastifyInstance, name: string, username: string, password: string, role: Role): Promise<Caller> {
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  assert.equal(r.statusCode, 200, r.body);
  return { name, role, readOnly: false, headers: { cookie: String(r.headers['set-cookie']).split(';')[0], 'x-csrf-token': r.json().csrfToken } };
}

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

type Access = 'public' | Role;
/** [method, url, body, lowest role allowed]. Ids: D = a document, C = a collection. */
type RouteCase = [string, string, unknown, Access];

function routeTable(D: string, C: string): RouteCase[] {
  return [
    ['GET', '/api/health', undefined, 'public'],
    ['GET', '/api/auth/me', undefined, 'public'],
    ['POST', '/api/auth/login', { username: 'nobody', password: 'wrong-password-1' }, 'public'],
    ['GET', '/api/auth/tokens', undefined, 'viewer'],
    ['POST', '/api/auth/tokens', { name: '脚本', scope: 'read' }, 'viewer'],
    ['DELETE', '/api/auth/tokens/no-such-token', undefined, 'viewer'],
    ['GET', '/api/users', undefined, 'admin'],
    ['POST', '/api/users', { username: `u${Math.random().toString(36).slice(2, 8)}`, password: 'long-password-1', role: 'viewer' }, 'admin'],
    ['PATCH', '/api/users/no-such-user', { role: 'viewer' }, 'admin'],
    ['GET', '/api/audit', undefined, 'admin'],
    ['GET', '/api/documents', undefined, 'viewer'],
    ['POST', '/api/documents', { text: `社区议事会第${Math.random()}次会议讨论了加装电梯的费用分摊。` }, 'editor'],
    ['GET', `/api/documents/${D}`, undefined, 'viewer'],
    ['PATCH', `/api/documents/${D}`, { tags: ['复核'] }, 'editor'],
    ['POST', `/api/documents/${D}/analyze`, {}, 'editor'],
    ['GET', `/api/documents/${D}/similar`, undefined, 'viewer'],
    ['GET', `/api/documents/${D}/matches?q=%E7%A4%BE%E5%8C%BA`, undefined, 'viewer'],
    ['GET', `/api/documents/${D}/cluster`, undefined, 'viewer'],
    ['GET', `/api/documents/${D}/original`, undefined, 'viewer'],
    ['POST', '/api/documents/bulk', { ids: [D], action: 'setCategory', category: '实践案例' }, 'editor'],
    ['POST', '/api/import', { files: [] }, 'editor'],
    ['POST', '/api/import/url', { url: 'http://127.0.0.1:9/none' }, 'editor'],
    ['GET', '/api/jobs/no-such-job', undefined, 'viewer'],
    ['GET', '/api/search?q=%E7%A4%BE%E5%8C%BA', undefined, 'viewer'],
    ['GET', '/api/search/export?q=%E7%A4%BE%E5%8C%BA&format=md', undefined, 'viewer'],
    ['GET', '/api/suggest?q=%E7%A4%BE', undefined, 'viewer'],
    ['GET', '/api/collections', undefined, 'viewer'],
    ['POST', '/api/collections', { name: '专题' }, 'editor'],
    ['GET', `/api/collections/${C}`, undefined, 'viewer'],
    ['PATCH', `/api/collections/${C}`, { description: '说明' }, 'editor'],
    ['POST', `/api/collections/${C}/items`, { documentId: D }, 'editor'],
    ['GET', `/api/compare?ids=${D},${D}`, undefined, 'viewer'],
    ['GET', `/api/compare/export?ids=${D},${D}&format=md`, undefined, 'viewer'],
    ['GET', '/api/stats', undefined, 'viewer'],
    ['GET', '/api/settings', undefined, 'viewer'],
    ['PUT', '/api/settings/categories', { categories: ['实践案例', '政策文件', '新闻报道', '研究文献', '调研报告', '数据资料', '其他'] }, 'admin'],
    ['GET', '/api/lexicon', undefined, 'viewer'],
    ['POST', '/api/lexicon', { term: '楼道议事', kind: 'mechanism' }, 'editor'],
    ['GET', '/api/backup', undefined, 'admin'],
    // Deleting and signing out come last, so the rows above still have something to act on.
    ['DELETE', `/api/collections/${C}`, undefined, 'editor'],
    ['DELETE', `/api/documents/${D}`, undefined, 'editor'],
    ['POST', '/api/auth/logout', {}, 'public'],
  ];
}

function expectedOutcome(access: Access, method: string, c: Caller): 'allowed' | '401' | '403' {
  if (access === 'public') return 'allowed';
  if (!c.role) return '401';
  if (method !== 'GET' && c.readOnly) return '403';
  return RANK[c.role] >= RANK[access] ? 'allowed' : '403';
}

function outcome(status: number, body: { code?: string; message?: string }): 'allowed' | '401' | '403' | 'error' {
  if (status >= 500) return 'error';
  if (status === 401 && body.code === 'UNAUTHORIZED' && /请先登录/.test(body.message ?? '')) return '401';
  if (status === 403 && body.code === 'FORBIDDEN') return '403';
  return 'allowed';
}

describe('team mode: every route for every kind of caller', () => {
  let t: Team;
  let callers: Caller[];
  let D = '';
  let C = '';
  before(async () => {
    t = await openSqlite();
    const users = {
      admin: await t.auth.createUser({ username: 'admin', password: 'admin-pass-1', role: 'admin' }),
      editor: await t.auth.createUser({ username: 'editor', password: 'editor-pass-1', role: 'editor' }),
      viewer: await t.auth.createUser({ username: 'viewer', password: 'viewer-pass-1', role: 'viewer' }),
    };
    const readToken = (await t.auth.createToken(users.editor, '只读脚本', 'read')).token;
    const rwToken = (await t.auth.createToken(users.editor, '读写脚本', 'read-write')).token;
    const viewerRw = (await t.auth.createToken(users.viewer, '读者令牌', 'read-write')).token;
    callers = [
      { name: '匿名', headers: {}, role: null, readOnly: false },
      await sessionCaller(t.app, '读者', 'viewer', 'viewer-pass-1', 'viewer'),
      await sessionCaller(t.app, '编辑', 'editor', 'editor-pass-1', 'editor'),
      await sessionCaller(t.app, '管理员', 'admin', 'admin-pass-1', 'admin'),
      { name: '编辑的只读令牌', headers: { authorization: `Bearer ${readToken}` }, role: 'editor', readOnly: true },
      { name: '编辑的读写令牌', headers: { authorization: `Bearer ${rwToken}` }, role: 'editor', readOnly: false },
      { name: '读者的读写令牌', headers: { authorization: `Bearer ${viewerRw}` }, role: 'viewer', readOnly: false },
    ];
    const r = await t.lib.addDocument({ title: '宝山区社区治理', text: '上海市宝山区推行社区议事会，居民就加装电梯协商议事，形成共建共治共享格局。', category: '实践案例' });
    assert.equal(r.status, 'imported');
    D = r.status === 'imported' ? r.document.id : '';
    C = (await t.lib.store.createCollection({ id: 'c-access', name: '基层治理', createdAt: '2024-01-01T00:00:00.000000Z', items: [{ documentId: D }] })).id;
  });
  after(async () => t?.close());

  it('lists every API route of the OpenAPI document in the table, and nothing that does not exist', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json', headers: callers[3].headers })).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`)).sort();
    const pattern = (url: string) => url.split('?')[0].replace(D, ':id').replace(C, ':id').replace(/no-such-[a-z]+/, ':id');
    const covered = [...new Set(routeTable(D, C).map(([m, url]) => `${m} ${pattern(url)}`))].sort();
    assert.deepEqual(covered, documented);
  });

  it('refuses a cookie-session write without the CSRF header, and keeps the API docs behind sign-in', async () => {
    const viewerSession = callers[2];
    const r = await t.app.inject({ method: 'POST', url: '/api/collections', headers: { cookie: viewerSession.headers.cookie }, payload: { name: '无令牌' } });
    assert.equal(r.statusCode, 403);
    assert.match(r.json().message, /CSRF/);
    assert.equal((await t.app.inject('/api/docs/json')).statusCode, 401);
  });

  it('gives each caller exactly its rights on each route (401 anonymous, 403 below the role or with a read-only token, never a 500)', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const [method, url, body, access] of routeTable(D, C)) {
      for (const c of callers) {
        const req: InjectOptions = { method: method as InjectOptions['method'], url, headers: c.headers };
        if (body !== undefined) req.payload = body as InjectOptions['payload'];
        const r = await t.app.inject(req);
        let json: { code?: string; message?: string } = {};
        try { json = r.json(); } catch { /* a file download */ }
        const got = outcome(r.statusCode, json);
        const want = expectedOutcome(access, method, c);
        checked++;
        if (got !== want) wrong.push(`${method} ${url} as ${c.name}: expected ${want}, got ${r.statusCode} ${r.body.slice(0, 160)}`);
      }
    }
    assert.deepEqual(wrong, []);
    assert.ok(checked >= 250, `${checked} route × caller cases`);
  });

});

const GROUP_TERM = '甾甿协商会';

function groupSuite(storeName: string, open: () => Promise<Team>): void {
  describe(`team mode on ${storeName}: a user outside a group learns nothing about the group's documents`, () => {
    let t: Team;
    let outsider: Caller;
    let outsiderEditor: Caller;
    let member: Caller;
    let memberEditor: Caller;
    let secret = '';
    let pub = '';
    let collection = '';
    before(async () => {
      t = await open();
      await t.auth.createUser({ username: 'admin', password: 'admin-pass-1', role: 'admin' });
      await t.auth.createUser({ username: 'out', password: 'outsider-pass-1', role: 'viewer' });
      await t.auth.createUser({ username: 'out-ed', password: 'outsider-pass-2', role: 'editor' });
      await t.auth.createUser({ username: 'in', password: 'member-pass-1', role: 'viewer', groups: ['g1'] });
      outsider = await sessionCaller(t.app, '组外读者', 'out', 'outsider-pass-1', 'viewer');
      outsiderEditor = await sessionCaller(t.app, '组外编辑', 'out-ed', 'outsider-pass-2', 'editor');
      member = await sessionCaller(t.app, '组内读者', 'in', 'member-pass-1', 'viewer');
      await t.auth.createUser({ username: 'in-ed', password: 'member-pass-2', role: 'editor', groups: ['g1'] });
      memberEditor = await sessionCaller(t.app, '组内编辑', 'in-ed', 'member-pass-2', 'editor');
      const text = `浙江省诸暨市枫桥镇设立${GROUP_TERM}，村民代表每月议事，矛盾纠纷就地化解，调解成功率明显提升。`;
      const s = await t.lib.addDocument({ title: `${GROUP_TERM}内部调研`, text, category: '调研报告', groupId: 'g1', tags: [`${GROUP_TERM}专案`] });
      const p = await t.lib.addDocument({ title: '枫桥镇矛盾纠纷化解', text: '浙江省诸暨市枫桥镇坚持村民议事，矛盾纠纷就地化解，调解组织覆盖每个村。', category: '实践案例' });
      assert.ok(s.status === 'imported' && p.status === 'imported');
      secret = s.status === 'imported' ? s.document.id : '';
      pub = p.status === 'imported' ? p.document.id : '';
      collection = (await t.lib.store.createCollection({ id: 'c-group', name: '枫桥', createdAt: '2024-01-01T00:00:00.000000Z', items: [{ documentId: pub }, { documentId: secret, note: '内部' }] })).id;
    });
    after(async () => t?.close());

    const get = async (c: Caller, url: string) => t.app.inject({ url, headers: c.headers });

    it('shows nothing of it through any read route: lists, counts, search, facets, suggestions, similar, cluster, compare, collections, stats, settings', async () => {
      const q = encodeURIComponent(GROUP_TERM);
      const reads = [
        '/api/documents', '/api/documents?category=调研报告', `/api/search?q=${q}`, '/api/search?q=%E6%9E%AB%E6%A1%A5', `/api/search?q=${encodeURIComponent('类别:调研报告')}`,
        `/api/search/export?q=${q}`, `/api/search/export?q=${q}&format=md`, '/api/search/export?sort=date&limit=1000',
        `/api/suggest?q=${encodeURIComponent('甾甿')}`, `/api/suggest?q=${encodeURIComponent('枫桥')}`, `/api/suggest?q=${encodeURIComponent('标签:')}`,
        `/api/suggest?q=${encodeURIComponent('社区 标签:甾')}`, `/api/documents/${pub}/similar`, `/api/documents/${pub}/cluster`,
        '/api/collections', `/api/collections/${collection}`, '/api/stats', '/api/settings',
      ];
      for (const url of reads) {
        const r = await get(outsider, url);
        assert.equal(r.statusCode, 200, `${url}: ${r.body.slice(0, 200)}`);
        // An export's preface repeats the query the caller typed: the rest must not hold the term.
        const body = r.body.replace(/^检索式：.*$/m, '');
        assert.ok(!body.includes(secret) && !body.includes(GROUP_TERM), `${url} leaks the group document: ${r.body.slice(0, 300)}`);
      }
      for (const url of [`/api/documents/${secret}`, `/api/documents/${secret}/similar`, `/api/documents/${secret}/matches?q=a`, `/api/documents/${secret}/cluster`, `/api/documents/${secret}/original`,
        `/api/compare?ids=${pub},${secret}`, `/api/compare/export?ids=${pub},${secret}&format=md`]) {
        const hidden = await get(outsider, url);
        const missing = await get(outsider, url.replace(secret, 'no-such-document'));
        assert.equal(hidden.statusCode, 404, url);
        assert.equal(hidden.json().message.replace(secret, 'no-such-document'), missing.json().message, `${url}: a hidden document answers exactly like a missing one`);
      }
      // A member's export holds the group's document, and says it is not for everyone.
      const mine = (await get(member, `/api/search/export?q=${encodeURIComponent('枫桥镇')}`)).body.trim().split('\r\n');
      assert.ok(mine[0].endsWith(',可见范围'), mine[0]);
      assert.ok(mine.some((l) => l.includes(secret) && l.endsWith(',仅「g1」分组可见')), mine.join('\n'));
      assert.ok(mine.some((l) => l.includes(pub) && l.endsWith(',全库可见')));
      assert.ok(!(await get(outsider, `/api/search/export?q=${encodeURIComponent('枫桥镇')}`)).body.includes('可见范围'), 'no such column where nothing is a group\'s');
    });

    it('offers an outsider no suggestion from a document another node moved into the group (this node\'s vocabulary is stale)', async () => {
      const r = await t.lib.addDocument({ text: '璟珑街道的楼道议事记录，讨论加装电梯。', tags: ['璟珑迁移标签'] });
      assert.ok(r.status === 'imported');
      const tags = async () => (await get(outsider, `/api/suggest?q=${encodeURIComponent('标签:璟珑')}`)).json().items.map((x: { text: string }) => x.text);
      assert.deepEqual(await tags(), ['璟珑迁移标签'], 'public at first');
      // Written to the store directly, as another app node would: this node's suggestion cache is not told.
      const moved = { ...r.document, groupId: 'g1' };
      await t.lib.store.updateDocument(moved, buildIndexEntry(moved, r.document.analyses[0].result));
      assert.deepEqual(await tags(), []);
      const words = (await get(outsider, `/api/suggest?q=${encodeURIComponent('璟珑')}`)).json().items.map((x: { text: string }) => x.text);
      assert.ok(!words.some((w: string) => w.includes('璟珑')), words.join('、'));
      await t.lib.deleteDocument(r.document.id);
    });

    it('counts only what the caller may see, while a member of the group sees it everywhere', async () => {
      const n = async (c: Caller, url: string) => (await get(c, url)).json();
      assert.equal((await n(member, '/api/documents')).total, (await n(outsider, '/api/documents')).total + 1);
      const tags = (await n(member, `/api/suggest?q=${encodeURIComponent('标签:')}`)).items.map((x: { text: string }) => x.text);
      assert.ok(tags.includes(`${GROUP_TERM}专案`), 'a member is offered the group\'s tags');
      assert.equal((await n(member, '/api/settings')).documentCount, (await n(outsider, '/api/settings')).documentCount + 1);
      const count = async (c: Caller) => (await n(c, '/api/collections')).items.find((x: { id: string }) => x.id === collection).count;
      assert.equal(await count(outsider), 1);
      assert.equal(await count(member), 2);
      const facet = async (c: Caller) => ((await n(c, '/api/search?q=')).facets.category as { value: string; count: number }[]).find((f) => f.value === '调研报告')?.count ?? 0;
      assert.equal(await facet(outsider), 0);
      assert.equal(await facet(member), 1);
      const hits = (await n(member, `/api/search?q=${encodeURIComponent(GROUP_TERM)}`)).hits as { id: string }[];
      assert.deepEqual(hits.map((h) => h.id), [secret]);
      assert.equal((await get(member, `/api/documents/${secret}`)).statusCode, 200);
    });

    it('lets an editor outside the group change nothing of it, and keeps it in a collection the editor rewrites', async () => {
      const h = outsiderEditor.headers;
      for (const req of [
        { method: 'PATCH', url: `/api/documents/${secret}`, payload: { title: '改名' } },
        { method: 'DELETE', url: `/api/documents/${secret}` },
        { method: 'POST', url: `/api/documents/${secret}/analyze`, payload: {} },
        { method: 'POST', url: `/api/collections/${collection}/items`, payload: { documentId: secret } },
      ] as InjectOptions[]) {
        const r = await t.app.inject({ ...req, headers: h });
        assert.equal(r.statusCode, 404, `${req.method} ${req.url}: ${r.body}`);
      }
      const bulk = await t.app.inject({ method: 'POST', url: '/api/documents/bulk', headers: h, payload: { ids: [secret, 'no-such-document'], action: 'delete' } });
      assert.equal(bulk.json().ok, 0);
      const [a, b] = bulk.json().failed as { id: string; message: string }[];
      assert.equal(a.message.replace(secret, 'X'), b.message.replace('no-such-document', 'X'), 'bulk failure reads like a missing document');
      // nor put a new document into the group (as moving one there is refused)
      const into = await t.app.inject({ method: 'POST', url: '/api/documents', headers: h, payload: { text: '组外编辑写入的新文档，讨论停车难。', groupId: 'g1' } });
      assert.equal(into.statusCode, 403, into.body);
      assert.match(into.json().message, /不在其中的分组/);
      const moved = await t.app.inject({ method: 'PATCH', url: `/api/documents/${pub}`, headers: h, payload: { groupId: 'g1' } });
      assert.equal(moved.statusCode, 403, moved.body);
      // pasting the same text: refused (no second copy) without naming the hidden document
      const dup = await t.app.inject({ method: 'POST', url: '/api/documents', headers: h, payload: { text: (await t.lib.getDocument(secret))!.text } });
      assert.equal(dup.statusCode, 409);
      assert.ok(!dup.body.includes(secret) && !dup.body.includes(GROUP_TERM), dup.body);
      // replacing the collection's list keeps the item the editor cannot see
      const patched = await t.app.inject({ method: 'PATCH', url: `/api/collections/${collection}`, headers: h, payload: { items: [{ documentId: pub, note: '重排' }] } });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.deepEqual((await t.lib.store.getCollection(collection))!.items.map((i) => i.documentId), [pub, secret]);
      assert.equal((await t.lib.getDocument(secret))!.title, `${GROUP_TERM}内部调研`);
    });

    it('does not name the hidden document when an outsider\'s import skips a copy of it', async () => {
      const upload = multipart([{ name: '副本.txt', bytes: (await t.lib.getDocument(secret))!.text }]);
      const r = await t.app.inject({ method: 'POST', url: '/api/import', headers: { ...outsiderEditor.headers, ...upload.headers }, payload: upload.payload });
      assert.equal(r.statusCode, 202, r.body);
      const job = await waitForJob(async (id) => (await t.app.inject({ url: `/api/jobs/${id}`, headers: outsiderEditor.headers })).json(), r.json().id);
      assert.equal(job.duplicates, 1);
      const body = JSON.stringify(job);
      assert.ok(!body.includes(secret) && !body.includes(GROUP_TERM), body);
      const seen = await t.app.inject({ url: `/api/jobs/${job.id}`, headers: member.headers });
      assert.ok(seen.body.includes(secret), 'a member of the group sees which document it was');
    });

    it('imports files into the caller\'s own group only: its members see them, no one else does', async () => {
      const upload = multipart([{ name: '座谈纪要.txt', bytes: `${GROUP_TERM}第二次座谈纪要：居民提出停车、加装电梯等十项诉求，社区逐项答复并公示。` }], { groupId: 'g1' });
      const r = await t.app.inject({ method: 'POST', url: '/api/import', headers: { ...memberEditor.headers, ...upload.headers }, payload: upload.payload });
      assert.equal(r.statusCode, 202, r.body);
      const job = await waitForJob(async (id) => (await t.app.inject({ url: `/api/jobs/${id}`, headers: memberEditor.headers })).json(), r.json().id);
      assert.equal(job.imported, 1, JSON.stringify(job.errors));
      const id = job.results[0].documentId!;
      try {
        assert.equal((await t.lib.getDocument(id))!.groupId, 'g1');
        assert.equal((await get(member, `/api/documents/${id}`)).statusCode, 200);
        assert.equal((await get(outsider, `/api/documents/${id}`)).statusCode, 404);
        for (const [caller, group] of [[memberEditor, 'g2'], [outsiderEditor, 'g1']] as const) {
          const other = multipart([{ name: '另一份.txt', bytes: '另一份材料，讨论垃圾分类。' }], { groupId: group });
          const refused = await t.app.inject({ method: 'POST', url: '/api/import', headers: { ...caller.headers, ...other.headers }, payload: other.payload });
          assert.equal(refused.statusCode, 403, refused.body);
          assert.match(refused.json().message, /不在其中的分组/);
        }
        const url = await t.app.inject({ method: 'POST', url: '/api/import/url', headers: outsiderEditor.headers, payload: { url: 'http://127.0.0.1:9/x', groupId: 'g1' } });
        assert.equal(url.statusCode, 403, url.body);
      } finally {
        await t.lib.deleteDocument(id);
      }
    });

    it('answers a NUL character in filter parameters and JSON bodies as if it were not there, not with a 500', async () => {
      for (const url of ['/api/search?q=%E6%B2%BB%E7%90%86&category=%00', '/api/search?q=x&theme=%00&tag=%00', '/api/documents?category=%00&tag=%00', '/api/suggest?q=%00%E6%9E%AB']) {
        const r = await get(member, url);
        assert.equal(r.statusCode, 200, `${url}: ${r.body}`);
      }
      const edit = await t.app.inject({ method: 'PATCH', url: `/api/documents/${pub}`, headers: (await sessionCaller(t.app, '管理员', 'admin', 'admin-pass-1', 'admin')).headers, payload: { tags: ['枫\u0000桥'] } });
      assert.equal(edit.statusCode, 200, edit.body);
      assert.deepEqual(edit.json().tags, ['枫桥']);
    });
  });
}

groupSuite('SQLite', () => openSqlite(true));
if (process.env.ZHIZHI_TEST_DATABASE_URL) groupSuite('PostgreSQL', openPostgres);
