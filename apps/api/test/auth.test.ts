import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createSessionRepository } from '@pufa/db';
import { signIn, TEST_PASSWORD, useTestApp } from './helper.ts';

// A short throttle window so "trips and resets" runs in a second.
const ctx = useTestApp({ loginThrottle: { windowMs: 1_500, maxPerUsername: 3, maxPerIp: 1_000 } });

const login = (username: string, password: string, ip = '127.0.0.1') =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

describe('POST /api/auth/login', () => {
  it('signs in with an httpOnly, SameSite=Lax session cookie and answers the user without any password', async () => {
    const res = await login('eastclerk', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'pufa_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy(); // plain http here; Secure over https
    expect(res.json()).toMatchObject({ username: 'eastclerk', role: 'clerk', townshipIds: [ctx.fixture.east.townshipId] });
    expect(res.body).not.toMatch(/password|argon2/i);
  });

  it('sets the Secure flag when served over https (TRUST_PROXY and a proxy that says so)', async () => {
    const { buildApp } = await import('../src/app.ts');
    const behindProxy = await buildApp({ db: ctx.db, serveWebApp: false, trustProxy: true });
    const payload = { username: 'eastleader', password: TEST_PASSWORD };
    const https = await behindProxy.inject({ method: 'POST', url: '/api/auth/login', payload, headers: { 'x-forwarded-proto': 'https' } });
    expect(https.cookies.find((c) => c.name === 'pufa_session')?.secure).toBe(true);
    // Without TRUST_PROXY the header is not believed.
    const plain = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload, headers: { 'x-forwarded-proto': 'https' } });
    expect(plain.cookies.find((c) => c.name === 'pufa_session')?.secure).toBeFalsy();
    await behindProxy.close();
  });

  it('answers a wrong password, an unknown user and a disabled user with the same 401', async () => {
    await ctx.db.prisma.user.update({ where: { id: ctx.fixture.userIds.countyLeader }, data: { isActive: false } });
    const answers = await Promise.all([
      login('eastleader', 'wrong password', '10.0.0.1'),
      login('nobody', TEST_PASSWORD, '10.0.0.2'),
      login('countyleader', TEST_PASSWORD, '10.0.0.3'),
    ]);
    for (const res of answers) expect(res.statusCode).toBe(401);
    expect(new Set(answers.map((r) => r.body)).size).toBe(1);
    expect(answers[0]!.json()).toMatchObject({ message: '用户名或密码错误', messageEn: 'Wrong username or password' });
  });

  it('refuses a username after repeated failures, even with the right password, until the window has passed', async () => {
    for (let i = 0; i < 3; i += 1) expect((await login('westclerk', 'guess', '10.0.1.1')).statusCode).toBe(401);
    const blocked = await login('westclerk', TEST_PASSWORD, '10.0.1.2');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().message).toContain('次数过多');
    await sleep(1_600);
    expect((await login('westclerk', TEST_PASSWORD, '10.0.1.2')).statusCode).toBe(200);
  });

  it('is refused with a field-level 400 when the body is malformed', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.map((f: { field: string }) => f.field)).toEqual(['password']);
  });
});

describe('sessions', () => {
  it('a request without a session, or with a made-up cookie, is answered 401', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/events' })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/events', headers: { cookie: 'pufa_session=forged' } })).statusCode).toBe(401);
  });

  it('logout ends the session on the server: the same cookie no longer works', async () => {
    const cookie = await signIn(ctx.app, 'eastClerk');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('survive a restart: they are in the database, not in the process', async () => {
    const cookie = await signIn(ctx.app, 'eastClerk');
    const { buildApp } = await import('../src/app.ts');
    const second = await buildApp({ db: ctx.db, serveWebApp: false });
    expect((await second.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    await second.close();
  });

  it('expire when idle too long and at their absolute limit', async () => {
    const sessions = createSessionRepository(ctx.db.prisma, { idleMs: 60 * 60_000, absoluteMs: 3 * 60 * 60_000 });
    const start = new Date('2026-11-26T08:00:00Z');
    const minutes = (n: number) => new Date(start.getTime() + n * 60_000);
    const idle = await sessions.create(ctx.fixture.userIds.eastClerk, start);
    expect(await sessions.resolve(idle, minutes(59))).not.toBeNull();
    expect(await sessions.resolve(idle, minutes(59 + 61))).toBeNull(); // idle for 61 minutes
    const busy = await sessions.create(ctx.fixture.userIds.eastClerk, start);
    for (let m = 30; m < 180; m += 30) expect(await sessions.resolve(busy, minutes(m))).not.toBeNull();
    expect(await sessions.resolve(busy, minutes(181))).toBeNull(); // past 3 hours however active
  });

  it('of a user who is disabled end at once', async () => {
    const cookie = await signIn(ctx.app, 'eastLeader');
    const res = await ctx.inject({ method: 'PATCH', url: `/api/users/${ctx.fixture.userIds.eastLeader}`, payload: { isActive: false } });
    expect(res.statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    await ctx.inject({ method: 'PATCH', url: `/api/users/${ctx.fixture.userIds.eastLeader}`, payload: { isActive: true } });
  });
});

describe('users', () => {
  it('never carry a password or its hash in any answer', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/users' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/password|argon2/i);
  });

  it('a reset password works, the old one does not', async () => {
    const id = ctx.fixture.userIds.westClerk;
    expect((await ctx.inject({ method: 'PATCH', url: `/api/users/${id}`, payload: { password: 'a brand new secret' } })).statusCode).toBe(200);
    expect((await login('westclerk', 'a brand new secret', '10.0.2.1')).statusCode).toBe(200);
    expect((await login('westclerk', TEST_PASSWORD, '10.0.2.1')).statusCode).toBe(401);
  });

  it('an administrator cannot lock themselves out', async () => {
    const res = await ctx.inject({ method: 'PATCH', url: `/api/users/${ctx.fixture.userIds.countyAdmin}`, payload: { isActive: false } });
    expect(res.statusCode).toBe(400);
  });

  it('a taken username or a short password is a field-level 400', async () => {
    const base = { displayName: 'x', role: 'clerk', orgUnitId: ctx.fixture.east.townshipId };
    const taken = await ctx.inject({ method: 'POST', url: '/api/users', payload: { ...base, username: 'eastclerk', password: 'long enough 123' } });
    expect(taken.json().fields[0].field).toBe('username');
    const short = await ctx.inject({ method: 'POST', url: '/api/users', payload: { ...base, username: 'newbie', password: 'short' } });
    expect(short.json().fields[0].field).toBe('password');
  });
});

describe('security baseline', () => {
  it('sends security headers with a CSP that the built app passes', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a state-changing request sent from another site (CSRF)', async () => {
    const evil = await ctx.inject({ method: 'POST', url: '/api/events', headers: { origin: 'http://evil.example' }, payload: { startDate: '2026-01-01', title: 'x', townshipId: ctx.fixture.east.townshipId } });
    expect(evil.statusCode).toBe(403);
    const crossSite = await ctx.inject({ method: 'DELETE', url: '/api/events/1', headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.statusCode).toBe(403);
    const sameOrigin = await ctx.inject({ method: 'POST', url: '/api/events', headers: { origin: 'http://localhost:80', host: 'localhost:80' }, payload: { startDate: '2026-01-01', title: 'x', townshipId: ctx.fixture.east.townshipId } });
    expect(sameOrigin.statusCode).toBe(201);
  });
});
