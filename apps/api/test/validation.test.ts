// Bad input: each answered 400 naming the field, in Chinese and English, and nothing stored.
import { describe, expect, it } from 'vitest';
import type { ApiError, Event, EventCreate } from '@pufa/domain';
import { useTestApp, type Fixture } from './helper.ts';

const ctx = useTestApp();

const valid = (f: Fixture): EventCreate => ({
  startDate: '2026-06-26',
  title: '6·26禁毒宣传',
  townshipId: f.east.townshipId,
  villageIds: [f.east.villageIds[0]!],
  materials: [{ materialTypeId: f.material('leaflet'), quantity: 100 }],
});

type BadCase = [name: string, field: string, body: (f: Fixture) => unknown];

const badBodies: BadCase[] = [
  ['missing title', 'title', (f) => ({ ...valid(f), title: undefined })],
  ['blank title', 'title', (f) => ({ ...valid(f), title: '   ' })],
  ['title over 200 characters', 'title', (f) => ({ ...valid(f), title: '宣'.repeat(201) })],
  ['notes over 2000 characters', 'notes', (f) => ({ ...valid(f), notes: '注'.repeat(2001) })],
  ['February 30th', 'startDate', (f) => ({ ...valid(f), startDate: '2026-02-30' })],
  ['month 13', 'startDate', (f) => ({ ...valid(f), startDate: '2026-13-01' })],
  ['date in another format', 'startDate', (f) => ({ ...valid(f), startDate: '2026/06/26' })],
  ['date as a number', 'startDate', (f) => ({ ...valid(f), startDate: 20260626 })],
  ['year 1900', 'startDate', (f) => ({ ...valid(f), startDate: '1900-01-01' })],
  ['end before start', 'endDate', (f) => ({ ...valid(f), endDate: '2026-06-25' })],
  ['event longer than a year', 'endDate', (f) => ({ ...valid(f), endDate: '2027-07-01' })],
  ['negative audience', 'audience', (f) => ({ ...valid(f), audience: -1 })],
  ['fractional audience', 'audience', (f) => ({ ...valid(f), audience: 1.5 })],
  ['audience as text', 'audience', (f) => ({ ...valid(f), audience: '100' })],
  ['absurd audience', 'audience', (f) => ({ ...valid(f), audience: 5_000_000 })],
  ['negative quantity', 'materials.0.quantity', (f) => ({ ...valid(f), materials: [{ materialTypeId: f.material('leaflet'), quantity: -5 }] })],
  ['zero quantity', 'materials.0.quantity', (f) => ({ ...valid(f), materials: [{ materialTypeId: f.material('leaflet'), quantity: 0 }] })],
  ['material line without type', 'materials.0.materialTypeId', () => ({ ...valid(ctx.fixture), materials: [{ quantity: 5 }] })],
  ['same material type twice', 'materials', (f) => ({ ...valid(f), materials: [{ materialTypeId: f.material('leaflet'), quantity: 1 }, { materialTypeId: f.material('leaflet'), quantity: 2 }] })],
  ['unknown material type', 'materials', (f) => ({ ...valid(f), materials: [{ materialTypeId: 99_999, quantity: 1 }] })],
  ['unknown township', 'townshipId', (f) => ({ ...valid(f), townshipId: 99_999 })],
  ['a village as the township', 'townshipId', (f) => ({ ...valid(f), townshipId: f.east.villageIds[0] })],
  ['unknown village', 'villageIds', (f) => ({ ...valid(f), villageIds: [99_999] })],
  ["another township's village", 'villageIds', (f) => ({ ...valid(f), villageIds: [f.west.villageIds[0]] })],
  ["another township's department", 'departmentIds', (f) => ({ ...valid(f), departmentIds: [f.west.departmentIds[0]] })],
  ['unknown campaign', 'campaignId', (f) => ({ ...valid(f), campaignId: 99_999 })],
  ['unknown law', 'lawIds', (f) => ({ ...valid(f), lawIds: [99_999] })],
  ['unknown form', 'formIds', (f) => ({ ...valid(f), formIds: [99_999] })],
  ['unknown target group', 'targetGroupIds', (f) => ({ ...valid(f), targetGroupIds: [99_999] })],
  ['unknown 六进 code', 'sixInto', (f) => ({ ...valid(f), sixInto: ['temples'] })],
  ['same village twice', 'villageIds', (f) => ({ ...valid(f), villageIds: [f.east.villageIds[0], f.east.villageIds[0]] })],
  ['ids as strings', 'villageIds.0', (f) => ({ ...valid(f), villageIds: [String(f.east.villageIds[0])] })],
  ['an extra field', 'photographer', (f) => ({ ...valid(f), photographer: '张三' })],
  ['an extra field in a material line', 'materials.0.unit', (f) => ({ ...valid(f), materials: [{ materialTypeId: f.material('leaflet'), quantity: 1, unit: '份' }] })],
  ['a list where a number belongs', 'consultations', (f) => ({ ...valid(f), consultations: [1] })],
  ['an id beyond 32 bits', 'campaignId', (f) => ({ ...valid(f), campaignId: 2 ** 40 })],
];

