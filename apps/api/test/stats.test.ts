import { describe, expect, it } from 'vitest';
import { STATS_GROUPS, StatsResponseSchema, type ApiError, type Event, type StatsGroup, type StatsResponse } from '@pufa/domain';
import { useTestApp } from './helper.ts';

const ctx = useTestApp();
const year = 'from=2026-01-01&to=2026-12-31';

describe('GET /api/stats', () => {
  it('is live: an event saved a moment ago is in the totals, its month and its village', async () => {
    const { east } = ctx.fixture;
    const url = `/api/stats?${year}&groupBy=month&orgUnitId=${east.townshipId}`;
    const before = (await ctx.inject({ method: 'GET', url, as: 'eastLeader' })).json<StatsResponse>();
    const created = await ctx.inject({
      method: 'POST',
      url: '/api/events',
      as: 'eastClerk',
      payload: { startDate: '2026-03-31', title: '月末宣传', townshipId: east.townshipId, villageIds: [east.villageIds[3]], audience: 25,
        materials: [{ materialTypeId: ctx.fixture.material('leaflet'), quantity: 120 }] },
    });
    expect(created.statusCode).toBe(201);
    const after = (await ctx.inject({ method: 'GET', url, as: 'eastLeader' })).json<StatsResponse>();
    expect(after.totals.activities - before.totals.activities).toBe(1);
    expect(after.totals.leaflets - before.totals.leaflets).toBe(120);
    expect(after.totals.audience - before.totals.audience).toBe(25);
    const march = (s: StatsResponse) => s.rows.find((r) => r.key === '2026-03')!;
    expect(march(after).activities - march(before).activities).toBe(1);
    expect(after.rows).toHaveLength(12);
    expect(after.totals.villagesTotal).toBe(4);

    await ctx.inject({ method: 'DELETE', url: `/api/events/${created.json<{ id: number }>().id}`, as: 'eastClerk' });
    const deleted = (await ctx.inject({ method: 'GET', url, as: 'eastLeader' })).json<StatsResponse>();
    expect(deleted.totals).toEqual(before.totals);
  });

  // The route writes its answer with JSON.stringify (large answers: a province by village), so
  // the schema that documents it is checked here instead of on every response.
  it.each(STATS_GROUPS)('answers by %s exactly as its documented schema says (no field more or less)', async (groupBy) => {
    const { east } = ctx.fixture;
    const prisma = ctx.db.prisma;
    const created = await ctx.inject({
      method: 'POST',
      url: '/api/events',
      as: 'eastClerk',
      payload: {
        startDate: '2026-05-12', title: `防灾减灾日 ${groupBy}`, townshipId: east.townshipId, campaignId: (await prisma.campaign.findFirstOrThrow()).id,
        villageIds: [east.villageIds[0]], sixInto: [(await prisma.sixIntoCategory.findFirstOrThrow()).code], formIds: [(await prisma.activityForm.findFirstOrThrow()).id],
        lawIds: [(await prisma.law.findFirstOrThrow()).id], departmentIds: [(await prisma.department.findFirstOrThrow({ where: { townshipId: east.townshipId } })).id],
        audience: 40, materials: [{ materialTypeId: ctx.fixture.material('leaflet'), quantity: 200 }],
      },
    });
    expect(created.statusCode).toBe(201);
    for (const as of ['eastLeader', 'countyLeader'] as const) {
      const res = await ctx.inject({ method: 'GET', url: `/api/stats?${year}&groupBy=${groupBy}`, as });
      expect(res.statusCode).toBe(200);
      const body = res.json<StatsResponse>();
      // (This tree has no city or county below the county: those rows are read in hierarchy.test.ts.)
      if (groupBy !== 'city' && groupBy !== 'county') expect(body.rows.some((r) => r.activities > 0), `${as} by ${groupBy}`).toBe(true);
      expect(StatsResponseSchema.strict().parse(body)).toEqual(body);
    }
    await ctx.inject({ method: 'DELETE', url: `/api/events/${created.json<{ id: number }>().id}`, as: 'eastClerk' });
  });

  it.each([
    ['groupBy=weekday', 'groupBy'],
    ['groupBy=month&from=2026-13-01&to=2026-12-31', 'from'],
    ['groupBy=month&from=2026-12-31&to=2026-01-01', 'to'],
    ['groupBy=month&from=2000-01-01&to=2026-12-31', 'to'],
    ['groupBy=month&from=2026-01-01', 'to'],
    [`groupBy=month&${year}&orgUnitId=abc`, 'orgUnitId'],
    [`groupBy=month&${year}&orgUnitId=999999`, 'orgUnitId'],
    [`groupBy=month&${year}&colour=red`, ''],
  ])('refuses %s with a 400 naming the field', async (query, field) => {
    const res = await ctx.inject({ method: 'GET', url: `/api/stats?${query}` });
    expect(res.statusCode).toBe(400);
    const body = res.json<ApiError>();
    expect(body.message).toBeTruthy();
    if (field) expect(body.fields?.map((f) => f.field)).toContain(field);
  });

  it("a township user's default scope is their township; another township's id is refused", async () => {
    const { east, west } = ctx.fixture;
    await ctx.inject({ method: 'POST', url: '/api/events', as: 'westClerk', payload: { startDate: '2026-05-12', title: '西镇防灾', townshipId: west.townshipId, audience: 999 } });
    const mine = (await ctx.inject({ method: 'GET', url: `/api/stats?${year}&groupBy=campaign`, as: 'eastLeader' })).json<StatsResponse>();
    const eastOnly = (await ctx.inject({ method: 'GET', url: `/api/stats?${year}&groupBy=campaign&orgUnitId=${east.townshipId}` })).json<StatsResponse>();
    expect(mine.totals).toEqual(eastOnly.totals);
    const county = (await ctx.inject({ method: 'GET', url: `/api/stats?${year}&groupBy=campaign&orgUnitId=${ctx.fixture.countyId}`, as: 'countyLeader' })).json<StatsResponse>();
    expect(county.totals.audience - mine.totals.audience).toBeGreaterThanOrEqual(999);
    const refused = await ctx.inject({ method: 'GET', url: `/api/stats?${year}&groupBy=campaign&orgUnitId=${west.townshipId}`, as: 'eastLeader' });
    expect(refused.statusCode).toBe(400);
  });

  describe('follows an edit that moves an event across months and villages, its delete and its restore', () => {
    // 2024 is this test's own year: the figures below are all there is.
    const whole = 'from=2024-01-01&to=2024-12-31'; // whole months: the roll-up
    const raw = 'from=2024-01-02&to=2024-12-31'; // part of a month: the raw events (nothing happens on 1 January)
    type Table = Record<string, [activities: number, leaflets: number, audience: number]>;
    const table = (s: StatsResponse): Table => Object.fromEntries(s.rows.filter((r) => r.activities > 0).map((r) => [r.key, [r.activities, r.leaflets, r.audience]]));

    /** Every breakdown the test looks at, by the roll-up, after checking the raw events say the same. */
    async function read(): Promise<Record<'month' | 'village' | 'campaign' | 'sixInto' | 'department', Table> & { totals: StatsResponse['totals']; county: StatsResponse['totals'] }> {
      const get = async (period: string, groupBy: StatsGroup, as: 'eastLeader' | 'countyLeader' = 'eastLeader') => {
        const res = await ctx.inject({ method: 'GET', url: `/api/stats?${period}&groupBy=${groupBy}`, as });
        expect(res.statusCode, res.body).toBe(200);
        return res.json<StatsResponse>();
      };
      const groups = ['month', 'village', 'campaign', 'sixInto', 'department'] as const;
      const tables = {} as Record<(typeof groups)[number], Table>;
      let totals!: StatsResponse['totals'];
      for (const groupBy of groups) {
        const [rollup, recount] = await Promise.all([get(whole, groupBy), get(raw, groupBy)]);
        expect(table(rollup), groupBy).toEqual(table(recount));
        expect(rollup.totals, groupBy).toEqual(recount.totals);
        tables[groupBy] = table(rollup);
        totals = rollup.totals;
      }
      return { ...tables, totals, county: (await get(whole, 'township', 'countyLeader')).totals };
    }

    it('each figure moves with the event and comes back with the restore', async () => {
      const { east, material, campaign } = ctx.fixture;
      const [v1, v2, v3] = east.villageIds as [number, number, number];
      const [d1, d2] = east.departmentIds as [number, number];
      const lpm = campaign('legal-publicity-month');
      const write = async (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
        const res = await ctx.inject({ method, url, payload, as: 'eastClerk' });
        expect(res.statusCode, res.body).toBeLessThan(300);
        return res;
      };
      const countyBefore = (await read()).county;
      // Stays in March and village 1 throughout.
      await write('POST', '/api/events', { startDate: '2024-03-10', title: '三月普法', townshipId: east.townshipId, campaignId: lpm, villageIds: [v1],
        audience: 10, consultations: 1, materials: [{ materialTypeId: material('leaflet'), quantity: 100 }] });
      // Moves from March, villages 1 and 2, to July (till 2 August: it counts in its start month), village 3, with a new campaign, 六进 place, department and figures.
      const moving = (await write('POST', '/api/events', { startDate: '2024-03-20', title: '宪法进乡村', townshipId: east.townshipId, campaignId: campaign('constitution-day'),
        villageIds: [v1, v2], sixInto: ['villages'], departmentIds: [d1], audience: 20, consultations: 2,
        materials: [{ materialTypeId: material('leaflet'), quantity: 200 }] })).json<Event>();

      const created = await read();
      expect(created.month).toEqual({ '2024-03': [2, 300, 30] });
      expect(created.village).toEqual({ [v1]: [2, 300, 30], [v2]: [1, 200, 20] });
      expect(created.campaign).toEqual({ [lpm]: [1, 100, 10], [campaign('constitution-day')]: [1, 200, 20] });
      expect(created.sixInto).toEqual({ villages: [1, 200, 20] });
      expect(created.department).toEqual({ [d1]: [1, 200, 20] });
      expect(created.totals).toMatchObject({ activities: 2, leaflets: 300, audience: 30, consultations: 3, villagesReached: 2 });

      await write('PATCH', `/api/events/${moving.id}`, { version: moving.version, startDate: '2024-07-30', endDate: '2024-08-02', campaignId: campaign('anti-drug-day'),
        villageIds: [v3], sixInto: ['schools'], departmentIds: [d2], audience: 40, consultations: 4,
        materials: [{ materialTypeId: material('leaflet'), quantity: 30 }, { materialTypeId: material('booklet'), quantity: 20 }] });
      const edited = await read();
      expect(edited.month).toEqual({ '2024-03': [1, 100, 10], '2024-07': [1, 50, 40] });
      expect(edited.village).toEqual({ [v1]: [1, 100, 10], [v3]: [1, 50, 40] });
      expect(edited.campaign).toEqual({ [lpm]: [1, 100, 10], [campaign('anti-drug-day')]: [1, 50, 40] });
      expect(edited.sixInto).toEqual({ schools: [1, 50, 40] });
      expect(edited.department).toEqual({ [d2]: [1, 50, 40] });
      expect(edited.totals).toMatchObject({ activities: 2, leaflets: 150, audience: 50, consultations: 5, villagesReached: 2 });
      expect(edited.county).toMatchObject({ activities: countyBefore.activities + 2, leaflets: countyBefore.leaflets + 150, audience: countyBefore.audience + 50 });

      await write('DELETE', `/api/events/${moving.id}`);
      const deleted = await read();
      expect(deleted.month).toEqual({ '2024-03': [1, 100, 10] });
      expect(deleted.village).toEqual({ [v1]: [1, 100, 10] });
      expect([deleted.sixInto, deleted.department]).toEqual([{}, {}]);
      expect(deleted.totals).toMatchObject({ activities: 1, leaflets: 100, audience: 10, consultations: 1, villagesReached: 1 });

      const restored = await ctx.inject({ method: 'POST', url: `/api/events/${moving.id}/restore`, as: 'eastAdmin' });
      expect(restored.statusCode, restored.body).toBe(200);
      expect(await read()).toEqual(edited);
    });
  });
});
