// What the drills of issue 9 found, each as a reproducer: races (parallel
// sign-ins, copies and deletes, stale versions), input no database can store
// (NUL, lone surrogates, out-of-range integers, ids that are not digits), a
// database that is away, a body that never arrives, cross-origin writes, and
// spreadsheet formulas in exported text.
import net from 'node:net';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@pufa/db';
import type { Event, EventCreate, PlanItem } from '@pufa/domain';
import { buildApp } from '../src/app.ts';
import { useTestApp, type Fixture } from './helper.ts';
import { LIBREOFFICE_TEST_TIMEOUT_MS, readWithLibreOffice } from './libreoffice.ts';

const ctx = useTestApp({ loginThrottle: { windowMs: 60_000, maxPerUsername: 5, maxPerIp: 30 } });

const eventInput = (f: Fixture, overrides: Partial<EventCreate> = {}): EventCreate => ({
  startDate: '2026-06-26',
  title: '6·26禁毒宣传',
  townshipId: f.east.townshipId,
  villageIds: [f.east.villageIds[0]!],
  audience: 100,
  materials: [{ materialTypeId: f.material('leaflet'), quantity: 50 }],
  ...overrides,
});

async function createEvent(overrides: Partial<EventCreate> = {}): Promise<Event> {
  const res = await ctx.inject({ method: 'POST', url: '/api/events', payload: eventInput(ctx.fixture, overrides), as: 'eastClerk' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Event>();
}

const countRows = async () => ({
  events: await ctx.db.prisma.event.count(),
  audit: await ctx.db.prisma.auditLog.count(),
  plans: await ctx.db.prisma.planItem.count(),
});

const fieldsOf = (body: string) => (JSON.parse(body) as { fields?: { field: string }[] }).fields?.map((f) => f.field);

describe('login throttle under concurrency', () => {
  it('checks no more passwords than the limit, however many arrive at once', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 40 }, () => ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'eastleader', password: 'wrong password' } })),
    );
    const statuses = attempts.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
  });
});

describe('spreadsheet formulas in the ledger CSV', () => {
  const dangerous = {
    title: '=HYPERLINK("http://evil.example/x","点我")',
    location: '+1+2',
    notes: '@SUM(1+1)',
  };

  it('are written as text that LibreOffice shows and does not run; numbers stay numbers', async () => {
    await createEvent({ ...dangerous, startDate: '2026-02-03', title: dangerous.title });
    await createEvent({ startDate: '2026-02-04', title: '-2+3 负号开头的主题', notes: '-5' });
    const res = await ctx.inject({ method: 'GET', url: '/api/exports/ledger.csv?from=2026-02-01&to=2026-02-28', as: 'eastClerk' });
    expect(res.statusCode).toBe(200);
    const rows: string[][] = parse(res.rawPayload, { bom: true });
    const [header, first, second] = rows;
    const col = (name: string) => header!.indexOf(name);
    expect(first![col('活动主题')]).toBe(`'${dangerous.title}`);
    expect(first![col('地点')]).toBe(`'${dangerous.location}`);
    expect(first![col('备注')]).toBe(`'${dangerous.notes}`);
    expect(second![col('活动主题')]).toBe("'-2+3 负号开头的主题");
    expect(second![col('备注')]).toBe('-5');
    // Opened the way an office opens it: nothing evaluated (a formula would show its result: 点我, 3, 2).
    const [shown] = Object.values(await readWithLibreOffice(res.rawPayload, 'csv'));
    expect(shown![1]![col('活动主题')]).toBe(`'${dangerous.title}`);
    expect(shown![1]![col('地点')]).toBe(`'${dangerous.location}`);
    expect(shown![1]![col('备注')]).toBe(`'${dangerous.notes}`);
  }, LIBREOFFICE_TEST_TIMEOUT_MS);

  it('starts a cell that begins with a tab or a carriage return before = with an apostrophe too', async () => {
    // The API trims titles, so such a title comes from older data or a direct write: the export must still defuse it.
    const tab = await createEvent({ startDate: '2026-03-03', title: '制表符开头' });
    const cr = await createEvent({ startDate: '2026-03-04', title: '回车开头' });
    await ctx.db.prisma.event.update({ where: { id: tab.id }, data: { title: '\t=1+2' } });
    await ctx.db.prisma.event.update({ where: { id: cr.id }, data: { title: '\r=3+4' } });
    const res = await ctx.inject({ method: 'GET', url: '/api/exports/ledger.csv?from=2026-03-03&to=2026-03-04', as: 'eastClerk' });
    expect(res.statusCode).toBe(200);
    const [header, ...rows]: string[][] = parse(res.rawPayload, { bom: true });
    const titles = rows.map((row) => row[header!.indexOf('活动主题')]);
    expect(titles).toEqual(["'\t=1+2", "'\r=3+4"]);
  });

  it('stay plain text cells in the workbook, shown exactly as typed', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/exports/annual.xlsx?from=2026-02-01&to=2026-02-28&orgUnitId=' + ctx.fixture.east.townshipId, as: 'eastClerk' });
    expect(res.statusCode).toBe(200);
    const sheets = await readWithLibreOffice(res.rawPayload, 'xlsx');
    const ledger = Object.entries(sheets).find(([name]) => name.includes('台账'))![1];
    const cells = ledger.flat();
    expect(cells).toContain(dangerous.title);
    expect(cells).toContain(dangerous.location);
    expect(cells).toContain(dangerous.notes);
    expect(cells).not.toContain('点我');
  }, LIBREOFFICE_TEST_TIMEOUT_MS);
});

