import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { HTTP_STATUS, LibraryError } from '../library/errors.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { AuthService } from './auth-service.js';
import { authPlugin } from './fastify-auth.js';
import { authRoutes } from './routes.js';

async function makeApp(store: SqliteStore, teamMode: boolean): Promise<FastifyInstance> {
  const app = Fastify();
  app.setErrorHandler((e, _req, reply) => {
    if (e instanceof LibraryError) return reply.code(HTTP_STATUS[e.code]).send({ code: e.code, message: e.message });
    return reply.code((e as { statusCode?: number }).statusCode ?? 500).send({ code: 'ERR', message: (e as Error).message });
  });
  const auth = new AuthService(store);
  await app.register(authPlugin, { auth, teamMode });
  await app.register(authRoutes, { auth, store, teamMode, secureCookies: false });
  app.get('/api/health', { config: { public: true } }, async () => ({ status: 'ok' }));
  app.get('/api/things', async (req) => ({ user: req.principal?.user.username }));
  app.post('/api/things', async (req, reply) => { req.auditDetails = { title: { old: 'a', new: 'b' } }; return reply.code(201).send({ ok: true }); });
  app.put('/api/settings/x', { config: { minRole: 'admin' } }, async () => ({ ok: true }));
  return app;
}

describe('auth plugin in team mode', () => {
  let dir: string;
  let store: SqliteStore;
  let app: FastifyInstance;
  const login = async (username: string, password: string) => {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    assert.equal(r.statusCode, 200, r.body);
    const cookie = String(r.headers['set-cookie']).split(';')[0];
    return { cookie, csrf: r.json().csrfToken as string, setCookie: String(r.headers['set-cookie']) };
  };
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhizhi-authapp-'));
    store = new SqliteStore(join(dir, 'z.db'));
    const auth = new AuthService(store);
    await auth.createUser({ username: 'admin', password: 'admin-pass-1', role: 'admin' });
    await auth.createUser({ username: 'ed', password: 'editor-pass-1', role: 'editor' });
    await auth.createUser({ username: 'vi', password: 'viewer-pass-1', role: 'viewer' });
    app = await makeApp(store, true);
  });
  after(async () => { await app.close(); await store.close(); rmSync(dir, { recursive: true, force: true }); });

  it('answers health without sign-in and 401 with a Chinese message everywhere else', async () => {
    assert.equal((await app.inject('/api/health')).statusCode, 200);
    const r = await app.inject('/api/things');
    assert.equal(r.statusCode, 401);
    assert.equal(r.json().code, 'UNAUTHORIZED');
    assert.match(r.json().message, /请先登录/);
  });

  it('sets an HttpOnly SameSite=Strict session cookie and requires the CSRF header on writes', async () => {
    const s = await login('ed', 'editor-pass-1');
    assert.match(s.setCookie, /HttpOnly/);
    assert.match(s.setCookie, /SameSite=Strict/);
    assert.equal((await app.inject({ url: '/api/things', headers: { cookie: s.cookie } })).json().user, 'ed');
    const noCsrf = await app.inject({ method: 'POST', url: '/api/things', headers: { cookie: s.cookie } });
    assert.equal(noCsrf.statusCode, 403);
    const ok = await app.inject({ method: 'POST', url: '/api/things', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
    assert.equal(ok.statusCode, 201);
  });

  it('lets a viewer read but not write, and only admins change settings', async () => {
    const v = await login('vi', 'viewer-pass-1');
    assert.equal((await app.inject({ url: '/api/things', headers: { cookie: v.cookie } })).statusCode, 200);
    const w = await app.inject({ method: 'POST', url: '/api/things', headers: { cookie: v.cookie, 'x-csrf-token': v.csrf } });
    assert.equal(w.statusCode, 403);
    assert.match(w.json().message, /权限不足/);
    const e = await login('ed', 'editor-pass-1');
    assert.equal((await app.inject({ method: 'PUT', url: '/api/settings/x', headers: { cookie: e.cookie, 'x-csrf-token': e.csrf } })).statusCode, 403);
    const a = await login('admin', 'admin-pass-1');
    assert.equal((await app.inject({ method: 'PUT', url: '/api/settings/x', headers: { cookie: a.cookie, 'x-csrf-token': a.csrf } })).statusCode, 200);
  });

  it('accepts API tokens without CSRF, refuses writes with a read token, and forgets revoked tokens', async () => {
    const e = await login('ed', 'editor-pass-1');
    const mk = async (scope: string) => (await app.inject({ method: 'POST', url: '/api/auth/tokens', headers: { cookie: e.cookie, 'x-csrf-token': e.csrf }, payload: { name: 't', scope } })).json();
    const rw = await mk('read-write');
    const ro = await mk('read');
    const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
    assert.equal((await app.inject({ method: 'POST', url: '/api/things', headers: bearer(rw.token) })).statusCode, 201);
    assert.equal((await app.inject({ method: 'POST', url: '/api/things', headers: bearer(ro.token) })).statusCode, 403);
    assert.equal((await app.inject({ url: '/api/things', headers: bearer(ro.token) })).statusCode, 200);
    const listed = (await app.inject({ url: '/api/auth/tokens', headers: { cookie: e.cookie } })).json().items;
    assert.ok(listed.every((t: Record<string, unknown>) => !('token' in t) && !('tokenHash' in t)), 'secrets are never listed');
    await app.inject({ method: 'DELETE', url: `/api/auth/tokens/${ro.info.id}`, headers: { cookie: e.cookie, 'x-csrf-token': e.csrf } });
    assert.equal((await app.inject({ url: '/api/things', headers: bearer(ro.token) })).statusCode, 401);
  });

  it('audits writes with old and new values, and shows the log only to admins', async () => {
    const a = await login('admin', 'admin-pass-1');
    const v = await login('vi', 'viewer-pass-1');
    assert.equal((await app.inject({ url: '/api/audit', headers: { cookie: v.cookie } })).statusCode, 403);
    const log = (await app.inject({ url: '/api/audit?limit=100', headers: { cookie: a.cookie } })).json();
    const write = log.items.find((x: { action: string }) => x.action === 'POST /api/things');
    assert.deepEqual(write.details, { title: { old: 'a', new: 'b' } });
    assert.equal(write.username, 'ed');
    const csv = await app.inject({ url: '/api/audit?format=csv', headers: { cookie: a.cookie } });
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(csv.body, /POST \/api\/things/);
  });
});

describe('auth plugin in local mode', () => {
  it('acts as the local admin without sign-in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhizhi-authlocal-'));
    const store = new SqliteStore(join(dir, 'z.db'));
    const app = await makeApp(store, false);
    assert.equal((await app.inject('/api/things')).json().user, 'local');
    assert.equal((await app.inject({ method: 'PUT', url: '/api/settings/x' })).statusCode, 200);
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
