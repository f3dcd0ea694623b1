import { describe, expect, it } from 'vitest';
import type { Event, EventCreate, EventListResponse } from '@pufa/domain';
import { useTestApp, type Fixture } from './helper.ts';

const ctx = useTestApp();

function constitutionDay(f: Fixture, overrides: Partial<EventCreate> = {}): EventCreate {
  return {
    startDate: '2026-12-04',
    title: '12·4国家宪法日集中宣传',
    townshipId: f.east.townshipId,
    campaignId: f.campaign('constitution-day'),
    location: '镇文化广场',
    villageIds: [f.east.villageIds[0]!, f.east.villageIds[1]!],
    sixInto: ['villages', 'organs'],
    formIds: [f.form('consultation-desk')],
    lawIds: [f.law('constitution')],
    departmentIds: [f.east.departmentIds[0]!],
    targetGroupIds: [f.targetGroup('farmers')],
    audience: 500,
    consultations: 30,
    materials: [
      { materialTypeId: f.material('leaflet'), quantity: 400 },
      { materialTypeId: f.material('banner'), quantity: 6 },
    ],
    notes: '与派出所联合开展',
    ...overrides,
  };
}

async function post(body: unknown) {
  return ctx.inject({ method: 'POST', url: '/api/events', payload: body as object });
}

async function list(query: Record<string, string | number> = {}) {
  const res = await ctx.inject({ method: 'GET', url: '/api/events', query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) });
  expect(res.statusCode).toBe(200);
  return res.json<EventListResponse>();
}

