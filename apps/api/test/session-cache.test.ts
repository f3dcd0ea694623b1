// Sessions are cached in each API process (issue 10); a sign-out, a disabled
// user or a changed role must still take effect at once, in this process and
// in every other process on the same database (LISTEN/NOTIFY from database triggers).
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '@pufa/domain';
import { openDatabase } from '@pufa/db';
import { DEFAULT_TEST_SERVER } from '@pufa/db/testing';
import { buildApp } from '../src/app.ts';
import { signIn, testDatabaseKind, useTestApp } from './helper.ts';

const ctx = useTestApp();

const me = (app: typeof ctx.app, cookie: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

/** Asks until the answer changes (a notification crosses processes in milliseconds), for at most 3 s (or `tries` × 50 ms). */
async function eventually(check: () => Promise<boolean>, tries = 60): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('cached sessions in this process', () => {
  it('end at sign-out', async () => {
    const cookie = await signIn(ctx.app, 'eastLeader');
    expect((await me(ctx.app, cookie)).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    expect((await me(ctx.app, cookie)).statusCode).toBe(401);
  });

  it('end when an administrator disables the user, and follow a role change', async () => {
    const clerk = await signIn(ctx.app, 'westClerk');
    expect((await me(ctx.app, clerk)).json<SessionUser>().role).toBe('clerk');
    const disable = await ctx.inject({ method: 'PATCH', url: `/api/users/${ctx.fixture.userIds.westClerk}`, payload: { isActive: false } });
    expect(disable.statusCode).toBe(200);
    expect((await me(ctx.app, clerk)).statusCode).toBe(401);
  });

  it("see a new township in a county user's scope at once", async () => {
    const before = (await me(ctx.app, ctx.cookies.countyLeader)).json<SessionUser>().townshipIds;
    const added = await ctx.inject({ method: 'POST', url: '/api/org-units', payload: { parentId: ctx.fixture.countyId, name: '北镇' } });
    expect(added.statusCode).toBe(201);
    const after = (await me(ctx.app, ctx.cookies.countyLeader)).json<SessionUser>().townshipIds;
    expect(after).toEqual([...before, added.json<{ id: number }>().id].sort((a, b) => a - b));
  });
});

// Two API processes share a PostgreSQL server; PGlite is one process by design (the data-folder lock),
// so this block exists only in the PostgreSQL run.
if (testDatabaseKind() === 'postgresql') describe('cached sessions in another API process on the same database', () => {
  it('end when the user signs out, or is disabled, in the first process', async () => {
    const url = new URL(process.env.DATABASE_URL || DEFAULT_TEST_SERVER);
    const [{ name }] = (await ctx.db.prisma.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`) as [{ name: string }];
    url.pathname = `/${name}`;
    const otherDb = await openDatabase({ kind: 'postgresql', url: url.toString() });
    const other = await buildApp({ db: otherDb, serveWebApp: false });
    try {
      await other.ready();
      const leader = await signIn(ctx.app, 'eastLeader');
      const admin = await signIn(ctx.app, 'eastAdmin');
      expect((await me(other, leader)).statusCode).toBe(200);
      expect((await me(other, admin)).statusCode).toBe(200);
      expect((await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: leader } })).statusCode).toBe(204);
      expect(await eventually(async () => (await me(other, leader)).statusCode === 401)).toBe(true);
      await ctx.inject({ method: 'PATCH', url: `/api/users/${ctx.fixture.userIds.eastAdmin}`, payload: { role: 'leader' } });
      expect(await eventually(async () => (await me(other, admin)).statusCode === 401)).toBe(true);
    } finally {
      await other.close();
      await otherDb.close();
    }
  });
  it('are all dropped after the listener reconnects, so a sign-out made while it was down is not missed', async () => {
    const url = new URL(process.env.DATABASE_URL || DEFAULT_TEST_SERVER);
    const [{ name }] = (await ctx.db.prisma.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`) as [{ name: string }];
    url.pathname = `/${name}`;
    const otherDb = await openDatabase({ kind: 'postgresql', url: url.toString() });
    const other = await buildApp({ db: otherDb, serveWebApp: false });
    try {
      await other.ready();
      const feed = await otherDb.authChanges();
      expect(await eventually(async () => feed.isLive, 200)).toBe(true);
      const leader = await signIn(ctx.app, 'eastLeader');
      expect((await me(other, leader)).statusCode).toBe(200);
      expect((await me(other, leader)).statusCode).toBe(200); // now answered from the other process's cache
      const connection = feed.connection;
      // A real reconnect: the server ends every listening backend of this database (both processes'),
      // and the session is signed out at once, while nobody hears the notification.
      await ctx.db.prisma.$transaction([
        ctx.db.prisma.$queryRaw`SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = current_database() AND query = ${'LISTEN pufa_auth_changed'} AND pid <> pg_backend_pid()`,
        ctx.db.prisma.session.deleteMany({ where: { userId: ctx.fixture.userIds.eastLeader } }),
      ]);
      // The listener comes back (after about a second) on a new connection.
      expect(await eventually(async () => feed.isLive && feed.connection > connection, 200)).toBe(true);
      // The first answer after the reconnect already refuses the signed-out session.
      expect((await me(other, leader)).statusCode).toBe(401);
    } finally {
      await other.close();
      await otherDb.close();
    }
  });
});
