import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiErrorSchema, LoginSchema, SessionUserSchema } from '@pufa/domain';
import { ACCESS, DEVICE_COOKIE, SESSION_COOKIE } from '../plugins/auth.ts';
import { HttpError } from '../http-errors.ts';

/** One answer for an unknown user, a wrong password and a disabled account: it tells a guesser nothing. */
const BAD_CREDENTIALS = { zh: '用户名或密码错误', en: 'Wrong username or password' };

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/auth/login',
    {
      config: { access: ACCESS.public },
      schema: {
        operationId: 'login',
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie',
        body: LoginSchema,
        response: { 200: SessionUserSchema, 400: ApiErrorSchema, 401: ApiErrorSchema, 429: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      // A browser that signed in as this user before keeps its own allowance (docs/security.md).
      const deviceCookie = request.cookies[DEVICE_COOKIE];
      const deviceToken = deviceCookie && /^[A-Za-z0-9_-]{43}$/.test(deviceCookie) ? deviceCookie : null;
      const attempt = await app.loginThrottle.claimAttempt(username, request.ip, deviceToken);
      if (attempt === null) {
        const minutes = Math.round(app.loginThrottle.policy.windowMs / 60_000);
        throw new HttpError(429, { zh: `登录失败次数过多，请 ${minutes} 分钟后再试`, en: `Too many failed sign-ins; try again in ${minutes} minutes` });
      }
      // A wrong password leaves the claimed attempt as a recorded failure.
      const account = await app.sessions.verifyCredentials(username, password);
      if (!account) throw new HttpError(401, BAD_CREDENTIALS);
      const device = await app.loginThrottle.succeeded(attempt, username, deviceToken);
      const token = await app.sessions.create(account.id);
      const user = await app.sessions.resolve(token);
      if (!user) throw new HttpError(401, BAD_CREDENTIALS);
      app.setSessionCookie(reply, request, token);
      // After the session cookie: scripts that read the first Set-Cookie (the drills) get the session.
      app.setDeviceCookie(reply, request, device);
      return user;
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: ACCESS.signedIn }, schema: { operationId: 'logout', tags: ['auth'], summary: 'Sign out: the session ends on the server', response: { 204: z.null() } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await app.sessions.destroy(token);
      app.clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { config: { access: ACCESS.signedIn }, schema: { operationId: 'getCurrentUser', tags: ['auth'], summary: 'The signed-in user and their scope', response: { 200: SessionUserSchema } } },
    async (request) => request.user!,
  );
};