describe('POST /api/events', () => {
  it('stores every field and answers 201 with the stored event', async () => {
    const input = constitutionDay(ctx.fixture);
    const res = await post(input);
    expect(res.statusCode).toBe(201);
    const event = res.json<Event>();
    // 六进 codes come back in the catalog's order (机关 before 乡村).
    expect(event).toMatchObject({ ...input, sixInto: ['organs', 'villages'], endDate: null, version: 1 });
    expect(event.id).toBeGreaterThan(0);
    expect(Date.parse(event.createdAt)).not.toBeNaN();

    const read = await ctx.inject({ method: 'GET', url: `/api/events/${event.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(event);
  });

  it('fills optional fields with empty values', async () => {
    const res = await post({ startDate: '2026-03-15', title: '消费者权益日', townshipId: ctx.fixture.east.townshipId });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      endDate: null, campaignId: null, location: '', villageIds: [], sixInto: [], materials: [], audience: 0, consultations: 0, notes: '',
    });
  });

  it('keeps Chinese text and trims surrounding spaces', async () => {
    const res = await post({ startDate: '2026-06-26', title: '  禁毒宣传“进校园”  ', townshipId: ctx.fixture.east.townshipId });
    expect(res.json<Event>().title).toBe('禁毒宣传“进校园”');
  });
});

describe('GET /api/events', () => {
  it('filters by date range, campaign, village, township and text, with totals of all matching rows', async () => {
    const f = ctx.fixture;
    const [v1, v2, v3] = f.east.villageIds as [number, number, number];
    const base = { townshipId: f.east.townshipId, title: 'x', startDate: '2025-01-01' };
    const events: EventCreate[] = [
      { ...base, title: '一月 赶大集', startDate: '2025-01-31', villageIds: [v1], audience: 100, materials: [{ materialTypeId: f.material('leaflet'), quantity: 200 }] },
      { ...base, title: '二月 走访', startDate: '2025-02-01', villageIds: [v1, v2], audience: 50, materials: [{ materialTypeId: f.material('booklet'), quantity: 30 }, { materialTypeId: f.material('banner'), quantity: 2 }] },
      { ...base, title: '二月 讲座', startDate: '2025-02-28', endDate: '2025-03-02', villageIds: [v3], audience: 70, campaignId: f.campaign('legal-publicity-month') },
      { ...base, title: '三月 西镇活动', startDate: '2025-03-10', townshipId: f.west.townshipId, villageIds: [f.west.villageIds[0]!], audience: 999 },
    ];
    for (const e of events) expect((await post(e)).statusCode).toBe(201);

    // February: counted by start date, so the Feb 28 - Mar 2 event is February's; Jan 31 is not.
    const feb = await list({ from: '2025-02-01', to: '2025-02-28' });
    expect(feb.items.map((e) => e.title)).toEqual(['二月 讲座', '二月 走访']);
    // Leaflets: leaflet and booklet types count, banners do not (hand-computed: 30).
    expect(feb.totals).toEqual({ activities: 2, leaflets: 30, audience: 120, consultations: 0, villagesReached: 3 });
    expect(feb.total).toBe(2);

    const village1 = await list({ villageId: v1, from: '2025-01-01', to: '2025-12-31' });
    expect(village1.items.map((e) => e.title).sort()).toEqual(['一月 赶大集', '二月 走访']);
    expect(village1.totals).toMatchObject({ activities: 2, leaflets: 230, audience: 150 });

    const campaign = await list({ campaignId: f.campaign('legal-publicity-month') });
    expect(campaign.items.map((e) => e.title)).toEqual(['二月 讲座']);

    const west = await list({ townshipId: f.west.townshipId });
    expect(west.items.map((e) => e.title)).toEqual(['三月 西镇活动']);
    expect(west.totals.audience).toBe(999);

    const text = await list({ q: '走访', from: '2025-01-01', to: '2025-12-31' });
    expect(text.items.map((e) => e.title)).toEqual(['二月 走访']);
  });

  it('pages and sorts, with totals covering every page', async () => {
    const f = ctx.fixture;
    for (let i = 1; i <= 5; i += 1) {
      await post({ startDate: `2024-05-0${i}`, title: `分页 ${i}`, townshipId: f.east.townshipId, audience: i * 10 });
    }
    const query = { from: '2024-05-01', to: '2024-05-31', pageSize: 2 };
    const page1 = await list({ ...query, page: 1 });
    const page3 = await list({ ...query, page: 3 });
    expect(page1.total).toBe(5);
    expect(page1.items.map((e) => e.title)).toEqual(['分页 5', '分页 4']);
    expect(page3.items.map((e) => e.title)).toEqual(['分页 1']);
    expect(page1.totals).toMatchObject({ activities: 5, audience: 150 });
    const byAudience = await list({ ...query, sort: 'audience' });
    expect(byAudience.items.map((e) => e.audience)).toEqual([10, 20]);
  });
});

describe('PATCH /api/events/:id', () => {
  it('changes only the fields sent, replaces lists, and bumps the version', async () => {
    const f = ctx.fixture;
    const created = (await post(constitutionDay(f, { title: '修改前' }))).json<Event>();
    const res = await ctx.inject({
      method: 'PATCH',
      url: `/api/events/${created.id}`,
      payload: { version: 1, title: '修改后', villageIds: [f.east.villageIds[3]!], materials: [{ materialTypeId: f.material('leaflet'), quantity: 10 }] },
    });
    expect(res.statusCode).toBe(200);
    const updated = res.json<Event>();
    expect(updated).toMatchObject({
      title: '修改后', version: 2, villageIds: [f.east.villageIds[3]], materials: [{ materialTypeId: f.material('leaflet'), quantity: 10 }],
      lawIds: created.lawIds, audience: created.audience, location: created.location,
    });
    expect(updated.updatedAt >= created.updatedAt).toBe(true);
  });

  it('answers 409 for a stale version and changes nothing', async () => {
    const created = (await post(constitutionDay(ctx.fixture, { title: '版本' }))).json<Event>();
    const first = await ctx.inject({ method: 'PATCH', url: `/api/events/${created.id}`, payload: { version: 1, audience: 1 } });
    expect(first.statusCode).toBe(200);
    const stale = await ctx.inject({ method: 'PATCH', url: `/api/events/${created.id}`, payload: { version: 1, audience: 2, title: '覆盖' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ currentVersion: 2, message: expect.stringContaining('他人修改'), messageEn: expect.any(String) });
    const stored = (await ctx.inject({ method: 'GET', url: `/api/events/${created.id}` })).json<Event>();
    expect(stored).toMatchObject({ audience: 1, title: '版本', version: 2 });
  });

  it('of two saves of the same version, exactly one wins', async () => {
    const created = (await post(constitutionDay(ctx.fixture, { title: '并发' }))).json<Event>();
    const save = (audience: number) =>
      ctx.inject({ method: 'PATCH', url: `/api/events/${created.id}`, payload: { version: 1, audience, villageIds: [] } });
    const results = await Promise.all([save(111), save(222)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.statusCode === 200)!.json<Event>();
    const stored = (await ctx.inject({ method: 'GET', url: `/api/events/${created.id}` })).json<Event>();
    expect(stored.version).toBe(2);
    expect(stored.audience).toBe(winner.audience);
  });

  it('answers 404 for an event that does not exist', async () => {
    const res = await ctx.inject({ method: 'PATCH', url: '/api/events/999999', payload: { version: 1, title: 'x' } });
    expect(res.statusCode).toBe(404);
  });
});

describe('DELETE /api/events/:id', () => {
  it('removes the event from the ledger and its totals; a second delete answers 404', async () => {
    const created = (await post(constitutionDay(ctx.fixture, { title: '删除', startDate: '2023-07-07' }))).json<Event>();
    const month = { from: '2023-07-01', to: '2023-07-31' };
    expect((await list(month)).totals.activities).toBe(1);
    expect((await ctx.inject({ method: 'DELETE', url: `/api/events/${created.id}` })).statusCode).toBe(204);
    expect((await ctx.inject({ method: 'GET', url: `/api/events/${created.id}` })).statusCode).toBe(404);
    expect((await ctx.inject({ method: 'DELETE', url: `/api/events/${created.id}` })).statusCode).toBe(404);
    expect((await list(month)).totals).toMatchObject({ activities: 0, leaflets: 0, audience: 0 });
  });

  it('is a soft delete: an administrator restores the event, with its lists, within 30 days', async () => {
    const created = (await post(constitutionDay(ctx.fixture, { title: '误删' }))).json<Event>();
    await ctx.inject({ method: 'DELETE', url: `/api/events/${created.id}` });
    const deleted = (await ctx.inject({ method: 'GET', url: '/api/events/deleted' })).json<Event[]>();
    expect(deleted.map((e) => e.id)).toContain(created.id);
    const restored = await ctx.inject({ method: 'POST', url: `/api/events/${created.id}/restore` });
    expect(restored.statusCode).toBe(200);
    const { updatedAt: _u, ...rest } = created;
    expect(restored.json()).toMatchObject(rest);
    expect((await ctx.inject({ method: 'GET', url: `/api/events/${created.id}` })).statusCode).toBe(200);
  });

  it('restores an event deleted just under 30 days ago, and not one deleted just over', async () => {
    const minute = 60_000;
    const deletedAgo = async (title: string, ms: number) => {
      const created = (await post(constitutionDay(ctx.fixture, { title }))).json<Event>();
      expect((await ctx.inject({ method: 'DELETE', url: `/api/events/${created.id}` })).statusCode).toBe(204);
      await ctx.db.prisma.event.update({ where: { id: created.id }, data: { deletedAt: new Date(Date.now() - ms) } });
      return created.id;
    };
    const inside = await deletedAgo('差一点满30天', 30 * 86_400_000 - 5 * minute);
    const past = await deletedAgo('刚过30天', 30 * 86_400_000 + 5 * minute);
    const listed = (await ctx.inject({ method: 'GET', url: '/api/events/deleted' })).json<Event[]>().map((e) => e.id);
    expect(listed).toContain(inside);
    expect(listed).not.toContain(past);
    expect((await ctx.inject({ method: 'POST', url: `/api/events/${past}/restore` })).statusCode).toBe(404);
    expect((await ctx.inject({ method: 'GET', url: `/api/events/${past}` })).statusCode).toBe(404);
    expect((await ctx.inject({ method: 'POST', url: `/api/events/${inside}/restore` })).statusCode).toBe(200);
    expect((await ctx.inject({ method: 'GET', url: `/api/events/${inside}` })).statusCode).toBe(200);
  });
});
