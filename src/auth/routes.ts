import type { FastifyInstance } from 'fastify';
import { RoleSchema, ROLE_LABELS } from '../domain/index.js';
import { LibraryError } from '../library/errors.js';
import type { AuthService } from './auth-service.js';
import { SESSION_COOKIE, cookieOptions } from './fastify-auth.js';
import type { Store } from '../store/store.js';

const err = { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } as const;
const user = {
  type: 'object',
  properties: { id: { type: 'string' }, username: { type: 'string' }, displayName: { type: 'string' }, role: { type: 'string', enum: RoleSchema.options }, groups: { type: 'array', items: { type: 'string' } }, disabled: { type: 'boolean' }, createdAt: { type: 'string' } },
} as const;
const token = {
  type: 'object',
  properties: { id: { type: 'string' }, userId: { type: 'string' }, name: { type: 'string' }, scope: { type: 'string' }, createdAt: { type: 'string' }, lastUsedAt: { type: ['string', 'null'] }, revokedAt: { type: ['string', 'null'] } },
} as const;

export interface AuthRoutesOptions { auth: AuthService; store: Store; teamMode: boolean; secureCookies: boolean }

/** Sign-in, API tokens, users (admin) and the audit log (admin). */
export async function authRoutes(app: FastifyInstance, opts: AuthRoutesOptions): Promise<void> {
  const { auth, store, teamMode, secureCookies } = opts;

  app.post('/api/auth/login', {
    config: { public: true },
    schema: {
      tags: ['账户'], summary: '登录（团队模式）',
      body: { type: 'object', required: ['username', 'password'], properties: { username: { type: 'string', maxLength: 64 }, password: { type: 'string', maxLength: 256 } } },
      response: { 200: { type: 'object', properties: { user, csrfToken: { type: 'string' } } }, 401: err, 429: err },
    },
  }, async (req, reply) => {
    const { username, password } = req.body as { username: string; password: string };
    const s = await auth.login(username, password, req.ip);
    reply.setCookie(SESSION_COOKIE, s.sessionToken, cookieOptions(secureCookies, s.expiresAt));
    return { user: s.user, csrfToken: s.csrfToken };
  });

  app.post('/api/auth/logout', { config: { public: true }, schema: { tags: ['账户'], summary: '退出登录', response: { 204: { type: 'null' } } } }, async (req, reply) => {
    const t = req.cookies?.[SESSION_COOKIE];
    if (t) await auth.logout(t);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/api/auth/me', {
    config: { public: true },
    schema: { tags: ['账户'], summary: '当前用户与运行模式', response: { 200: { type: 'object', properties: { teamMode: { type: 'boolean' }, user: { anyOf: [user, { type: 'null' }] }, csrfToken: { type: ['string', 'null'] }, roleLabel: { type: ['string', 'null'] } } } } },
  }, async (req) => {
    const p = req.principal;
    return { teamMode, user: p?.user ?? null, csrfToken: p?.csrfToken ?? null, roleLabel: p ? ROLE_LABELS[p.user.role] : null };
  });

  app.get('/api/auth/tokens', { schema: { tags: ['账户'], summary: '我的 API 令牌', response: { 200: { type: 'object', properties: { items: { type: 'array', items: token } } } } } },
    async (req) => ({ items: await store.listApiTokens(req.principal!.user.id) }));

  app.post('/api/auth/tokens', {
    config: { minRole: 'viewer', audit: 'token.create' },
    schema: {
      tags: ['账户'], summary: '创建 API 令牌（明文只显示这一次）',
      body: { type: 'object', properties: { name: { type: 'string', maxLength: 100 }, scope: { type: 'string', enum: ['read', 'read-write'] } } },
      response: { 201: { type: 'object', properties: { token: { type: 'string' }, info: token } } },
    },
  }, async (req, reply) => {
    const b = req.body as { name?: string; scope?: 'read' | 'read-write' };
    const scope = b.scope ?? 'read';
    if (scope === 'read-write' && req.principal!.user.role === 'viewer') throw new LibraryError('FORBIDDEN', '读者只能创建只读令牌');
    return reply.code(201).send(await auth.createToken(req.principal!.user, b.name ?? '', scope));
  });

  app.delete('/api/auth/tokens/:id', { config: { minRole: 'viewer' }, schema: { tags: ['账户'], summary: '吊销 API 令牌', params: { type: 'object', properties: { id: { type: 'string' } } }, response: { 204: { type: 'null' }, 404: err } } },
    async (req, reply) => {
      await auth.revokeToken(req.principal!.user, (req.params as { id: string }).id);
      return reply.code(204).send();
    });

  app.get('/api/users', { config: { minRole: 'admin' }, schema: { tags: ['账户'], summary: '用户列表（管理员）', response: { 200: { type: 'object', properties: { items: { type: 'array', items: user } } } } } },
    async () => ({ items: await store.listUsers() }));

  app.post('/api/users', {
    config: { minRole: 'admin' },
    schema: {
      tags: ['账户'], summary: '创建用户（管理员）',
      body: { type: 'object', required: ['username', 'password', 'role'], properties: { username: { type: 'string' }, password: { type: 'string' }, role: { type: 'string', enum: RoleSchema.options }, displayName: { type: 'string' }, groups: { type: 'array', items: { type: 'string' } } } },
      response: { 201: user, 400: err, 409: err },
    },
  }, async (req, reply) => {
    const u = await auth.createUser(req.body as Parameters<AuthService['createUser']>[0]);
    req.auditTargetId = u.id;
    req.auditDetails = { username: u.username, role: u.role, groups: u.groups };
    return reply.code(201).send(u);
  });

  app.patch('/api/users/:id', {
    config: { minRole: 'admin' },
    schema: {
      tags: ['账户'], summary: '修改用户角色、分组、状态或密码（管理员）',
      params: { type: 'object', properties: { id: { type: 'string' } } },
      body: { type: 'object', properties: { role: { type: 'string', enum: RoleSchema.options }, groups: { type: 'array', items: { type: 'string' } }, disabled: { type: 'boolean' }, displayName: { type: 'string' }, password: { type: 'string' } } },
      response: { 200: user, 404: err },
    },
  }, async (req) => {
    const id = (req.params as { id: string }).id;
    const { password, ...patch } = req.body as { password?: string; role?: 'admin' | 'editor' | 'viewer'; groups?: string[]; disabled?: boolean; displayName?: string };
    const before = await store.getUser(id);
    if (!before) throw new LibraryError('NOT_FOUND', '用户不存在');
    if (password) await auth.setPassword(id, password);
    const after = (await store.updateUser(id, patch))!;
    req.auditDetails = Object.fromEntries(Object.keys(patch).map((k) => [k, { old: (before as Record<string, unknown>)[k], new: (after as Record<string, unknown>)[k] }]));
    if (password) req.auditDetails.password = { old: '***', new: '***' };
    return after;
  });

  app.get('/api/audit', {
    config: { minRole: 'admin', audit: 'audit.export' },
    schema: {
      tags: ['账户'], summary: '审计日志（管理员；format=csv 导出）',
      querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 10000, default: 100 }, offset: { type: 'integer', minimum: 0, default: 0 }, userId: { type: 'string' }, action: { type: 'string' }, format: { type: 'string', enum: ['json', 'csv'] } } },
    },
  }, async (req, reply) => {
    const q = req.query as { limit: number; offset: number; userId?: string; action?: string; format?: string };
    const page = await store.listAudit(q);
    if (q.format !== 'csv') return page;
    const cell = (v: unknown) => `"${String(typeof v === 'object' && v !== null ? JSON.stringify(v) : v ?? '').replace(/"/g, '""')}"`;
    const lines = [['序号', '时间', '用户', '操作', '对象类型', '对象', '详情'].map(cell).join(',')]
      .concat(page.items.map((a) => [a.seq, a.at, a.username, a.action, a.targetType, a.targetId, a.details].map(cell).join(',')));
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="audit.csv"').send('\ufeff' + lines.join('\r\n'));
  });
}
