// Issue 20: units above the county. A small province beside the fixture's county (which has no
// parent and must work exactly as before):
//   省 P ── 市 A ── 县 A1 ── 镇 a1 (2 villages)
//        │      └─ 县 A2 ── 镇 a2 (1 village)
//        └─ 市 B ── 县 B1 ── 镇 b1 (1 village)
// Each user sees and changes their own unit and what is below it, at any depth, and nothing else.
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, seedCounty, seedTownship, seedUpperUnit } from '@pufa/db';
import type { AnnualReport, Event, EventListResponse, Reference, SessionUser, StatsResponse, User } from '@pufa/domain';
import { signIn, TEST_PASSWORD, useTestApp } from './helper.ts';

const ctx = useTestApp();
const USERS = ['provinceAdmin', 'provinceLeader', 'cityAdmin', 'cityLeader', 'cityBLeader', 'a1Admin', 'a1Clerk', 'a2Clerk', 'b1Clerk'] as const;
type User20 = (typeof USERS)[number];
const cookies = {} as Record<User20, string>;
const ids = {} as Record<'province' | 'cityA' | 'cityB' | 'a1' | 'a2' | 'b1' | 'a1t' | 'a2t' | 'b1t', number>;
const villages = {} as Record<'a1t' | 'a2t' | 'b1t', number[]>;
const events = {} as Record<'a1t' | 'a2t' | 'b1t', Event>;

const as = (user: User20, options: { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; query?: Record<string, string>; payload?: object }) =>
  ctx.app.inject({ ...options, headers: { cookie: cookies[user] } });
const year = { from: '2026-01-01', to: '2026-12-31' };
const stats = (user: User20, query: Record<string, string>) => as(user, { method: 'GET', url: '/api/stats', query: { ...year, groupBy: 'month', ...query } });

