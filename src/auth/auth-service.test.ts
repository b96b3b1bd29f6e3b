import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { AuthService, sha256, visibleGroups } from './auth-service.js';
import { hashPassword, verifyPassword } from './passwords.js';

describe('AuthService on a real SQLite store', () => {
  let dir: string;
  let store: SqliteStore;
  let auth: AuthService;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'zhizhi-auth-'));
    store = new SqliteStore(join(dir, 'z.db'));
    auth = new AuthService(store, { maxFailures: 3 });
  });
  after(async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); });

  it('hashes passwords with salted scrypt and verifies only the right one', async () => {
    const h1 = await hashPassword('正确的密码123');
    const h2 = await hashPassword('正确的密码123');
    assert.match(h1, /^scrypt\$32768\$8\$1\$/);
    assert.notEqual(h1, h2, 'salted');
    assert.equal(await verifyPassword('正确的密码123', h1), true);
    assert.equal(await verifyPassword('错误的密码123', h1), false);
  });

  it('signs in with the right password, keeps only the session hash, and refuses a wrong one in Chinese', async () => {
    const u = await auth.createUser({ username: 'editor1', password: 'secret-pass-1', role: 'editor', groups: ['g1'] });
    const s = await auth.login('editor1', 'secret-pass-1', '127.0.0.1');
    assert.equal(s.user.id, u.id);
    assert.ok(await store.getSession(sha256(s.sessionToken)), 'stored by hash');
    assert.equal(await store.getSession(s.sessionToken), null, 'never stored in clear');
    const p = await auth.fromSession(s.sessionToken);
    assert.equal(p?.user.username, 'editor1');
    assert.deepEqual(visibleGroups(p!), ['g1']);
    await assert.rejects(auth.login('editor1', 'wrong', '127.0.0.1'), /用户名或密码错误/);
    await auth.logout(s.sessionToken);
    assert.equal(await auth.fromSession(s.sessionToken), null);
  });

  it('locks sign-in for a user and address after repeated failures, even with the right password', async () => {
    await auth.createUser({ username: 'victim', password: 'victim-pass-1', role: 'viewer' });
    for (let i = 0; i < 3; i++) await assert.rejects(auth.login('victim', 'guess' + i, '10.0.0.9'));
    await assert.rejects(auth.login('victim', 'victim-pass-1', '10.0.0.9'), /登录失败次数过多/);
    assert.ok(await auth.login('victim', 'victim-pass-1', '127.0.0.2'), 'another address is not locked');
  });

  it('records when a token was last used at most once a minute, so a script\'s requests do not each write (and empty the search caches)', async () => {
    const found = await store.findUserByName('editor1');
    const { token, info } = await auth.createToken(found!.user, '检索脚本', 'read');
    const lastUsed = async () => (await store.listApiTokens(found!.user.id)).find((t) => t.id === info.id)?.lastUsedAt;
    assert.ok(await auth.fromToken(token));
    const first = await lastUsed();
    assert.ok(first, 'the first use is recorded');
    await new Promise((r) => setTimeout(r, 5));
    for (let i = 0; i < 4; i++) assert.ok(await auth.fromToken(token));
    assert.equal(await lastUsed(), first, 'uses within the minute write nothing');
  });

  it('issues API tokens shown once, stored hashed, scoped, and revocable', async () => {
    const found = await store.findUserByName('editor1');
    const { token, info } = await auth.createToken(found!.user, '导出脚本', 'read');
    assert.match(token, /^zt_/);
    assert.equal((await auth.fromToken(token))?.scope, 'read');
    assert.equal(await auth.fromToken('zt_forged'), null);
    await auth.revokeToken(found!.user, info.id);
    assert.equal(await auth.fromToken(token), null);
    const audit = await store.listAudit({});
    assert.ok(audit.items.some((a) => a.action === 'token.revoke' && a.targetId === info.id));
  });

  it('refuses weak passwords and duplicate user names with clear messages', async () => {
    await assert.rejects(auth.createUser({ username: 'x', password: 'short', role: 'viewer' }), /至少 8 个字符/);
    await assert.rejects(auth.createUser({ username: 'editor1', password: 'long-enough-1', role: 'viewer' }), /用户名已存在/);
    await assert.rejects(auth.createUser({ username: 'bad name;--', password: 'long-enough-1', role: 'viewer' }), /用户名只能包含/);
  });

  it('keeps the audit log append-only in the database itself', async () => {
    assert.throws(() => store.db.prepare('DELETE FROM audit_log').run(), /append-only/);
    assert.throws(() => store.db.prepare("UPDATE audit_log SET action = 'x'").run(), /append-only/);
  });
});
