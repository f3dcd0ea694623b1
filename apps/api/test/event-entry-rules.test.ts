// Rules a first-time clerk runs into (issue 14): dates ahead of today, a title longer than
// allowed, and the plan item an event is linked to on save.
import { describe, expect, it } from 'vitest';
import { addDays, latestEventDate, todayInChina, type AuditEntry, type EventCreated, type PlanItem } from '@pufa/domain';
import { useTestApp } from './helper.ts';

const ctx = useTestApp();

const event = (over: Record<string, unknown> = {}) => ({ startDate: '2026-06-26', title: '禁毒宣传', townshipId: ctx.fixture.east.townshipId, ...over });
const post = (body: object) => ctx.inject({ method: 'POST', url: '/api/events', payload: body, as: 'eastClerk' });
const countEvents = async () => (await ctx.inject({ method: 'GET', url: '/api/events', as: 'eastClerk' })).json<{ total: number }>().total;

describe('POST /api/events: dates ahead of today', () => {
  it('refuses a start date more than a year ahead with a field-level message and writes nothing', async () => {
    const before = await countEvents();
    for (const startDate of ['2062-12-04', addDays(latestEventDate(todayInChina()), 1)]) {
      const res = await post(event({ startDate }));
      expect(res.statusCode, startDate).toBe(400);
      expect(res.json().fields).toEqual([
        {
          field: 'startDate',
          message: '开始日期：不能晚于一年以后；尚未开展的活动请列入年度计划',
          messageEn: 'Start date: cannot be more than a year ahead; put what is still to come in the annual plan',
        },
      ]);
    }
    expect(await countEvents()).toBe(before);
  });

  it('accepts next week (the form warns) and refuses an edit that moves an event two years ahead', async () => {
    const res = await post(event({ startDate: addDays(todayInChina(), 7) }));
    expect(res.statusCode).toBe(201);
    const created = res.json<EventCreated>();
    const moved = await ctx.inject({ method: 'PATCH', url: `/api/events/${created.id}`, payload: { version: created.version, startDate: addDays(todayInChina(), 800) }, as: 'eastClerk' });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().fields[0].field).toBe('startDate');
  });
});

describe('POST /api/events: title length', () => {
  it('refuses a 10,000-character title instead of cutting it, and keeps one of exactly 200', async () => {
    const long = await post(event({ title: '宪'.repeat(10_000) }));
    expect(long.statusCode).toBe(400);
    expect(long.json().fields).toEqual([{ field: 'title', message: '活动主题：不能超过 200 个字', messageEn: 'Title: at most 200 characters' }]);
    const exact = await post(event({ title: '宪'.repeat(200) }));
    expect(exact.statusCode).toBe(201);
    expect(exact.json<EventCreated>().title).toHaveLength(200);
  });
});

