import type Database from 'better-sqlite3';
import type { ApiToken, AuditEntry, User } from '../../domain/index.js';
import type { AuthStore } from '../store.js';

interface UserRow { id: string; username: string; display_name: string; role: string; groups: string; disabled: number; password_hash: string; created_at: string }
interface TokenRow { id: string; user_id: string; name: string; scope: string; created_at: string; last_used_at: string | null; revoked_at: string | null }
interface AuditRow { seq: number; at: string; user_id: string | null; username: string | null; action: string; target_type: string; target_id: string | null; details: string }

const userFrom = (r: UserRow): User => ({ id: r.id, username: r.username, displayName: r.display_name, role: r.role as User['role'], groups: JSON.parse(r.groups), disabled: !!r.disabled, createdAt: r.created_at });
const tokenFrom = (r: TokenRow): ApiToken => ({ id: r.id, userId: r.user_id, name: r.name, scope: r.scope as ApiToken['scope'], createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at });
const auditFrom = (r: AuditRow): AuditEntry => ({ seq: r.seq, at: r.at, userId: r.user_id, username: r.username, action: r.action, targetType: r.target_type, targetId: r.target_id, details: JSON.parse(r.details) });

/** AuthStore over SQLite; the SqliteStore delegates to it. */
export class SqliteAuth implements AuthStore {
  constructor(private readonly db: Database.Database) {}

  async createUser(u: User, passwordHash: string): Promise<void> {
    this.db.prepare('INSERT INTO users (id, username, display_name, role, groups, disabled, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(u.id, u.username, u.displayName, u.role, JSON.stringify(u.groups), u.disabled ? 1 : 0, passwordHash, u.createdAt);
  }

  async getUser(id: string): Promise<User | null> {
    const r = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return r ? userFrom(r) : null;
  }

  async findUserByName(username: string): Promise<{ user: User; passwordHash: string } | null> {
    const r = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    return r ? { user: userFrom(r), passwordHash: r.password_hash } : null;
  }

  async listUsers(): Promise<User[]> {
    return (this.db.prepare('SELECT * FROM users ORDER BY created_at').all() as UserRow[]).map(userFrom);
  }

  async updateUser(id: string, patch: Partial<Pick<User, 'displayName' | 'role' | 'groups' | 'disabled'>>, passwordHash?: string): Promise<User | null> {
    const cur = await this.getUser(id);
    if (!cur) return null;
    const next = { ...cur, ...patch };
    this.db.prepare('UPDATE users SET display_name = ?, role = ?, groups = ?, disabled = ?, password_hash = coalesce(?, password_hash) WHERE id = ?')
      .run(next.displayName, next.role, JSON.stringify(next.groups), next.disabled ? 1 : 0, passwordHash ?? null, id);
    return next;
  }

  async countUsers(): Promise<number> {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  async createSession(s: { idHash: string; userId: string; csrfToken: string; expiresAt: string }): Promise<void> {
    this.db.prepare('INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at) VALUES (?, ?, ?, ?)').run(s.idHash, s.userId, s.csrfToken, s.expiresAt);
  }

  async getSession(idHash: string): Promise<{ userId: string; csrfToken: string; expiresAt: string } | null> {
    const r = this.db.prepare('SELECT user_id, csrf_token, expires_at FROM sessions WHERE id_hash = ?').get(idHash) as { user_id: string; csrf_token: string; expires_at: string } | undefined;
    return r ? { userId: r.user_id, csrfToken: r.csrf_token, expiresAt: r.expires_at } : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
  }

  async createApiToken(t: ApiToken, tokenHash: string): Promise<void> {
    this.db.prepare('INSERT INTO api_tokens (id, user_id, name, scope, token_hash, created_at, last_used_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(t.id, t.userId, t.name, t.scope, tokenHash, t.createdAt, t.lastUsedAt, t.revokedAt);
  }

  async findApiToken(tokenHash: string): Promise<ApiToken | null> {
    const r = this.db.prepare('SELECT * FROM api_tokens WHERE token_hash = ?').get(tokenHash) as TokenRow | undefined;
    return r ? tokenFrom(r) : null;
  }

  async listApiTokens(userId: string): Promise<ApiToken[]> {
    return (this.db.prepare('SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at').all(userId) as TokenRow[]).map(tokenFrom);
  }

  async revokeApiToken(id: string, userId: string | null, at: string): Promise<boolean> {
    const sql = userId ? 'UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL' : 'UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL';
    return this.db.prepare(sql).run(...(userId ? [at, id, userId] : [at, id])).changes > 0;
  }

  async touchApiToken(id: string, at: string): Promise<void> {
    this.db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(at, id);
  }

  async countLoginFailure(key: string, windowMs: number): Promise<number> {
    const now = Date.now();
    return this.db.transaction(() => {
      const r = this.db.prepare('SELECT window_start, count FROM login_failures WHERE key = ?').get(key) as { window_start: number; count: number } | undefined;
      const fresh = !r || r.window_start < now - windowMs;
      const count = fresh ? 1 : r.count + 1;
      this.db.prepare('INSERT INTO login_failures (key, window_start, count) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET window_start = excluded.window_start, count = excluded.count')
        .run(key, fresh ? now : r.window_start, count);
      return count;
    }).immediate();
  }

  async loginFailures(key: string, windowMs: number): Promise<number> {
    const r = this.db.prepare('SELECT window_start, count FROM login_failures WHERE key = ?').get(key) as { window_start: number; count: number } | undefined;
    return r && r.window_start >= Date.now() - windowMs ? r.count : 0;
  }

  async clearLoginFailures(key: string): Promise<void> {
    this.db.prepare('DELETE FROM login_failures WHERE key = ?').run(key);
  }

  async appendAudit(e: Omit<AuditEntry, 'seq'>): Promise<void> {
    this.db.prepare('INSERT INTO audit_log (at, user_id, username, action, target_type, target_id, details) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(e.at, e.userId, e.username, e.action, e.targetType, e.targetId, JSON.stringify(e.details));
  }

  async listAudit(opts: { limit?: number; offset?: number; userId?: string; action?: string }): Promise<{ total: number; items: AuditEntry[] }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (opts.userId) { where.push('user_id = ?'); params.push(opts.userId); }
    if (opts.action) { where.push('action = ?'); params.push(opts.action); }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT count(*) AS n FROM audit_log ${w}`).get(...params) as { n: number }).n;
    const rows = this.db.prepare(`SELECT * FROM audit_log ${w} ORDER BY seq DESC LIMIT ? OFFSET ?`).all(...params, Math.min(opts.limit ?? 100, 10000), opts.offset ?? 0) as AuditRow[];
    return { total, items: rows.map(auditFrom) };
  }
}