describe('plan copy', () => {
  async function seedPlan(year: number, items: number) {
    const { east } = ctx.fixture;
    await ctx.db.prisma.planItem.createMany({
      data: Array.from({ length: items }, (_, i) => ({ townshipId: east.townshipId, year, title: `计划${i + 1}`, targetMonth: (i % 12) + 1 })),
    });
    const ids = (await ctx.db.prisma.planItem.findMany({ where: { townshipId: east.townshipId, year }, select: { id: true } })).map((p) => p.id);
    await ctx.db.prisma.planItemVillage.createMany({ data: ids.map((planItemId) => ({ planItemId, villageId: east.villageIds[0]! })) });
  }
  const copy = (fromYear: number, toYear: number) =>
    ctx.inject({ method: 'POST', url: '/api/plans/copy', payload: { townshipId: ctx.fixture.east.townshipId, fromYear, toYear }, as: 'eastClerk' });

  it('copies once when the same copy is sent eight times at once', async () => {
    await seedPlan(2030, 3);
    const answers = await Promise.all(Array.from({ length: 8 }, () => copy(2030, 2031)));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 400, 400, 400, 400, 400, 400, 400]);
    expect(fieldsOf(answers.find((r) => r.statusCode === 400)!.body)).toEqual(['toYear']);
    expect(await ctx.db.prisma.planItem.count({ where: { townshipId: ctx.fixture.east.townshipId, year: 2031 } })).toBe(3);
  });

  it('copies a plan of 125 items, with its villages, while other copies of it wait', async () => {
    await seedPlan(2040, 125);
    const answers = await Promise.all([copy(2040, 2041), copy(2040, 2041), copy(2040, 2042)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 201, 400]);
    const copied = answers.find((r) => r.statusCode === 201)!.json<PlanItem[]>();
    expect(copied).toHaveLength(125);
    expect(copied.map((p) => p.title)).toEqual(Array.from({ length: 125 }, (_, i) => `计划${i + 1}`));
    expect(copied.every((p) => p.villageIds.length === 1)).toBe(true);
    expect(await ctx.db.prisma.auditLog.count({ where: { entity: 'planItem', entityId: { in: copied.map((p) => String(p.id)) } } })).toBe(125);
  });
});