describe('POST /api/events: the plan item is linked on save when exactly one matches', () => {
  const addItem = async (body: Record<string, unknown>) => {
    const res = await ctx.inject({ method: 'POST', url: '/api/plans', payload: { townshipId: ctx.fixture.east.townshipId, year: 2015, ...body }, as: 'eastClerk' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<PlanItem>();
  };
  const plan = async () => (await ctx.inject({ method: 'GET', url: `/api/plans?townshipId=${ctx.fixture.east.townshipId}&year=2015` })).json<PlanItem[]>();

  it('links the one matching item, says so, and the link can be undone', async () => {
    const constitution = ctx.fixture.campaign('constitution-day');
    const item = await addItem({ title: '12·4宪法日集中宣传', campaignId: constitution, targetDate: '2015-12-04', targetMonth: 12 });
    const res = await post(event({ startDate: '2015-12-05', title: '宪法进村', campaignId: constitution }));
    expect(res.statusCode).toBe(201);
    const created = res.json<EventCreated>();
    expect(created.linkedPlanItem).toEqual({ id: item.id, title: '12·4宪法日集中宣传' });
    expect((await plan()).find((i) => i.id === item.id)).toMatchObject({ status: 'done', eventIds: [created.id] });
    expect((await plan()).find((i) => i.id === item.id)?.events).toEqual([{ id: created.id, title: '宪法进村', startDate: '2015-12-05' }]);

    const undo = await ctx.inject({ method: 'DELETE', url: `/api/plans/${item.id}/events/${created.id}`, as: 'eastClerk' });
    expect(undo.statusCode).toBe(200);
    expect((await plan()).find((i) => i.id === item.id)).toMatchObject({ status: 'notDone', eventIds: [], events: [] });
  });

  it("answers and audits the link in a size that does not grow with the item's linked events (issue 22)", async () => {
    const legalAid = ctx.fixture.campaign('constitution-day');
    const item = await addItem({ title: '十月法律援助宣传', campaignId: legalAid, targetMonth: 10 });
    const answers: string[] = [];
    for (let day = 1; day <= 24; day += 1) {
      const res = await post(event({ startDate: `2015-10-${String(day).padStart(2, '0')}`, title: `十月宣传第${day}场`, campaignId: legalAid, villageIds: ctx.fixture.east.villageIds }));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<EventCreated>().linkedPlanItem).toEqual({ id: item.id, title: '十月法律援助宣传' });
      answers.push(res.body);
    }
    expect((await plan()).find((i) => i.id === item.id)?.eventIds).toHaveLength(24);
    // The 24th answer is the size of the 2nd (ids and the day's digits aside): the whole item
    // with its events grew by ~60 bytes per linked event.
    expect(Math.abs(answers[23]!.length - answers[1]!.length)).toBeLessThanOrEqual(4);

    const audit = (await ctx.inject({ method: 'GET', url: `/api/audit?entity=planItem&entityId=${item.id}&action=update&pageSize=200` })).json<{ items: AuditEntry[] }>().items;
    expect(audit).toHaveLength(24);
    const sizes = audit.map((row) => JSON.stringify([row.before, row.after]).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(4);
    const last = audit.find((row) => (row.after as { linkedEventId: number }).linkedEventId === JSON.parse(answers[23]!).id);
    expect(last?.before).toBeNull();
    expect(last?.after).toEqual({
      id: item.id, townshipId: ctx.fixture.east.townshipId, year: 2015, campaignId: legalAid, title: '十月法律援助宣传',
      targetDate: null, targetMonth: 10, linkedEventId: JSON.parse(answers[23]!).id, autoLinked: true,
    });
  });

  it('links nothing when two items match, or none is near', async () => {
    const antiDrug = ctx.fixture.campaign('anti-drug-day');
    await addItem({ title: '6·26禁毒日宣传', campaignId: antiDrug, targetDate: '2015-06-26', targetMonth: 6 });
    await addItem({ title: '六月禁毒宣传月', campaignId: antiDrug, targetMonth: 6 });
    const two = await post(event({ startDate: '2015-06-26', campaignId: antiDrug }));
    expect(two.json<EventCreated>().linkedPlanItem).toBeUndefined();
    const far = await post(event({ startDate: '2015-08-10', campaignId: antiDrug }));
    expect(far.json<EventCreated>().linkedPlanItem).toBeUndefined();
    expect((await plan()).filter((i) => i.campaignId === antiDrug).every((i) => i.eventIds.length === 0)).toBe(true);
  });
});

describe('GET /api/events?villageId: villages reached counts only the village filtered to', () => {
  it('says 1 (of 1), not the number of villages its events reached, as /api/stats does', async () => {
    const [v1, v2, v3] = ctx.fixture.east.villageIds as [number, number, number];
    await post(event({ startDate: '2016-03-01', title: '三村联合宣传', villageIds: [v1, v2, v3] }));
    const list = await ctx.inject({ method: 'GET', url: `/api/events?villageId=${v1}&from=2016-01-01&to=2016-12-31`, as: 'eastClerk' });
    expect(list.json().totals).toMatchObject({ activities: 1, villagesReached: 1 });
    const stats = await ctx.inject({ method: 'GET', url: `/api/stats?orgUnitId=${v1}&from=2016-01-01&to=2016-12-31&groupBy=month`, as: 'eastClerk' });
    expect(stats.json().totals).toMatchObject({ activities: 1, villagesReached: 1, villagesTotal: 1 });
    // Unfiltered, the same event reaches its three villages.
    const all = await ctx.inject({ method: 'GET', url: '/api/events?from=2016-01-01&to=2016-12-31', as: 'eastClerk' });
    expect(all.json().totals.villagesReached).toBe(3);
  });
});
