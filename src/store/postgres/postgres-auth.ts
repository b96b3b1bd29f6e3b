import type pg from 'pg';
import type { ApiToken, AuditEntry, User } from '../../domain/index.js';
import type { AuthStore } from '../store.js';

const userFrom = (r: Record<string, any>): User => ({ id: r.id, username: r.username, displayName: r.display_name, role: r.role, groups: r.groups, disabled: !!r.disabled, createdAt: r.created_at });
const tokenFrom = (r: Record<string, any>): ApiToken => ({ id: r.id, userId: r.user_id, name: r.name, scope: r.scope, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at });
const auditFrom = (r: Record<string, any>): AuditEntry => ({ seq: Number(r.seq), at: r.at, userId: r.user_id, username: r.username, action: r.action, targetType: r.target_type, targetId: r.target_id, details: r.details });

/** AuthStore over PostgreSQL; the PostgresStore delegates to it. */
export class PostgresAuth implements AuthStore {
  constructor(private readonly pool: pg.Pool) {}

  async createUser(u: User, passwordHash: string): Promise<void> {
    await this.pool.query('INSERT INTO users (id, username, display_name, role, groups, disabled, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [u.id, u.username, u.displayName, u.role, JSON.stringify(u.groups), u.disabled, passwordHash, u.createdAt]);
  }

  async getUser(id: string): Promise<User | null> {
    const { rows } = await this.pool.query('SELECT * FROM users WHERE id = $1', [id]);
    return rows.length ? userFrom(rows[0]) : null;
  }

  async findUserByName(username: string): Promise<{ user: User; passwordHash: string } | null> {
    const { rows } = await this.pool.query('SELECT * FROM users WHERE username = $1', [username]);
    return rows.length ? { user: userFrom(rows[0]), passwordHash: rows[0].password_hash } : null;
  }

  async listUsers(): Promise<User[]> {
    return (await this.pool.query('SELECT * FROM users ORDER BY created_at')).rows.map(userFrom);
  }

  async updateUser(id: string, patch: Partial<Pick<User, 'displayName' | 'role' | 'groups' | 'disabled'>>, passwordHash?: string): Promise<User | null> {
    const cur = await this.getUser(id);
    if (!cur) return null;
    const next = { ...cur, ...patch };
    await this.pool.query('UPDATE users SET display_name = $2, role = $3, groups = $4, disabled = $5, password_hash = coalesce($6, password_hash) WHERE id = $1',
      [id, next.displayName, next.role, JSON.stringify(next.groups), next.disabled, passwordHash ?? null]);
    return next;
  }

  async countUsers(): Promise<number> {
    return Number((await this.pool.query('SELECT count(*) AS n FROM users')).rows[0].n);
  }

  async createSession(s: { idHash: string; userId: string; csrfToken: string; expiresAt: string }): Promise<void> {
    await this.pool.query('INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)', [s.idHash, s.userId, s.csrfToken, s.expiresAt]);
  }

  async getSession(idHash: string): Promise<{ userId: string; csrfToken: string; expiresAt: string } | null> {
    const { rows } = await this.pool.query('SELECT user_id, csrf_token, expires_at FROM sessions WHERE id_hash = $1', [idHash]);
    return rows.length ? { userId: rows[0].user_id, csrfToken: rows[0].csrf_token, expiresAt: rows[0].expires_at } : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
  }

  async createApiToken(t: ApiToken, tokenHash: string): Promise<void> {
    await this.pool.query('INSERT INTO api_tokens (id, user_id, name, scope, token_hash, created_at, last_used_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [t.id, t.userId, t.name, t.scope, tokenHash, t.createdAt, t.lastUsedAt, t.revokedAt]);
  }

  async findApiToken(tokenHash: string): Promise<ApiToken | null> {
    const { rows } = await this.pool.query('SELECT * FROM api_tokens WHERE token_hash = $1', [tokenHash]);
    return rows.length ? tokenFrom(rows[0]) : null;
  }

  async listApiTokens(userId: string): Promise<ApiToken[]> {
    return (await this.pool.query('SELECT * FROM api_tokens WHERE user_id = $1 ORDER BY created_at', [userId])).rows.map(tokenFrom);
  }

  async revokeApiToken(id: string, userId: string | null, at: string): Promise<boolean> {
    const r = userId
      ? await this.pool.query('UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL', [at, id, userId])
      : await this.pool.query('UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id]);
    return (r.rowCount ?? 0) > 0;
  }

  async touchApiToken(id: string, at: string): Promise<void> {
    await this.pool.query('UPDATE api_tokens SET last_used_at = $1 WHERE id = $2', [at, id]);
  }

  async countLoginFailure(key: string, windowMs: number): Promise<number> {
    const now = Date.now();
    // One statement, so concurrent failures on several app nodes all count.
    const { rows } = await this.pool.query(`INSERT INTO login_failures (key, window_start, count) VALUES ($1, $2, 1)
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN login_failures.window_start < $3 THEN 1 ELSE login_failures.count + 1 END,
        window_start = CASE WHEN login_failures.window_start < $3 THEN $2 ELSE login_failures.window_start END
      RETURNING count`, [key, now, now - windowMs]);
    return Number(rows[0].count);
  }

  async loginFailures(key: string, windowMs: number): Promise<number> {
    const { rows } = await this.pool.query('SELECT count FROM login_failures WHERE key = $1 AND window_start >= $2', [key, Date.now() - windowMs]);
    return rows.length ? Number(rows[0].count) : 0;
  }

  async clearLoginFailures(key: string): Promise<void> {
    await this.pool.query('DELETE FROM login_failures WHERE key = $1', [key]);
  }

  async appendAudit(e: Omit<AuditEntry, 'seq'>): Promise<void> {
    await this.pool.query('INSERT INTO audit_log (at, user_id, username, action, target_type, target_id, details) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [e.at, e.userId, e.username, e.action, e.targetType, e.targetId, JSON.stringify(e.details)]);
  }

  async listAudit(opts: { limit?: number; offset?: number; userId?: string; action?: string }): Promise<{ total: number; items: AuditEntry[] }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (opts.userId) { params.push(opts.userId); where.push(`user_id = $${params.length}`); }
    if (opts.action) { params.push(opts.action); where.push(`action = $${params.length}`); }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = Number((await this.pool.query(`SELECT count(*) AS n FROM audit_log ${w}`, params)).rows[0].n);
    const { rows } = await this.pool.query(`SELECT * FROM audit_log ${w} ORDER BY seq DESC LIMIT ${Math.min(opts.limit ?? 100, 10000)} OFFSET ${Math.max(0, opts.offset ?? 0)}`, params);
    return { total, items: rows.map(auditFrom) };
  }
}
