import { createHash, randomBytes } from 'node:crypto';
import type { ApiToken, AuditEntry, Role, User } from '../domain/index.js';
import { nowIso } from '../domain/index.js';
import { LibraryError } from '../library/errors.js';
import type { Store } from '../store/store.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';

/** How stale a token's last-used time may get (default one minute). */
const TOUCH_EVERY_MS = 60_000;

export interface AuthOptions {
  /** Session lifetime in ms (default 7 days). */
  sessionTtlMs?: number;
  /** Failed sign-ins allowed per user and address within the window (default 5). */
  maxFailures?: number;
  /** Window for counting failed sign-ins, ms (default 15 minutes). */
  failureWindowMs?: number;
}

/** Who is making a request, and how they proved it. */
export interface Principal {
  user: User;
  via: 'local' | 'session' | 'token';
  /** API tokens may be read-only. */
  scope: 'read' | 'read-write';
  csrfToken?: string;
  sessionHash?: string;
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };
export const hasRole = (user: User, min: Role) => RANK[user.role] >= RANK[min];

/** Groups whose documents the user may see; undefined means every group (admins, local mode). */
export function visibleGroups(p: Principal | undefined): string[] | undefined {
  if (!p || p.user.role === 'admin') return undefined;
  return p.user.groups;
}

/** The implicit user of local mode (SQLite on 127.0.0.1 without login). */
export const LOCAL_USER: User = { id: 'local', username: 'local', displayName: '本机用户', role: 'admin', groups: [], disabled: false, createdAt: '1970-01-01T00:00:00.000000Z' };

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const secret = (prefix: string) => prefix + randomBytes(32).toString('base64url');

/** Accounts, sign-in, sessions, API tokens and the audit log, over the store (so app nodes stay stateless). */
export class AuthService {
  constructor(private readonly store: Store, private readonly opts: AuthOptions = {}) {}

  async createUser(input: { username: string; password: string; role: Role; displayName?: string; groups?: string[] }): Promise<User> {
    const username = input.username.trim();
    if (!/^[\p{L}\p{N}_.@-]{1,64}$/u.test(username)) throw new LibraryError('BAD_REQUEST', '用户名只能包含字母、数字、汉字和 _ . @ -，最多 64 个字符');
    const problem = passwordProblem(input.password);
    if (problem) throw new LibraryError('BAD_REQUEST', problem);
    if (await this.store.findUserByName(username)) throw new LibraryError('CONFLICT', `用户名已存在：${username}`);
    const user: User = { id: randomBytes(8).toString('hex'), username, displayName: input.displayName?.trim() || username, role: input.role, groups: input.groups ?? [], disabled: false, createdAt: nowIso() };
    await this.store.createUser(user, await hashPassword(input.password));
    return user;
  }

  async setPassword(userId: string, password: string): Promise<void> {
    const problem = passwordProblem(password);
    if (problem) throw new LibraryError('BAD_REQUEST', problem);
    if (!(await this.store.updateUser(userId, {}, await hashPassword(password)))) throw new LibraryError('NOT_FOUND', '用户不存在');
  }

  /** Signs in; throttled per user name and address so guessing is slow even across app nodes. */
  async login(username: string, password: string, address: string): Promise<{ user: User; sessionToken: string; csrfToken: string; expiresAt: string }> {
    const key = `${username.trim().toLowerCase()}@${address}`;
    const window = this.opts.failureWindowMs ?? 15 * 60_000;
    if ((await this.store.loginFailures(key, window)) >= (this.opts.maxFailures ?? 5)) {
      throw new LibraryError('RATE_LIMITED', '登录失败次数过多，请 15 分钟后再试');
    }
    const found = await this.store.findUserByName(username.trim());
    const ok = found && !found.user.disabled && (await verifyPassword(password, found.passwordHash));
    if (!ok || !found) {
      await this.store.countLoginFailure(key, window);
      throw new LibraryError('UNAUTHORIZED', '用户名或密码错误');
    }
    await this.store.clearLoginFailures(key);
    const sessionToken = secret('zs_');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + (this.opts.sessionTtlMs ?? 7 * 24 * 3600_000)).toISOString();
    await this.store.createSession({ idHash: sha256(sessionToken), userId: found.user.id, csrfToken, expiresAt });
    await this.audit(found.user, 'auth.login', 'user', found.user.id, {});
    return { user: found.user, sessionToken, csrfToken, expiresAt };
  }

  async logout(sessionToken: string): Promise<void> {
    await this.store.deleteSession(sha256(sessionToken));
  }

  async fromSession(sessionToken: string): Promise<Principal | null> {
    const s = await this.store.getSession(sha256(sessionToken));
    if (!s || s.expiresAt < new Date().toISOString()) return null;
    const user = await this.store.getUser(s.userId);
    if (!user || user.disabled) return null;
    return { user, via: 'session', scope: 'read-write', csrfToken: s.csrfToken, sessionHash: sha256(sessionToken) };
  }

  async fromToken(token: string): Promise<Principal | null> {
    const t = await this.store.findApiToken(sha256(token));
    if (!t || t.revokedAt) return null;
    const user = await this.store.getUser(t.userId);
    if (!user || user.disabled) return null;
    // At most once a minute: a write on every request also emptied the search caches (they are valid only
    // while nothing is written), so a script's searches never reached them.
    if (!t.lastUsedAt || Date.parse(t.lastUsedAt) < Date.now() - TOUCH_EVERY_MS) await this.store.touchApiToken(t.id, nowIso());
    return { user, via: 'token', scope: t.scope };
  }

  /** Creates an API token; the secret is returned once and only its hash is kept. */
  async createToken(user: User, name: string, scope: ApiToken['scope']): Promise<{ token: string; info: ApiToken }> {
    const token = secret('zt_');
    const info: ApiToken = { id: randomBytes(6).toString('hex'), userId: user.id, name: name.trim().slice(0, 100) || '未命名令牌', scope, createdAt: nowIso(), lastUsedAt: null, revokedAt: null };
    await this.store.createApiToken(info, sha256(token));
    await this.audit(user, 'token.create', 'token', info.id, { name: info.name, scope });
    return { token, info };
  }

  async revokeToken(user: User, id: string): Promise<void> {
    const ok = await this.store.revokeApiToken(id, user.role === 'admin' ? null : user.id, nowIso());
    if (!ok) throw new LibraryError('NOT_FOUND', '令牌不存在或已吊销');
    await this.audit(user, 'token.revoke', 'token', id, {});
  }

  audit(user: User | null, action: string, targetType: string, targetId: string | null, details: AuditEntry['details']): Promise<void> {
    return this.store.appendAudit({ at: nowIso(), userId: user?.id ?? null, username: user?.username ?? null, action, targetType, targetId, details });
  }
}
