import { describe, expect, it } from 'vitest';
import type { Calendar, Event, PlanCheck, PlanItem, Reference } from '@pufa/domain';
import { useTestApp } from './helper.ts';

const ctx = useTestApp();

const campaignId = async (code: string) =>
  (await ctx.inject({ method: 'GET', url: '/api/reference' })).json<Reference>().campaigns.find((c) => c.code === code)!.id;

async function addItem(body: Record<string, unknown>) {
  const res = await ctx.inject({ method: 'POST', url: '/api/plans', payload: { townshipId: ctx.fixture.east.townshipId, ...body }, as: 'eastClerk' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<PlanItem>();
}

async function addEvent(body: Record<string, unknown>) {
  const res = await ctx.inject({ method: 'POST', url: '/api/events', payload: { townshipId: ctx.fixture.east.townshipId, ...body }, as: 'eastClerk' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Event>();
}

const plan = async (year: number, townshipId = ctx.fixture.east.townshipId) =>
  (await ctx.inject({ method: 'GET', url: `/api/plans?townshipId=${townshipId}&year=${year}` })).json<PlanItem[]>();

describe('plan items', () => {
  it('are created with targets and refused with field-level errors', async () => {
    const [v1, v2] = ctx.fixture.east.villageIds as [number, number];
    const item = await addItem({ year: 2030, title: '禁毒宣传进村', campaignId: await campaignId('anti-drug-day'), targetDate: '2030-06-26', targetMonth: 6, villageIds: [v1, v2], sixInto: ['villages'], departmentId: ctx.fixture.east.departmentIds[2], targetAudience: 300 });
    expect(item).toMatchObject({ year: 2030, targetDate: '2030-06-26', villageIds: [v1, v2], status: 'notDone', eventIds: [] });
    const bad = [
      [{ year: 2030, title: 'x', targetDate: '2031-01-01', targetMonth: 1 }, 'targetDate'],
      [{ year: 2030, title: 'x', targetDate: '2030-06-26', targetMonth: 7 }, 'targetMonth'],
      [{ year: 2030, title: 'x', targetMonth: 6, villageIds: [ctx.fixture.west.villageIds[0]] }, 'villageIds'],
      [{ year: 2030, title: 'x', targetMonth: 6, departmentId: ctx.fixture.west.departmentIds[0] }, 'departmentId'],
      [{ year: 2030, title: '', targetMonth: 13 }, 'targetMonth'],
    ] as const;
    for (const [body, field] of bad) {
      const res = await ctx.inject({ method: 'POST', url: '/api/plans', payload: { townshipId: ctx.fixture.east.townshipId, ...body } });
      expect(res.statusCode, field).toBe(400);
      expect(res.json().fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect(await plan(2030)).toHaveLength(1);
  });
});

describe('POST /api/plans/copy', () => {
  it("copies last year's plan with dates shifted, and nothing from another township", async () => {
    const week = await campaignId('constitution-week');
    await addItem({ year: 2025, title: '12·4宪法日集中宣传', campaignId: await campaignId('constitution-day'), targetDate: '2025-12-04', targetMonth: 12 });
    await addItem({ year: 2025, title: '宪法宣传周第三天', campaignId: week, targetDate: '2025-12-03', targetMonth: 12 });
    await addItem({ year: 2025, title: '三月法治宣传月入户', targetMonth: 3, villageIds: [ctx.fixture.east.villageIds[0]] });
    await ctx.inject({ method: 'POST', url: '/api/plans', payload: { townshipId: ctx.fixture.west.townshipId, year: 2025, title: '西镇计划', targetMonth: 5 }, as: 'westClerk' });
    // The 2026 constitution week is set to 11.29-12.05: the third day (12.3 in 2025's 12.1-12.7) moves to 12.1.
    await ctx.inject({ method: 'PUT', url: `/api/campaigns/${week}/periods/2026`, payload: { startDate: '2026-11-29', endDate: '2026-12-05' } });

    const res = await ctx.inject({ method: 'POST', url: '/api/plans/copy', payload: { townshipId: ctx.fixture.east.townshipId, fromYear: 2025, toYear: 2026 }, as: 'eastClerk' });
    expect(res.statusCode, res.body).toBe(201);
    const copied = (await plan(2026)).map((i) => [i.title, i.targetDate, i.targetMonth, i.villageIds.length]);
    expect(copied).toEqual(
      expect.arrayContaining([
        ['12·4宪法日集中宣传', '2026-12-04', 12, 0],
        ['宪法宣传周第三天', '2026-12-01', 12, 0],
        ['三月法治宣传月入户', null, 3, 1],
      ]),
    );
    expect(copied).toHaveLength(3);
    // A second copy into the same year is refused rather than doubling the plan.
    const again = await ctx.inject({ method: 'POST', url: '/api/plans/copy', payload: { townshipId: ctx.fixture.east.townshipId, fromYear: 2025, toYear: 2026 } });
    expect(again.statusCode).toBe(400);
    expect(again.json().fields[0].field).toBe('toYear');
  });
});

describe('matching events to plan items', () => {
  it('suggests by campaign and date, links an event partly, then fully; an event outside any plan gets no suggestion', async () => {
    const antiDrug = await campaignId('anti-drug-day');
    const [v1, v2, v3] = ctx.fixture.east.villageIds as [number, number, number];
    const item = await addItem({ year: 2011, title: '6·26禁毒宣传', campaignId: antiDrug, targetDate: '2011-06-26', targetMonth: 6, villageIds: [v1, v2] });
    const first = await addEvent({ startDate: '2011-06-25', title: '禁毒进村', campaignId: antiDrug, villageIds: [v1, v3] });
    const outside = await addEvent({ startDate: '2011-08-10', title: '夏季走访' });

    const suggestions = (await ctx.inject({ method: 'GET', url: `/api/plans/suggestions?eventId=${first.id}` })).json<PlanItem[]>();
    expect(suggestions.map((s) => s.id)).toEqual([item.id]);
    expect((await ctx.inject({ method: 'GET', url: `/api/plans/suggestions?eventId=${outside.id}` })).json()).toEqual([]);

    const partly = await ctx.inject({ method: 'POST', url: `/api/plans/${item.id}/events`, payload: { eventId: first.id }, as: 'eastClerk' });
    expect(partly.json()).toMatchObject({ status: 'partial', coveredVillageIds: [v1], eventIds: [first.id] });

    const second = await addEvent({ startDate: '2011-06-27', title: '禁毒进村二', campaignId: antiDrug, villageIds: [v2] });
    const done = await ctx.inject({ method: 'POST', url: `/api/plans/${item.id}/events`, payload: { eventId: second.id } });
    expect(done.json()).toMatchObject({ status: 'done', coveredVillageIds: [v1, v2] });

    // Deleting the event that covered v2 makes the item partly done again.
    await ctx.inject({ method: 'DELETE', url: `/api/events/${second.id}` });
    expect((await plan(2011)).find((i) => i.id === item.id)?.status).toBe('partial');

    const westEvent = (await ctx.inject({ method: 'POST', url: '/api/events', payload: { townshipId: ctx.fixture.west.townshipId, startDate: '2011-06-26', title: '西镇' } })).json<Event>();
    expect((await ctx.inject({ method: 'POST', url: `/api/plans/${item.id}/events`, payload: { eventId: westEvent.id } })).statusCode).toBe(400);
  });
});

describe('GET /api/plans/check', () => {
  it('reports done, partly done and missed items, and what the year never reached', async () => {
    const f = ctx.fixture;
    const [v1, v2, v3, v4] = f.east.villageIds as [number, number, number, number];
    const day = await campaignId('disaster-prevention-day');
    const year = 2012;
    const done = await addItem({ year, title: '5·12', campaignId: day, targetDate: '2012-05-12', targetMonth: 5, villageIds: [v1] });
    const partial = await addItem({ year, title: '入户走访', targetMonth: 9, villageIds: [v2, v3] });
    const missed = await addItem({ year, title: '12·4', targetDate: '2012-12-04', targetMonth: 12 });
    const e1 = await addEvent({ startDate: '2012-05-12', title: '防灾', campaignId: day, villageIds: [v1], sixInto: ['villages'], departmentIds: [f.east.departmentIds[0]] });
    const e2 = await addEvent({ startDate: '2012-09-10', title: '走访', villageIds: [v2], sixInto: ['schools'] });
    await ctx.inject({ method: 'POST', url: `/api/plans/${done.id}/events`, payload: { eventId: e1.id } });
    await ctx.inject({ method: 'POST', url: `/api/plans/${partial.id}/events`, payload: { eventId: e2.id } });

    const res = await ctx.inject({ method: 'GET', url: `/api/plans/check?townshipId=${f.east.townshipId}&year=${year}`, as: 'eastLeader' });
    expect(res.statusCode).toBe(200);
    const check = res.json<PlanCheck>();
    const statusOf = (id: number) => check.items.find((i) => i.id === id)?.status;
    expect([statusOf(done.id), statusOf(partial.id), statusOf(missed.id)]).toEqual(['done', 'partial', 'notDone']);
    expect(check.counts).toEqual({ done: 1, partial: 1, notDone: 1 });
    expect(check.villagesWithoutActivity).toEqual([v3, v4]);
    expect(check.sixIntoWithoutActivity).toEqual(['organs', 'communities', 'enterprises', 'units']);
    expect(check.campaignsWithoutActivity).not.toContain(day);
    expect(check.campaignsWithoutActivity).toContain(await campaignId('constitution-day'));
    expect(check.departmentsWithoutActivity).toEqual(f.east.departmentIds.slice(1));
    // Another township's check is refused like an unknown township (400 on townshipId).
    expect((await ctx.inject({ method: 'GET', url: `/api/plans/check?townshipId=${f.west.townshipId}&year=${year}`, as: 'eastLeader' })).statusCode).toBe(400);
  });
});

describe('GET /api/calendar', () => {
  it('gives the named days, plan items and events of a month', async () => {
    const item = await addItem({ year: 2013, title: '6·26计划', targetDate: '2013-06-26', targetMonth: 6 });
    const monthItem = await addItem({ year: 2013, title: '六月整月', targetMonth: 6 });
    const event = await addEvent({ startDate: '2013-06-20', title: '六月活动' });
    await addEvent({ startDate: '2013-07-01', title: '七月活动' });
    const res = await ctx.inject({ method: 'GET', url: `/api/calendar?townshipId=${ctx.fixture.east.townshipId}&from=2013-06-01&to=2013-06-30` });
    expect(res.statusCode).toBe(200);
    const calendar = res.json<Calendar>();
    expect(calendar.namedDays.map((d) => d.startDate)).toEqual(expect.arrayContaining(['2013-06-01', '2013-06-26']));
    expect(calendar.planItems.map((i) => i.id).sort()).toEqual([item.id, monthItem.id].sort());
    expect(calendar.events.map((e) => e.id)).toEqual([event.id]);
    const tooLong = await ctx.inject({ method: 'GET', url: `/api/calendar?townshipId=${ctx.fixture.east.townshipId}&from=2013-01-01&to=2035-01-01` });
    expect(tooLong.statusCode).toBe(400);
  });
});
