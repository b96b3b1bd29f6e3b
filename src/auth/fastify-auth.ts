import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { Role } from '../domain/index.js';
import { LibraryError } from '../library/errors.js';
import { AuthService, LOCAL_USER, hasRole, type Principal } from './auth-service.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    /** Set by a route to record old/new values in the audit entry of this request. */
    auditDetails?: Record<string, unknown>;
    auditTargetId?: string;
  }
  interface FastifyContextConfig {
    /** Lowest role allowed (default: viewer for GET, editor for writes). */
    minRole?: Role;
    /** No sign-in needed (health, login). */
    public?: boolean;
    /** Audit action name; writes are audited by default, reads only when this is set (exports). */
    audit?: string;
  }
}

export const SESSION_COOKIE = 'zhizhi_session';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AuthPluginOptions {
  auth: AuthService;
  /** Team mode requires sign-in on every route but health and login; local mode acts as one local admin. */
  teamMode: boolean;
  /** Mark the session cookie Secure (default: true in team mode unless ZHIZHI_INSECURE_COOKIES=1). */
  secureCookies?: boolean;
}

/**
 * Authentication, authorisation and audit for every /api route. Routes declare what they need in
 * their `config` (minRole, public, audit); nothing else in the server checks roles.
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: AuthPluginOptions) => {
  if (!app.hasRequestDecorator('cookies')) await app.register(cookie);
  const { auth, teamMode } = opts;

  app.addHook('onRequest', async (req: FastifyRequest) => {
    if (!req.url.startsWith('/api/')) return;
    const cfg = req.routeOptions.config ?? {};
    if (!teamMode) {
      req.principal = { user: LOCAL_USER, via: 'local', scope: 'read-write' };
      return;
    }
    const sessionToken = req.cookies?.[SESSION_COOKIE];
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const principal = (bearer ? await auth.fromToken(bearer) : null) ?? (sessionToken ? await auth.fromSession(sessionToken) : null);
    if (principal) req.principal = principal;
    if (cfg.public) return;
    if (!principal) throw new LibraryError('UNAUTHORIZED', '请先登录（或在请求头 Authorization: Bearer 中提供 API 令牌）');
    if (!SAFE.has(req.method)) {
      if (principal.via === 'token' && principal.scope === 'read') throw new LibraryError('FORBIDDEN', '只读令牌不能修改数据');
      if (principal.via === 'session' && req.headers['x-csrf-token'] !== principal.csrfToken) {
        throw new LibraryError('FORBIDDEN', 'CSRF 校验失败：请刷新页面后重试');
      }
    }
    const min: Role = cfg.minRole ?? (SAFE.has(req.method) ? 'viewer' : 'editor');
    if (!hasRole(principal.user, min)) throw new LibraryError('FORBIDDEN', `权限不足：此操作需要${min === 'admin' ? '管理员' : '编辑'}权限`);
  });

  app.addHook('onResponse', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.url.startsWith('/api/') || reply.statusCode >= 400) return;
    const cfg = req.routeOptions.config ?? {};
    if (SAFE.has(req.method) && !cfg.audit) return;
    if (req.routeOptions.url === '/api/auth/login') return; // the service audits sign-ins itself
    const params = (req.params ?? {}) as Record<string, string>;
    const action = cfg.audit ?? `${req.method} ${req.routeOptions.url ?? req.url}`;
    const targetType = (req.routeOptions.url ?? '').split('/')[2] ?? 'api';
    await auth.audit(req.principal?.user ?? null, action, targetType, req.auditTargetId ?? params.id ?? null, req.auditDetails ?? {}).catch((e) => req.log.error(e));
  });
});

export function cookieOptions(secure: boolean, expiresAt?: string) {
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure, ...(expiresAt ? { expires: new Date(expiresAt) } : {}) };
}
