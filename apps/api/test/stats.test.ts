import { describe, expect, it } from 'vitest';
import type { ApiError, StatsResponse } from '@pufa/domain';
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
});