async function eventCount() {
  return ctx.db.prisma.event.count();
}

describe('POST /api/events with bad input', () => {
  it.each(badBodies)('%s → 400 naming %s, nothing stored', async (_name, field, body) => {
    const before = await eventCount();
    const res = await ctx.inject({ method: 'POST', url: '/api/events', payload: body(ctx.fixture) as object });
    expect(res.statusCode).toBe(400);
    const error = res.json<ApiError>();
    const named = error.fields?.find((f) => f.field === field);
    expect(named, JSON.stringify(error.fields)).toBeDefined();
    expect(named!.message).toMatch(/[\u4e00-\u9fff]/); // Chinese for the clerk…
    expect(named!.messageEn).toMatch(/[a-z]/); // …and English beside it
    expect(await eventCount()).toBe(before);
  });

  it('a valid body is accepted (the table above fails for its own reason)', async () => {
    const res = await ctx.inject({ method: 'POST', url: '/api/events', payload: valid(ctx.fixture) });
    expect(res.statusCode).toBe(201);
  });

  it.each([
    ['malformed JSON', 400, '{"title": ', 'application/json'],
    ['an array instead of an object', 400, '[1,2]', 'application/json'],
    ['plain text', 400, 'hello', 'text/plain'],
    ['an empty body', 400, '', 'application/json'],
    ['an unknown content type', 415, '<event/>', 'application/xml'],
  ])('%s → %i with a bilingual message', async (_name, status, payload, contentType) => {
    const before = await eventCount();
    const res = await ctx.inject({ method: 'POST', url: '/api/events', payload, headers: { 'content-type': contentType } });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ statusCode: status, message: expect.any(String), messageEn: expect.any(String) });
    expect(await eventCount()).toBe(before);
  });

  it.each(['/api/events/%zz', '/api/files/%E0%A4%A'])('an undecodable URL (%s) → 400 in the same bilingual shape', async (url) => {
    const res = await ctx.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ statusCode: 400, error: 'Bad Request', message: '网址不正确', messageEn: 'The URL is malformed' });
  });

  it('a body over the size limit → 413', async () => {
    const res = await ctx.inject({ method: 'POST', url: '/api/events', payload: { ...valid(ctx.fixture), notes: 'x'.repeat(300_000) } });
    expect(res.statusCode).toBe(413);
  });
});

