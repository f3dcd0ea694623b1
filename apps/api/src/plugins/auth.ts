// Authentication and authorisation, as one mechanism for every route: each
// route declares `config.access` ('public', 'signedIn' or a list of roles); a
// route under /api without a rule stops the app from starting. The session
// cookie is resolved before the body is read, so an anonymous request is
// answered 401 whatever it carries. Record-level scoping (another township's
// event answers 404) is done by the repositories from request.actor.
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  actorOf,
  createLoginThrottle,
  createSessionRepository,
  LOGIN_DEVICE_DAYS,
  type Actor,
  type Database,
  type LoginThrottle,
  type LoginThrottlePolicy,
  type SessionPolicy,
  type SessionRepository,
} from '@pufa/db';
import { keepsLedgers, type Role, type SessionUser } from '@pufa/domain';
import { HttpError } from '../http-errors.ts';

export type Access = 'public' | 'signedIn' | readonly Role[];

export interface RouteRule {
  method: string;
  url: string;
  access: Access;
  /** Takes an Idempotency-Key (plugins/idempotency.ts). */
  idempotent?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    user: SessionUser | null;
    actor: Actor;
  }
  interface FastifyInstance {
    sessions: SessionRepository;
    loginThrottle: LoginThrottle;
    /** Every /api route with its access rule: the authorisation matrix test walks it. */
    routeTable: RouteRule[];
    setSessionCookie: (reply: FastifyReply, request: FastifyRequest, token: string) => void;
    setDeviceCookie: (reply: FastifyReply, request: FastifyRequest, token: string) => void;
    clearSessionCookie: (reply: FastifyReply) => void;
  }
}

export const SESSION_COOKIE = 'pufa_session';
/** The device cookie (OWASP): this browser has signed in successfully before; sent to the sign-in only. */
export const DEVICE_COOKIE = 'pufa_device';

/** Writes that change who is signed in or what they may reach (users, their org units, sign-out). */
const AUTH_CHANGING_ROUTES = ['/api/users', '/api/org-units', '/api/auth/logout'];

/** The OpenAPI document and its page: for signed-in users, like the rest of the API. */
const DOCS_PREFIXES = ['/api/docs', '/api/openapi.json'];

export const authPlugin = fp(
  async (app, { db, sessionPolicy, loginThrottle }: { db: Database; sessionPolicy?: SessionPolicy; loginThrottle?: LoginThrottlePolicy }) => {
    await app.register(cookie);
    const sessions = createSessionRepository(db.prisma, sessionPolicy, await db.authChanges());
    app.decorate('sessions', sessions);
    app.decorate('loginThrottle', createLoginThrottle(db.prisma, loginThrottle));
    app.decorate('routeTable', [] as RouteRule[]);
    app.decorateRequest('user', null);
    app.decorateRequest('actor', null as unknown as Actor);

    app.addHook('onRoute', (route) => {
      const url = route.url ?? route.path;
      if (!url.startsWith('/api')) return;
      route.config ??= {};
      if (!route.config.access && DOCS_PREFIXES.some((p) => url.startsWith(p))) route.config.access = 'signedIn';
      const { access } = route.config;
      if (!access) throw new Error(`Route ${String(route.method)} ${url} declares no access rule (config.access)`);
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD') app.routeTable.push({ method, url, access, ...(route.config.idempotent ? { idempotent: true } : {}) });
      }
    });

    app.decorate('setSessionCookie', (reply: FastifyReply, request: FastifyRequest, token: string) => {
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        maxAge: Math.floor(sessions.policy.absoluteMs / 1000),
      });
    });
    app.decorate('setDeviceCookie', (reply: FastifyReply, request: FastifyRequest, token: string) => {
      reply.setCookie(DEVICE_COOKIE, token, {
        path: '/api/auth/login',
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        maxAge: LOGIN_DEVICE_DAYS * 86_400,
      });
    });
    app.decorate('clearSessionCookie', (reply: FastifyReply) => {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    });

    // A change to users, org units or sessions made here is seen by this process's
    // next request at once, not only when the database's notification arrives.
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.method !== 'GET' && reply.statusCode < 400 && AUTH_CHANGING_ROUTES.some((prefix) => request.url.startsWith(prefix))) sessions.forgetCached();
      return payload;
    });

    app.addHook('onRequest', async (request) => {
      const access = request.routeOptions.config.access;
      if (!access || access === 'public') return;
      const token = request.cookies[SESSION_COOKIE];
      const user = token ? await sessions.resolve(token) : null;
      if (!user) throw new HttpError(401, { zh: '请先登录（或登录已过期）', en: 'Please sign in (or your session has expired)' });
      request.user = user;
      request.actor = actorOf(user);
      if (access !== 'signedIn' && !access.includes(user.role)) {
        throw new HttpError(403, { zh: '您的角色无权进行此操作', en: 'Your role may not do this' });
      }
      // Above the county the ledgers are read, not kept (issue 20): events, files, imports, plans, submissions.
      if (access === ACCESS.editors && !keepsLedgers(user.orgUnitLevel)) {
        throw new HttpError(403, { zh: '市、省级账号只能查看台账，录入和修改由县及乡镇进行', en: 'City and province accounts read the ledgers; counties and townships keep them' });
      }
    });
  },
  { name: 'auth' },
);

/** Access rules in words that read well in route declarations. */
export const ACCESS = {
  public: 'public',
  signedIn: 'signedIn',
  editors: ['clerk', 'admin'],
  admins: ['admin'],
} as const satisfies Record<string, Access>;