describe('text a database cannot store', () => {
  it.each([
    ['a NUL in a title', { title: 'a\u0000b' }, 'title'],
    ['a lone surrogate in the notes', { notes: 'x\uD800y' }, 'notes'],
    ['a NUL in a list of text', { sixInto: ['villages\u0000'] }, 'sixInto.0'],
  ])('refuses %s with 400 on the field and stores nothing', async (_name, overrides, field) => {
    const before = await countRows();
    const res = await ctx.inject({ method: 'POST', url: '/api/events', payload: eventInput(ctx.fixture, overrides as Partial<EventCreate>), as: 'eastClerk' });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.body)).toEqual([field]);
    expect(await countRows()).toEqual(before);
  });

  it('refuses NUL in a sign-in, a search and an export filter, before any of them reaches the database', async () => {
    const login = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '\u0000', password: 'x' } });
    expect([login.statusCode, fieldsOf(login.body)]).toEqual([400, ['username']]);
    const search = await ctx.inject({ method: 'GET', url: '/api/events?q=%00' });
    expect([search.statusCode, fieldsOf(search.body)]).toEqual([400, ['q']]);
    const csv = await ctx.inject({ method: 'GET', url: '/api/exports/ledger.csv?q=%00' });
    expect([csv.statusCode, csv.headers['content-type']]).toEqual([400, 'application/json; charset=utf-8']);
    const key = await ctx.inject({ method: 'POST', url: '/api/events', payload: { ...eventInput(ctx.fixture), 'x\u0000': 1 }, as: 'eastClerk' });
    expect(key.statusCode).toBe(400);
  });

  it('refuses a body nested 50,000 deep (the fuzz drill found it exhausted the stack: 500) with 400', async () => {
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    for (const url of ['/api/auth/login', '/api/events', '/api/plans/copy']) {
      const res = await ctx.inject({ method: 'POST', url, payload: deep, headers: { 'content-type': 'application/json' }, as: 'eastClerk' });
      expect(res.statusCode, url).toBe(400);
    }
  });
});

describe('numbers and ids', () => {
  it('refuses a version beyond the integer column with 400 on version', async () => {
    const event = await createEvent();
    const res = await ctx.inject({ method: 'PATCH', url: `/api/events/${event.id}`, payload: { version: 2_147_483_648, audience: 1 }, as: 'eastClerk' });
    expect([res.statusCode, fieldsOf(res.body)]).toEqual([400, ['version']]);
  });

  it.each(['0x10', '%201', '1e3', '+1', '1.0', '2147483648', '-1'])('refuses the id %s with 400 and touches nothing', async (id) => {
    const before = await countRows();
    for (const method of ['GET', 'DELETE'] as const) {
      const res = await ctx.inject({ method, url: `/api/events/${id}`, as: 'eastClerk' });
      expect([res.statusCode, fieldsOf(res.body)]).toEqual([400, ['id']]);
    }
    expect(await countRows()).toEqual(before);
  });

  it.each(['page=1e1', 'page=0x2', 'pageSize=%2010', 'page=99999999999'])('refuses the query %s with 400', async (query) => {
    const res = await ctx.inject({ method: 'GET', url: `/api/events?${query}` });
    expect(res.statusCode).toBe(400);
  });
});

describe('concurrent deletes', () => {
  it('of one event: one 204, the rest 404, one audit row', async () => {
    const event = await createEvent();
    const answers = await Promise.all(Array.from({ length: 10 }, () => ctx.inject({ method: 'DELETE', url: `/api/events/${event.id}`, as: 'eastClerk' })));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([204, ...Array(9).fill(404)]);
    expect(await ctx.db.prisma.auditLog.count({ where: { entity: 'event', entityId: String(event.id), action: 'delete' } })).toBe(1);
  });

  it('of one plan item: one 204, the rest 404, one audit row', async () => {
    const created = await ctx.inject({ method: 'POST', url: '/api/plans', payload: { townshipId: ctx.fixture.east.townshipId, year: 2026, title: '删除测试', targetMonth: 5 }, as: 'eastClerk' });
    const { id } = created.json<PlanItem>();
    const answers = await Promise.all(Array.from({ length: 12 }, () => ctx.inject({ method: 'DELETE', url: `/api/plans/${id}`, as: 'eastClerk' })));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([204, ...Array(11).fill(404)]);
    expect(await ctx.db.prisma.auditLog.count({ where: { entity: 'planItem', entityId: String(id), action: 'delete' } })).toBe(1);
  });
});