describe('the longest event (EVENT_LIMITS.spanDays: 366 calendar days, first and last included)', () => {
  // 2026-03-01 to 2027-03-01 is 366 days counting both ends; a day more is refused.
  const longest = { startDate: '2026-03-01', endDate: '2027-03-01' };
  const dayTooLong = { startDate: '2026-03-01', endDate: '2027-03-02' };

  it('POST: the longest span is stored (201); one day more is a 400 on endDate and stores nothing', async () => {
    const ok = await ctx.inject({ method: 'POST', url: '/api/events', payload: { ...valid(ctx.fixture), ...longest } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<Event>()).toMatchObject(longest);
    const before = await eventCount();
    const refused = await ctx.inject({ method: 'POST', url: '/api/events', payload: { ...valid(ctx.fixture), ...dayTooLong } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<ApiError>().fields?.map((f) => f.field)).toEqual(['endDate']);
    expect(await eventCount()).toBe(before);
  });

  it('PATCH: the same boundary against the stored start date', async () => {
    const event = (await ctx.inject({ method: 'POST', url: '/api/events', payload: { ...valid(ctx.fixture), startDate: longest.startDate } })).json<Event>();
    const refused = await ctx.inject({ method: 'PATCH', url: `/api/events/${event.id}`, payload: { version: 1, endDate: dayTooLong.endDate } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<ApiError>().fields?.map((f) => f.field)).toEqual(['endDate']);
    const ok = await ctx.inject({ method: 'PATCH', url: `/api/events/${event.id}`, payload: { version: 1, endDate: longest.endDate } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<Event>()).toMatchObject({ ...longest, version: 2 });
  });
});

describe('PATCH /api/events/:id with bad input', () => {
  async function created() {
    return (await ctx.inject({ method: 'POST', url: '/api/events', payload: valid(ctx.fixture) })).json<Event>();
  }

  it.each<BadCase>([
    ['no version', 'version', () => ({ title: 'x' })],
    ['end date before the stored start date', 'endDate', () => ({ version: 1, endDate: '2026-01-01' })],
    ["a village of another township", 'villageIds', (f) => ({ version: 1, villageIds: [f.west.villageIds[0]] })],
    ["moving to another township while keeping this one's villages", 'villageIds', (f) => ({ version: 1, townshipId: f.west.townshipId })],
    ['an extra field', 'id', () => ({ version: 1, id: 5 })],
    ['a blank title', 'title', () => ({ version: 1, title: '' })],
  ])('%s → 400 naming %s, event unchanged', async (_name, field, body) => {
    const event = await created();
    const res = await ctx.inject({ method: 'PATCH', url: `/api/events/${event.id}`, payload: body(ctx.fixture) as object });
    expect(res.statusCode).toBe(400);
    expect(res.json<ApiError>().fields?.map((f) => f.field)).toContain(field);
    const stored = (await ctx.inject({ method: 'GET', url: `/api/events/${event.id}` })).json<Event>();
    expect(stored).toEqual(event);
  });
});

describe('bad query strings and ids', () => {
  it.each([
    ['/api/events?from=2026-02-30', 'from'],
    ['/api/events?from=2026-05-01&to=2026-04-01', 'to'],
    ['/api/events?page=0', 'page'],
    ['/api/events?page=abc', 'page'],
    ['/api/events?pageSize=1000', 'pageSize'],
    ['/api/events?sort=password', 'sort'],
    ['/api/events?villageId=-1', 'villageId'],
    ['/api/events?unknown=1', 'unknown'],
    [`/api/events?q=${'字'.repeat(101)}`, 'q'],
    ['/api/events/abc', 'id'],
    ['/api/events/0', 'id'],
    ['/api/events/99999999999999999999', 'id'],
  ])('%s → 400 naming %s', async (url, field) => {
    const res = await ctx.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(400);
    expect(res.json<ApiError>().fields?.map((f) => f.field)).toContain(field);
  });
});

describe('unknown query parameters, on every operation of the OpenAPI document', () => {
  it('every operation answers 400 naming a parameter it does not declare, and changes nothing', async () => {
    const doc = (await ctx.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    const plan = await ctx.inject({ method: 'POST', url: '/api/plans', payload: { townshipId: ctx.fixture.east.townshipId, year: 2026, title: '未知参数', targetMonth: 5 } });
    expect(plan.statusCode).toBe(201);
    const planId = plan.json<{ id: number }>().id;
    const failures: string[] = [];
    let operations = 0;
    // Fastify checks the body before the query string: a body-only-schema route whose empty body is refused gets a valid one.
    const validBodies: Record<string, object> = { 'put /api/reporting-settings': { monthDueDay: 5, yearDueMonth: 1, yearDueDay: 15 } };
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item)) {
        operations += 1;
        const url = `${path.replace(/\{[^}]+\}/g, '1')}?bogusParam=1`;
        const res = await ctx.inject({ method: method.toUpperCase() as 'GET', url, ...(method === 'get' || method === 'delete' ? {} : { payload: validBodies[`${method} ${path}`] ?? {} }) });
        const fields = res.statusCode === 400 ? (res.json<ApiError>().fields ?? []).map((f) => f.field) : [];
        if (!fields.includes('bogusParam')) failures.push(`${method.toUpperCase()} ${path}: ${res.statusCode} ${fields.join(',')}`);
      }
    }
    expect(operations).toBeGreaterThan(40);
    expect(failures).toEqual([]);
    // The outside check's cases: a delete with an unknown parameter deletes nothing.
    for (const url of [`/api/plans/${planId}?constructor=1`, `/api/plans/${planId}?__proto__=1`]) {
      const res = await ctx.inject({ method: 'DELETE', url });
      expect(res.statusCode, url).toBe(400);
    }
    expect((await ctx.inject({ method: 'GET', url: `/api/plans?townshipId=${ctx.fixture.east.townshipId}&year=2026` })).json<{ id: number }[]>().map((p) => p.id)).toContain(planId);
    for (const url of ['/api/auth/me?foo=1', '/api/users?foo=1', '/api/imports/1?foo=1', '/api/events/1?foo=1']) {
      expect((await ctx.inject({ method: 'GET', url })).statusCode, url).toBe(400);
    }
  });
});