beforeAll(async () => {
  const { prisma } = ctx.db;
  ids.province = (await seedUpperUnit(prisma, 'province', { code: 'p', name: '测试省', nameEn: 'Test Province' })).id;
  ids.cityA = (await seedUpperUnit(prisma, 'city', { code: 'city-a', name: '甲市', nameEn: 'City A', parentId: ids.province })).id;
  ids.cityB = (await seedUpperUnit(prisma, 'city', { code: 'city-b', name: '乙市', nameEn: 'City B', parentId: ids.province })).id;
  ids.a1 = (await seedCounty(prisma, { code: 'a1', name: '甲一县', nameEn: 'County A1', parentId: ids.cityA })).id;
  ids.a2 = (await seedCounty(prisma, { code: 'a2', name: '甲二区', nameEn: 'District A2', parentId: ids.cityA })).id;
  ids.b1 = (await seedCounty(prisma, { code: 'b1', name: '乙一县', nameEn: 'County B1', parentId: ids.cityB })).id;
  const township = async (key: 'a1t' | 'a2t' | 'b1t', countyId: number, villageCount: number) => {
    const t = await seedTownship(prisma, {
      countyId, code: key, name: `${key}镇`, nameEn: `${key} town`, reportingFrom: '2020-01',
      villages: Array.from({ length: villageCount }, (_, i) => ({ code: `${key}-v${i}`, name: `${key}村${i}`, nameEn: `${key} village ${i}` })),
    });
    ids[key] = t.townshipId;
    villages[key] = t.villageIds;
  };
  await township('a1t', ids.a1, 2);
  await township('a2t', ids.a2, 1);
  await township('b1t', ids.b1, 1);
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const placement: Record<User20, [string, number]> = {
    provinceAdmin: ['admin', ids.province], provinceLeader: ['leader', ids.province],
    cityAdmin: ['admin', ids.cityA], cityLeader: ['leader', ids.cityA], cityBLeader: ['leader', ids.cityB],
    a1Admin: ['admin', ids.a1], a1Clerk: ['clerk', ids.a1t], a2Clerk: ['clerk', ids.a2t], b1Clerk: ['clerk', ids.b1t],
  };
  for (const [username, [role, orgUnitId]] of Object.entries(placement)) {
    await prisma.user.create({ data: { username: username.toLowerCase(), displayName: username, passwordHash, role: role as 'admin', orgUnitId } });
    cookies[username as User20] = await signIn(ctx.app, username);
  }
  // a1: 2 events (3 + 1 villages reached: 2 distinct); a2: 1 event; b1: 1 event.
  const create = async (user: User20, key: 'a1t' | 'a2t' | 'b1t', audience: number, villageIds: number[]) => {
    const res = await as(user, { method: 'POST', url: '/api/events', payload: { title: '普法宣传', startDate: '2026-03-15', townshipId: ids[key], audience, villageIds } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Event>();
  };
  events.a1t = await create('a1Clerk', 'a1t', 100, villages.a1t);
  await create('a1Clerk', 'a1t', 10, [villages.a1t[0]!]);
  events.a2t = await create('a2Clerk', 'a2t', 20, villages.a2t);
  events.b1t = await create('b1Clerk', 'b1t', 1000, villages.b1t);
});

describe('the session of a user above the county', () => {
  it('carries every township below the user, at any depth, and the level of their unit', async () => {
    const me = async (user: User20) => (await as(user, { method: 'GET', url: '/api/auth/me' })).json<SessionUser>();
    expect(await me('cityLeader')).toMatchObject({ townshipIds: [ids.a1t, ids.a2t], orgUnitLevel: 'city', isTopLevel: false });
    expect(await me('provinceLeader')).toMatchObject({ townshipIds: [ids.a1t, ids.a2t, ids.b1t], orgUnitLevel: 'province', isTopLevel: true });
    expect(await me('a1Admin')).toMatchObject({ townshipIds: [ids.a1t], orgUnitLevel: 'county', isTopLevel: false });
    expect(await me('a1Clerk')).toMatchObject({ townshipIds: [ids.a1t], orgUnitLevel: 'township' });
    // The fixture's county has no parent: as before.
    const county = (await ctx.inject({ method: 'GET', url: '/api/auth/me' })).json<SessionUser>();
    expect(county).toMatchObject({ townshipIds: [ctx.fixture.east.townshipId, ctx.fixture.west.townshipId], orgUnitLevel: 'county', isTopLevel: true });
  });
});

describe('GET /api/stats above the county', () => {
  it('gives a city leader its counties, each the sum of its townships, and nothing of the neighbouring city', async () => {
    const res = await stats('cityLeader', { groupBy: 'county' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<StatsResponse>();
    expect(body.totals).toMatchObject({ activities: 3, audience: 130, villagesReached: 3, villagesTotal: 3 });
    expect(body.rows.map((r) => [r.label, r.activities, r.audience, r.villagesReached])).toEqual([
      ['甲一县', 2, 110, 2],
      ['甲二区', 1, 20, 1],
    ]);
  });

  it('gives a province leader its cities, and answers the same from the raw events as from the roll-up', async () => {
    const byCity = (await stats('provinceLeader', { groupBy: 'city' })).json<StatsResponse>();
    expect(byCity.totals).toMatchObject({ activities: 4, audience: 1130, villagesTotal: 4 });
    expect(byCity.rows.map((r) => [r.key, r.activities, r.audience])).toEqual([
      [String(ids.cityA), 3, 130],
      [String(ids.cityB), 1, 1000],
    ]);
    // Part of a month goes to the raw events: the same figures.
    const raw = (await stats('provinceLeader', { groupBy: 'city', from: '2026-01-01', to: '2026-12-30' })).json<StatsResponse>();
    expect(raw.rows).toEqual(byCity.rows);
    const counties = (await stats('provinceLeader', { groupBy: 'county' })).json<StatsResponse>();
    expect(counties.rows.map((r) => [r.label, r.activities])).toEqual([['甲一县', 2], ['甲二区', 1], ['乙一县', 1]]);
  });

  it('lets a user choose their own unit or one below it, and refuses a parent, a neighbour or another tree like an unknown id', async () => {
    expect((await stats('cityLeader', { orgUnitId: String(ids.a1) })).json<StatsResponse>().totals.activities).toBe(2);
    expect((await stats('provinceLeader', { orgUnitId: String(ids.cityB) })).json<StatsResponse>().totals.activities).toBe(1);
    for (const orgUnitId of [ids.cityB, ids.b1, ids.b1t, villages.b1t[0]!, ids.province, ctx.fixture.countyId, ctx.fixture.east.townshipId]) {
      const res = await stats('cityLeader', { orgUnitId: String(orgUnitId) });
      expect(res.statusCode, `city A asking for ${orgUnitId}`).toBe(400);
    }
    for (const orgUnitId of [ids.cityA, ids.a2, ids.province]) {
      expect((await stats('a1Admin', { orgUnitId: String(orgUnitId) })).statusCode, `county A1 asking for ${orgUnitId}`).toBe(400);
    }
    // The fixture's county reaches none of the province.
    expect((await ctx.inject({ method: 'GET', url: '/api/stats', query: { ...year, groupBy: 'month', orgUnitId: String(ids.a1) } })).statusCode).toBe(400);
  });

  it('writes the report paragraph in the wording of the level (全市, 全省), with the figures of /api/stats', async () => {
    const report = async (user: User20, query: Record<string, string> = {}) => {
      const res = await as(user, { method: 'GET', url: '/api/reports/annual', query: { year: '2026', ...query } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<AnnualReport>();
    };
    const city = await report('cityLeader');
    expect(city.figures).toMatchObject({ unitName: '甲市', activities: 3, audience: 130, villagesReached: 3 });
    expect(city.paragraphs.exact).toMatch(/^2026年，全市.*开展.*3次/);
    const province = await report('provinceLeader');
    expect(province.figures).toMatchObject({ unitName: '测试省', activities: 4, audience: 1130 });
    expect(province.paragraphs.exact).toMatch(/全省.*4次/);
    // The city's counties, one by one, as the city chooses them.
    const county = await report('cityLeader', { orgUnitId: String(ids.a2) });
    expect(county.figures).toMatchObject({ unitName: '甲二区', activities: 1 });
    expect(county.paragraphs.exact).toMatch(/全区/);
  });

  it("leaves a township clerk's view as it was: their township only", async () => {
    const body = (await stats('a1Clerk', { groupBy: 'township' })).json<StatsResponse>();
    expect(body.totals).toMatchObject({ activities: 2, audience: 110, villagesTotal: 2 });
    expect(body.rows.map((r) => r.key)).toEqual([String(ids.a1t)]);
    expect((await stats('a1Clerk', { orgUnitId: String(ids.a1) })).statusCode).toBe(400);
  });
});

describe('events above the county', () => {
  it('lists the events of the whole subtree for a city leader, and answers 404 for the neighbouring city’s', async () => {
    const list = (await as('cityLeader', { method: 'GET', url: '/api/events', query: year })).json<EventListResponse>();
    expect(list.items.map((e) => e.townshipId).sort()).toEqual([ids.a1t, ids.a1t, ids.a2t].sort());
    expect((await as('cityLeader', { method: 'GET', url: `/api/events/${events.a2t.id}` })).statusCode).toBe(200);
    expect((await as('cityLeader', { method: 'GET', url: `/api/events/${events.b1t.id}` })).statusCode).toBe(404);
    expect((await as('cityBLeader', { method: 'GET', url: `/api/events/${events.a1t.id}` })).statusCode).toBe(404);
    expect((await as('a1Admin', { method: 'GET', url: `/api/events/${events.a2t.id}` })).statusCode).toBe(404);
  });

  it('keeps the ledger read-only above the county (a city admin too), and refuses a county admin an event in the other city', async () => {
    const payload = { title: 'x', startDate: '2026-03-01', townshipId: ids.a1t };
    expect((await as('cityLeader', { method: 'POST', url: '/api/events', payload })).statusCode).toBe(403);
    for (const user of ['cityAdmin', 'provinceAdmin'] as const) {
      const refused = await as(user, { method: 'POST', url: '/api/events', payload });
      expect(refused.statusCode, user).toBe(403);
      expect(refused.json<{ message: string }>().message).toContain('只能查看台账');
      expect((await as(user, { method: 'PATCH', url: `/api/events/${events.a1t.id}`, payload: { version: events.a1t.version, title: 'y' } })).statusCode).toBe(403);
      expect((await as(user, { method: 'DELETE', url: `/api/events/${events.a1t.id}` })).statusCode).toBe(403);
      expect((await as(user, { method: 'GET', url: `/api/events/${events.a1t.id}` })).statusCode).toBe(200);
    }
    // The county keeps its townships' ledgers, and only its own.
    const own = await as('a1Admin', { method: 'POST', url: '/api/events', payload: { ...payload, startDate: '2026-04-01' } });
    expect(own.statusCode, own.body).toBe(201);
    expect((await as('a1Admin', { method: 'DELETE', url: `/api/events/${own.json<Event>().id}` })).statusCode).toBe(204);
    const other = await as('a1Admin', { method: 'POST', url: '/api/events', payload: { ...payload, townshipId: ids.b1t } });
    expect(other.statusCode).toBe(400);
    expect(other.json<{ fields: { field: string }[] }>().fields.map((f) => f.field)).toEqual(['townshipId']);
    expect((await as('a1Admin', { method: 'DELETE', url: `/api/events/${events.b1t.id}` })).statusCode).toBe(404);
  });

  it('gives each user the tree from their own unit down (a township clerk from their county), nothing of the neighbour', async () => {
    const tree = async (user: User20) => {
      const reference = (await as(user, { method: 'GET', url: '/api/reference' })).json<Reference>();
      const seen: number[] = [];
      const walk = (nodes: Reference['orgUnits']) => nodes.forEach((n) => (seen.push(n.id), walk(n.children)));
      walk(reference.orgUnits);
      return { roots: reference.orgUnits.map((n) => n.id), seen };
    };
    const city = await tree('cityLeader');
    expect(city.roots).toEqual([ids.cityA]);
    expect(city.seen).toEqual(expect.arrayContaining([ids.cityA, ids.a1, ids.a2, ids.a1t, ids.a2t, ...villages.a1t]));
    for (const hidden of [ids.province, ids.cityB, ids.b1, ids.b1t, ctx.fixture.countyId]) expect(city.seen).not.toContain(hidden);
    const clerk = await tree('a1Clerk');
    expect(clerk.roots).toEqual([ids.a1]);
    expect(clerk.seen).toEqual([ids.a1, ids.a1t, ...villages.a1t]);
    expect((await tree('provinceLeader')).roots).toEqual([ids.province]);
  });
});

describe('administrators manage the units and users below them', () => {
  const newUser = (username: string, role: string, orgUnitId: number) => ({ username, displayName: username, password: 'long enough pw', role, orgUnitId });

  it('lets a city admin create county admins, and a county admin nobody at the city', async () => {
    const county = await as('cityAdmin', { method: 'POST', url: '/api/users', payload: newUser('a2-admin', 'admin', ids.a2) });
    expect(county.statusCode, county.body).toBe(201);
    const up = await as('a1Admin', { method: 'POST', url: '/api/users', payload: newUser('city-admin-2', 'admin', ids.cityA) });
    expect(up.statusCode).toBe(400);
    expect(up.json<{ fields: { field: string }[] }>().fields.map((f) => f.field)).toEqual(['orgUnitId']);
    expect((await as('a1Admin', { method: 'POST', url: '/api/users', payload: newUser('a2-clerk', 'clerk', ids.a2t) })).statusCode).toBe(400);
    expect((await as('cityAdmin', { method: 'POST', url: '/api/users', payload: newUser('b1-admin', 'admin', ids.b1) })).statusCode).toBe(400);
    expect((await as('a1Admin', { method: 'POST', url: '/api/users', payload: newUser('a1-clerk-2', 'clerk', ids.a1t) })).statusCode).toBe(201);
  });

  it('lists and edits only the users of the subtree', async () => {
    const listed = (await as('cityAdmin', { method: 'GET', url: '/api/users' })).json<User[]>().map((u) => u.username);
    expect(listed).toEqual(expect.arrayContaining(['cityadmin', 'cityleader', 'a1admin', 'a1clerk', 'a2clerk']));
    for (const hidden of ['provinceadmin', 'provinceleader', 'b1clerk', 'countyadmin', 'eastclerk']) expect(listed).not.toContain(hidden);
    expect(listed).not.toContain('citybleader');
    const b1Clerk = (await as('provinceAdmin', { method: 'GET', url: '/api/users' })).json<User[]>().find((u) => u.username === 'b1clerk')!;
    expect((await as('cityAdmin', { method: 'PATCH', url: `/api/users/${b1Clerk.id}`, payload: { displayName: 'x' } })).statusCode).toBe(404);
    expect((await as('provinceAdmin', { method: 'PATCH', url: `/api/users/${b1Clerk.id}`, payload: { displayName: '乙一县录入员' } })).statusCode).toBe(200);
  });

  it('adds a county under a city and a city under a province, one level down, within scope only', async () => {
    const county = await as('cityAdmin', { method: 'POST', url: '/api/org-units', payload: { parentId: ids.cityA, name: '甲三县' } });
    expect(county.statusCode, county.body).toBe(201);
    const created = await ctx.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: county.json<{ id: number }>().id } });
    expect(created).toMatchObject({ level: 'county', parentId: ids.cityA });
    const city = await as('provinceAdmin', { method: 'POST', url: '/api/org-units', payload: { parentId: ids.province, name: '丙市' } });
    expect(city.statusCode, city.body).toBe(201);
    expect((await ctx.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: city.json<{ id: number }>().id } })).level).toBe('city');
    for (const [user, parentId] of [['a1Admin', ids.cityA], ['cityAdmin', ids.cityB], ['cityAdmin', ids.b1], ['cityAdmin', ids.province]] as const) {
      const res = await as(user, { method: 'POST', url: '/api/org-units', payload: { parentId, name: '越权' } });
      expect(res.statusCode, `${user} adding under ${parentId}`).toBe(400);
    }
    // The new county is the city admin's at once (a new session reads it).
    const again = await signIn(ctx.app, 'cityAdmin');
    const res = await ctx.app.inject({ method: 'POST', url: '/api/org-units', headers: { cookie: again }, payload: { parentId: created.id, name: '新镇' } });
    expect(res.statusCode, res.body).toBe(201);
  });
});