describe('concurrent saves of one version', () => {
  it('save once; every 409 names the version now stored', async () => {
    const event = await createEvent();
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => ctx.inject({ method: 'PATCH', url: `/api/events/${event.id}`, payload: { version: 1, audience: 200 + i }, as: 'eastClerk' })),
    );
    expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(1);
    const conflicts = answers.filter((r) => r.statusCode === 409).map((r) => r.json<{ currentVersion: number }>().currentVersion);
    expect(conflicts).toHaveLength(11);
    expect(new Set(conflicts)).toEqual(new Set([2]));
  });
});

describe('cross-site writes', () => {
  const write = (headers: Record<string, string>) =>
    ctx.inject({ method: 'POST', url: '/api/events', payload: eventInput(ctx.fixture), headers: { host: 'pufa.example:3000', ...headers }, as: 'eastClerk' });

  it('refuses another scheme, host or port, a same-site request and a null origin', async () => {
    const before = await countRows();
    for (const headers of <Record<string, string>[]>[
      { origin: 'https://pufa.example:3000' },
      { origin: 'http://pufa.example:3001' },
      { origin: 'http://evil.example:3000' },
      { origin: 'null' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site' },
    ]) {
      expect((await write(headers)).statusCode, JSON.stringify(headers)).toBe(403);
    }
    expect(await countRows()).toEqual(before);
  });

  it('accepts its own origin, and a client that is no browser', async () => {
    expect((await write({ origin: 'http://pufa.example:3000', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(201);
    expect((await write({})).statusCode).toBe(201);
  });
});

describe('a body that never arrives', () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let port: number;
  beforeAll(async () => {
    app = await buildApp({ db: ctx.db, serveWebApp: false, requestTimeoutMs: 1_000 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as net.AddressInfo).port;
  });
  afterAll(() => app.close());

  it('is answered 408 and the connection closed, not held open', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write('POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user');
      });
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
      setTimeout(() => reject(new Error(`no answer in 15 s: ${received}`)), 15_000).unref();
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });
});

describe('a database that is away', () => {
  it('answers 503 with Retry-After and a message for people, and logs the outage once', async () => {
    // A real PostgreSQL client on a port where no server listens: what a stopped database looks like.
    const away = await openDatabase({ kind: 'postgresql', url: 'postgresql://postgres@127.0.0.1:1/pufa' });
    const lines: string[] = [];
    const logger = { level: 'info', stream: new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }) };
    const app = await buildApp({ db: away, serveWebApp: false, logger });
    try {
      const answers = [
        await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'eastclerk', password: 'x' } }),
        ...(await Promise.all(Array.from({ length: 10 }, () => app.inject({ method: 'GET', url: '/api/events', cookies: { pufa_session: 'some-token' } })))),
      ];
      for (const res of answers) {
        expect(res.statusCode).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.json()).toMatchObject({ message: '数据库暂时不可用，请稍后重试' });
      }
      expect(lines.filter((line) => line.includes('database unavailable'))).toHaveLength(1);
    } finally {
      await app.close();
      await away.close();
    }
  });
});

