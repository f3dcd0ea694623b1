// The big screen: its figures (GET /api/screen) and its live stream (GET /api/screen/stream,
// Server-Sent Events fed by LISTEN pufa_event_changed), read over a real HTTP connection:
// what a county's screen hears, what it must not hear (another county), the session's end.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, openDatabase, seedCounty, seedTownship } from '@pufa/db';
import { DEFAULT_TEST_SERVER } from '@pufa/db/testing';
import { buildApp } from '../src/app.ts';
import { todayInChina, type Event, type EventCreate, type Screen } from '@pufa/domain';
import { signIn, TEST_PASSWORD, testDatabaseKind, useTestApp, type TestUser } from './helper.ts';

const ctx = useTestApp({ screenStream: { heartbeatMs: 300, minGapMs: 200 } });
let baseUrl = '';
let other: { townshipId: number; villageIds: number[] };
let otherClerk = '';
const today = todayInChina();

interface Message {
  event: string;
  data: unknown;
}

/**
 * Opens the stream as a browser would and collects its messages; `next` waits for a matching one.
 * Plain node:http with a socket of its own (fetch's pool keeps a spare socket open, which would hold the server's close).
 */
async function openStream(cookie: string, base = baseUrl) {
  const messages: Message[] = [];
  const comments: string[] = [];
  let isDone = false;
  let wake = () => {};
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = http.get(`${base}/api/screen/stream`, { agent: false, headers: { cookie, accept: 'text/event-stream' } }, resolve);
    request.on('error', reject);
  });
  res.setEncoding('utf8');
  let buffer = '';
  res.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (block.startsWith(':')) comments.push(block);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event) messages.push({ event, data: data ? JSON.parse(data) : null });
    }
    wake();
  });
  res.on('close', () => {
    isDone = true;
    wake();
  });
  async function until<T>(check: () => T | undefined, what: string, timeoutMs = 2_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = check();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms; got ${JSON.stringify(messages)}`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 50);
      });
    }
  }
  return {
    status: res.statusCode,
    headers: res.headers,
    messages,
    comments,
    get isDone() {
      return isDone;
    },
    until,
    next: (predicate: (m: Message) => boolean, timeoutMs?: number) => until(() => messages.find(predicate), 'matching message', timeoutMs),
    close: () => res.destroy(),
  };
}

const changedFor = (townshipId: number) => (m: Message) => m.event === 'changed' && ((m.data as { townshipIds: number[] | null }).townshipIds ?? []).includes(townshipId);

async function create(cookie: string, body: Partial<EventCreate> & { townshipId: number }) {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/events', headers: { cookie }, payload: { title: '大屏测试', startDate: today, ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Event>();
}
const as = (user: TestUser) => ctx.cookies[user];

beforeAll(async () => {
  const { prisma } = ctx.db;
  const county = await seedCounty(prisma, { code: 'other-county', name: '邻县', nameEn: 'Other County' });
  other = await seedTownship(prisma, { countyId: county.id, code: 'other', name: '邻镇', nameEn: 'Other Town', villages: [{ code: 'other-v1', name: '邻村', nameEn: 'Other village' }] });
  await prisma.user.create({ data: { username: 'otherclerk', displayName: '邻县录入员', passwordHash: await hashPassword(TEST_PASSWORD), role: 'clerk', orgUnitId: other.townshipId } });
  otherClerk = await signIn(ctx.app, 'otherclerk');
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const address = ctx.app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => {
  expect(ctx.app.screenStreams()).toBe(0);
});

describe('GET /api/screen/stream', () => {
  it('answers 401 without a session, and opens nothing', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/screen/stream' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ message: expect.stringContaining('登录') });
    expect(ctx.app.screenStreams()).toBe(0);
  });

  it("tells a county's screen of an event saved in one of its townships, and nothing of another county's", async () => {
    const stream = await openStream(as('countyLeader'));
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers['cache-control']).toBe('no-store');
    // The security headers every answer carries (helmet) are on the hijacked stream too.
    expect(stream.headers['x-content-type-options']).toBe('nosniff');
    await stream.next((m) => m.event === 'ready');
    // The other county's save commits first: had it been told, it would come first.
    await create(otherClerk, { townshipId: other.townshipId });
    await create(as('eastClerk'), { townshipId: ctx.fixture.east.townshipId, villageIds: [ctx.fixture.east.villageIds[0]!] });
    await stream.next(changedFor(ctx.fixture.east.townshipId));
    expect(stream.messages.filter(changedFor(other.townshipId))).toEqual([]);
    stream.close();
  });

  it("tells a township's screen of its own events only, not of the neighbouring township's", async () => {
    const stream = await openStream(as('westClerk'));
    await stream.next((m) => m.event === 'ready');
    await create(as('eastClerk'), { townshipId: ctx.fixture.east.townshipId });
    await create(as('westClerk'), { townshipId: ctx.fixture.west.townshipId });
    await stream.next(changedFor(ctx.fixture.west.townshipId));
    expect(stream.messages.filter(changedFor(ctx.fixture.east.townshipId))).toEqual([]);
    stream.close();
  });

  it('hears edits and deletes too, and an event moved out of the township', async () => {
    const event = await create(as('countyAdmin'), { townshipId: ctx.fixture.east.townshipId });
    const stream = await openStream(as('eastLeader'));
    await stream.next((m) => m.event === 'ready');
    const res = await ctx.inject({ method: 'DELETE', url: `/api/events/${event.id}` });
    expect(res.statusCode).toBe(204);
    await stream.next(changedFor(ctx.fixture.east.townshipId));
    stream.close();
  });

  it('folds a burst of saves into few messages', async () => {
    const stream = await openStream(as('countyLeader'));
    await stream.next((m) => m.event === 'ready');
    for (let i = 0; i < 6; i += 1) await create(as('eastClerk'), { townshipId: ctx.fixture.east.townshipId, title: `连续${i}` });
    await stream.next(changedFor(ctx.fixture.east.townshipId));
    // Leading message at once, the rest folded into one per 200 ms gap.
    await new Promise((resolve) => setTimeout(resolve, 450));
    const changed = stream.messages.filter((m) => m.event === 'changed');
    expect(changed.length).toBeGreaterThanOrEqual(1);
    expect(changed.length).toBeLessThan(6);
    stream.close();
  });

  it('sends heartbeats, and ends the stream when the session is signed out', async () => {
    const cookie = await signIn(ctx.app, 'eastleader');
    const stream = await openStream(cookie);
    await stream.next((m) => m.event === 'ready');
    await stream.until(() => stream.comments.find((c) => c === ': heartbeat'), 'heartbeat');
    expect((await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBeLessThan(300);
    await stream.next((m) => m.event === 'signed-out');
    await stream.until(() => (stream.isDone ? true : undefined), 'end of stream');
  });

  it('is forgotten once the browser goes away', async () => {
    const before = ctx.app.screenStreams();
    const stream = await openStream(as('countyLeader'));
    await stream.next((m) => m.event === 'ready');
    expect(ctx.app.screenStreams()).toBe(before + 1);
    stream.close();
    await stream.until(() => (ctx.app.screenStreams() === before ? true : undefined), 'stream forgotten');
  });
});

// Two API processes on one PostgreSQL database (PGlite is one process by design): a save through
// one reaches a screen streaming from the other, through the database's NOTIFY.
if (testDatabaseKind() === 'postgresql') describe('GET /api/screen/stream with another API process', () => {
  it("hears a save made through the first process, and tells every screen when its listener had to reconnect", async () => {
    const url = new URL(process.env.DATABASE_URL || DEFAULT_TEST_SERVER);
    const [{ name }] = (await ctx.db.prisma.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`) as [{ name: string }];
    url.pathname = `/${name}`;
    const otherDb = await openDatabase({ kind: 'postgresql', url: url.toString() });
    const other = await buildApp({ db: otherDb, serveWebApp: false, screenStream: { minGapMs: 200 } });
    try {
      await other.listen({ port: 0, host: '127.0.0.1' });
      const address = other.server.address();
      const stream = await openStream(as('countyLeader'), `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
      await stream.next((m) => m.event === 'ready');
      const feed = await otherDb.eventChanges();
      await stream.until(() => (feed.isLive ? true : undefined), 'listener');
      await create(as('eastClerk'), { townshipId: ctx.fixture.east.townshipId, title: '另一进程' });
      await stream.next(changedFor(ctx.fixture.east.townshipId));
      // The server ends the listening connections: whatever was saved meanwhile went unheard, so every screen refetches.
      await ctx.db.prisma.$queryRaw`SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = current_database() AND query = ${'LISTEN pufa_event_changed'} AND pid <> pg_backend_pid()`;
      await stream.next((m) => m.event === 'changed' && (m.data as { townshipIds: unknown }).townshipIds === null, 5_000);
      stream.close();
      await stream.until(() => (other.screenStreams() === 0 ? true : undefined), 'stream forgotten');
    } finally {
      await other.close();
      await otherDb.close();
    }
  });
});

describe('GET /api/screen', () => {
  it("gives a county's year, its townships ranked, the named days and the newest events, and nothing of another county", async () => {
    const f = ctx.fixture;
    await create(as('eastClerk'), { townshipId: f.east.townshipId, title: '东镇宪法日', campaignId: f.campaign('constitution-day'), villageIds: f.east.villageIds.slice(0, 2), audience: 120, materials: [{ materialTypeId: f.material('leaflet'), quantity: 300 }] });
    await create(otherClerk, { townshipId: other.townshipId, title: '邻县活动', campaignId: f.campaign('constitution-day'), audience: 999 });
    const res = await ctx.inject({ method: 'GET', url: '/api/screen', as: 'countyLeader' });
    expect(res.statusCode, res.body).toBe(200);
    const screen = res.json<Screen>();
    expect(screen.unit).toMatchObject({ id: f.countyId, level: 'county' });
    expect(screen.childLevel).toBe('township');
    expect(screen.ranking.map((r) => r.name).sort()).toEqual(['东镇', '西镇']);
    expect(screen.unitsTotal).toBe(2);
    // Figures equal the stats of the same scope and year.
    const stats = (await ctx.inject({ method: 'GET', url: `/api/stats?from=${screen.year}-01-01&to=${screen.year}-12-31&groupBy=township`, as: 'countyLeader' })).json<{ totals: Screen['totals']; rows: { key: string; activities: number }[] }>();
    expect(screen.totals.activities).toBe(stats.totals.activities);
    expect(screen.totals.audience).toBe(stats.totals.audience);
    expect(screen.months.reduce((sum, m) => sum + m.activities, 0)).toBe(stats.totals.activities);
    for (const row of screen.ranking) expect(row.activities).toBe(stats.rows.find((r) => r.key === String(row.unitId))?.activities ?? 0);
    const constitution = screen.namedDays.find((d) => d.campaignId === f.campaign('constitution-day'))!;
    expect(constitution.unitsMarked).toBe(1);
    expect(screen.latest[0]).toMatchObject({ title: '东镇宪法日', township: { name: '东镇' }, startDate: today });
    expect(screen.latest[0]!.villages.map((v) => v.name)).toEqual(['east村1', 'east村2']);
    const text = res.body;
    expect(text).not.toContain('邻县');
    expect(text).not.toContain('邻镇');
    // No person's name: the users who logged the events are not named.
    for (const name of ['eastClerk', 'countyAdmin', '邻县录入员']) expect(text).not.toContain(name);
  });

  it("gives a township's villages one level down", async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/screen', as: 'eastLeader' });
    expect(res.statusCode, res.body).toBe(200);
    const screen = res.json<Screen>();
    expect(screen.unit.id).toBe(ctx.fixture.east.townshipId);
    expect(screen.childLevel).toBe('village');
    expect(screen.unitsTotal).toBe(4);
    expect(screen.ranking[0]).toMatchObject({ name: expect.stringMatching(/^east村[12]$/), rank: 1 });
    expect(screen.namedDays.find((d) => d.campaignId === ctx.fixture.campaign('constitution-day'))!.unitsMarked).toBe(2);
    expect(screen.latest.every((e) => e.township.name === '东镇')).toBe(true);
  });

  it('answers 401 without a session', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/screen' })).statusCode).toBe(401);
  });
});