describe('JSON bodies and text that can disguise itself (issue 22 item 24)', () => {
  const raw = (payload: Buffer | string, contentType = 'application/json') =>
    ctx.inject({ method: 'POST', url: '/api/events', payload, headers: { 'content-type': contentType }, as: 'eastClerk' });
  const validJson = () => JSON.stringify(eventInput(ctx.fixture, { title: '合法标题' }));

  it('refuses bytes that are not UTF-8 with 400 instead of storing U+FFFD', async () => {
    const before = await countRows();
    const json = Buffer.from(validJson(), 'utf8');
    const at = json.indexOf(Buffer.from('合法标题'));
    const body = Buffer.concat([json.subarray(0, at), Buffer.from([0x61, 0xff, 0xfe, 0xc0]), json.subarray(at)]);
    const res = await raw(body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ messageEn: 'The request body is not valid UTF-8' });
    expect(await countRows()).toEqual(before);
  });

  it('answers a UTF-16 body or another charset with 415, and takes UTF-8 with or without a BOM', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(validJson(), 'utf16le')]);
    expect((await raw(utf16)).statusCode).toBe(415);
    expect((await raw(Buffer.from(validJson(), 'utf16le'))).statusCode).toBe(415);
    expect((await raw(validJson(), 'application/json; charset=gbk')).statusCode).toBe(415);
    expect((await raw(validJson(), 'application/json; charset=UTF-8')).statusCode).toBe(201);
    expect((await raw(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(validJson())]))).statusCode).toBe(201);
  });

  it('names __proto__ and constructor keys as the reason, not "not valid JSON"', async () => {
    for (const body of ['{"__proto__":{"isAdmin":true},"title":"x"}', '{"title":"x","constructor":{"prototype":{"isAdmin":true}}}']) {
      const res = await raw(body);
      expect(res.statusCode, body).toBe(400);
      expect(res.json().messageEn, body).toMatch(/__proto__ or constructor/);
    }
    // A plain "constructor" field is an unknown field of the schema, named as such.
    const plain = await raw(JSON.stringify({ ...eventInput(ctx.fixture), constructor: 1 }));
    expect([plain.statusCode, fieldsOf(plain.body)]).toEqual([400, ['constructor']]);
    const malformed = await raw('{"title":');
    expect(malformed.json().messageEn).toBe('The request body is not valid JSON');
  });

  it.each([
    ['an override in a title', { title: '宪法宣传\u202Egnp.exe' }, 'title'],
    ['an embedding in the notes', { notes: '备注\u202A' }, 'notes'],
    ['an isolate in the location', { location: '\u2066广场\u2069' }, 'location'],
    ['a pop-directional formatting in a title', { title: 'a\u202Cb' }, 'title'],
    ['the last isolate control', { title: 'a\u2069' }, 'title'],
  ])('refuses %s with 400 on the field and stores nothing', async (_name, overrides, field) => {
    const before = await countRows();
    const res = await ctx.inject({ method: 'POST', url: '/api/events', payload: eventInput(ctx.fixture, overrides as Partial<EventCreate>), as: 'eastClerk' });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.body)).toEqual([field]);
    expect(res.json().fields[0].messageEn).toMatch(/text-direction control/);
    expect(await countRows()).toEqual(before);
  });

  it('refuses them in names and plan titles too, and keeps the characters beside the ranges', async () => {
    const dept = await ctx.inject({ method: 'POST', url: '/api/departments', payload: { townshipId: ctx.fixture.east.townshipId, name: '司法所\u2067' }, as: 'eastAdmin' });
    expect([dept.statusCode, fieldsOf(dept.body)]).toEqual([400, ['name']]);
    const plan = await ctx.inject({ method: 'POST', url: '/api/plans', payload: { townshipId: ctx.fixture.east.townshipId, year: 2026, title: '\u202D计划', targetMonth: 3 }, as: 'eastClerk' });
    expect([plan.statusCode, fieldsOf(plan.body)]).toEqual([400, ['title']]);
    // U+2029 and U+206A lie just outside the refused ranges (U+202A–U+202E, U+2066–U+2069).
    const ok = await ctx.inject({ method: 'POST', url: '/api/events', payload: eventInput(ctx.fixture, { title: '段\u2029落\u206A' }), as: 'eastClerk' });
    expect(ok.statusCode).toBe(201);
  });
});
