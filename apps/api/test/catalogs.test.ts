import { describe, expect, it } from 'vitest';
import type { ApiError, Reference } from '@pufa/domain';
import { useTestApp } from './helper.ts';

const ctx = useTestApp();

async function reference() {
  return (await ctx.inject({ method: 'GET', url: '/api/reference' })).json<Reference>();
}

describe('GET /api/reference', () => {
  it('answers the org-unit tree and every catalog, in Chinese and English', async () => {
    const ref = await reference();
    const county = ref.orgUnits[0]!;
    expect(county.level).toBe('county');
    expect(county.children.map((t) => t.name)).toEqual(['东镇', '西镇']);
    expect(county.children[0]!.children).toHaveLength(4);
    expect(ref.sixInto.map((c) => c.name)).toEqual(['机关', '乡村', '社区', '学校', '企业', '单位']);
    const leaflet = ref.materialTypes.find((m) => m.code === 'leaflet');
    expect(leaflet).toMatchObject({ unit: '份', countsAsLeaflet: true, nameEn: 'Leaflets' });
    expect(ref.materialTypes.find((m) => m.code === 'banner')).toMatchObject({ unit: '条', countsAsLeaflet: false });
    const week = ref.campaigns.find((c) => c.code === 'constitution-week')!;
    expect(week.periods).toEqual(expect.arrayContaining([{ year: 2022, startDate: '2022-12-04', endDate: '2022-12-10' }]));
    for (const list of [ref.laws, ref.forms, ref.targetGroups, ref.campaigns]) {
      for (const entry of list) expect(entry).toMatchObject({ id: expect.any(Number), code: expect.stringMatching(/^[a-z0-9-]+$/), name: expect.any(String), nameEn: expect.any(String) });
    }
  });
});

describe('campaign dates per year', () => {
  it('are set, replaced and cleared for one year without touching the others', async () => {
    const week = (await reference()).campaigns.find((c) => c.code === 'constitution-week')!;
    const put = (year: number, body: object) => ctx.inject({ method: 'PUT', url: `/api/campaigns/${week.id}/periods/${year}`, payload: body });
    expect((await put(2026, { startDate: '2026-11-30', endDate: '2026-12-06' })).statusCode).toBe(204);
    expect((await put(2026, { startDate: '2026-12-01', endDate: '2026-12-07' })).statusCode).toBe(204);
    let periods = (await reference()).campaigns.find((c) => c.id === week.id)!.periods;
    expect(periods).toContainEqual({ year: 2026, startDate: '2026-12-01', endDate: '2026-12-07' });
    expect(periods).toContainEqual({ year: 2022, startDate: '2022-12-04', endDate: '2022-12-10' });

    expect((await ctx.inject({ method: 'DELETE', url: `/api/campaigns/${week.id}/periods/2026` })).statusCode).toBe(204);
    periods = (await reference()).campaigns.find((c) => c.id === week.id)!.periods;
    expect(periods.map((p) => p.year)).not.toContain(2026);
  });

  it.each([
    ['end before start', { startDate: '2026-12-07', endDate: '2026-12-01' }, 'endDate'],
    ['dates of another year', { startDate: '2025-12-01', endDate: '2025-12-07' }, 'startDate'],
    ['a day that does not exist', { startDate: '2026-11-31', endDate: '2026-12-07' }, 'startDate'],
  ])('refuse %s', async (_name, body, field) => {
    const week = (await reference()).campaigns.find((c) => c.code === 'constitution-week')!;
    const res = await ctx.inject({ method: 'PUT', url: `/api/campaigns/${week.id}/periods/2026`, payload: body });
    expect(res.statusCode).toBe(400);
    expect(res.json<ApiError>().fields?.map((f) => f.field)).toContain(field);
  });

  it('answer 404 for a campaign that does not exist', async () => {
    const res = await ctx.inject({ method: 'PUT', url: '/api/campaigns/99999/periods/2026', payload: { startDate: '2026-12-01', endDate: '2026-12-07' } });
    expect(res.statusCode).toBe(404);
  });
});

describe("an office's own campaigns and departments", () => {
  it('adds a campaign with a yearly rule; it appears in the reference and is suggested like built-ins', async () => {
    const res = await ctx.inject({
      method: 'POST', url: '/api/campaigns',
      payload: { townshipId: ctx.fixture.east.townshipId, name: '桃花节法治宣传', rule: { startMonth: 3, startDay: 20, endMonth: 3, endDay: 25 } },
    });
    expect(res.statusCode).toBe(201);
    const own = (await reference()).campaigns.find((c) => c.id === res.json().id);
    expect(own).toMatchObject({ name: '桃花节法治宣传', nameEn: '桃花节法治宣传', townshipId: ctx.fixture.east.townshipId, isBuiltin: false, rule: { startMonth: 3, startDay: 20, endMonth: 3, endDay: 25 } });
  });

  it("refuses another township's own campaign on an event", async () => {
    const created = await ctx.inject({ method: 'POST', url: '/api/campaigns', payload: { townshipId: ctx.fixture.west.townshipId, name: '西镇专项' } });
    const res = await ctx.inject({
      method: 'POST', url: '/api/events',
      payload: { startDate: '2026-04-01', title: 'x', townshipId: ctx.fixture.east.townshipId, campaignId: created.json().id },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<ApiError>().fields?.[0]?.field).toBe('campaignId');
  });

  it('refuses a rule naming February 30th', async () => {
    const res = await ctx.inject({ method: 'POST', url: '/api/campaigns', payload: { townshipId: ctx.fixture.east.townshipId, name: 'x', rule: { startMonth: 2, startDay: 30 } } });
    expect(res.statusCode).toBe(400);
    expect(res.json<ApiError>().fields?.[0]?.field).toBe('rule.startDay');
  });

  it('adds, renames and deactivates a department; deactivated ones stay listed for old events', async () => {
    const res = await ctx.inject({ method: 'POST', url: '/api/departments', payload: { townshipId: ctx.fixture.east.townshipId, name: '市场监管所' } });
    expect(res.statusCode).toBe(201);
    const { id } = res.json();
    expect((await ctx.inject({ method: 'PATCH', url: `/api/departments/${id}`, payload: { name: '市场监督管理所', isActive: false } })).statusCode).toBe(204);
    expect((await reference()).departments.find((d) => d.id === id)).toMatchObject({ name: '市场监督管理所', isActive: false, townshipId: ctx.fixture.east.townshipId });
    expect((await ctx.inject({ method: 'PATCH', url: '/api/departments/99999', payload: { name: 'x' } })).statusCode).toBe(404);
    expect((await ctx.inject({ method: 'POST', url: '/api/departments', payload: { townshipId: ctx.fixture.east.villageIds[0], name: 'x' } })).statusCode).toBe(400);
  });
});

describe('shared catalogs', () => {
  it('a county administrator adds a material type that counts as leaflets; the list totals count it', async () => {
    const res = await ctx.inject({ method: 'POST', url: '/api/catalogs/materialTypes', payload: { name: '普法挂历', unit: '本', countsAsLeaflet: true } });
    expect(res.statusCode).toBe(201);
    const calendar = res.json();
    expect(calendar).toMatchObject({ name: '普法挂历', nameEn: '普法挂历', unit: '本', unitEn: '本', countsAsLeaflet: true, isActive: true, isBuiltin: false });
    const event = await ctx.inject({ method: 'POST', url: '/api/events', payload: { startDate: '2021-03-03', title: '挂历', townshipId: ctx.fixture.east.townshipId, materials: [{ materialTypeId: calendar.id, quantity: 40 }] } });
    expect(event.statusCode).toBe(201);
    const totals = (await ctx.inject({ method: 'GET', url: '/api/events?from=2021-03-03&to=2021-03-03' })).json().totals;
    expect(totals.leaflets).toBe(40);
  });

  it('switching an entry off marks it inactive in the reference (old events still show it) and in the editor', async () => {
    const laws = (await ctx.inject({ method: 'GET', url: '/api/catalogs/laws' })).json<{ id: number; code: string }[]>();
    const legalAid = laws.find((l) => l.code === 'legal-aid')!;
    const res = await ctx.inject({ method: 'PATCH', url: `/api/catalogs/laws/${legalAid.id}`, payload: { isActive: false } });
    expect(res.json()).toMatchObject({ isActive: false, isBuiltin: true });
    expect((await reference()).laws.find((l) => l.code === 'legal-aid')).toMatchObject({ isActive: false });
    expect((await ctx.inject({ method: 'GET', url: '/api/catalogs/laws' })).json().find((l: { id: number }) => l.id === legalAid.id).isActive).toBe(false);
    await ctx.inject({ method: 'PATCH', url: `/api/catalogs/laws/${legalAid.id}`, payload: { isActive: true } });
  });

  it.each([
    ['a material type without a unit', 'materialTypes', { name: '小册子' }, 'unit'],
    ['a unit on a law', 'laws', { name: '新法', unit: '部' }, 'unit'],
    ['a blank name', 'forms', { name: ' ' }, 'name'],
  ])('refuses %s', async (_name, catalog, body, field) => {
    const res = await ctx.inject({ method: 'POST', url: `/api/catalogs/${catalog}`, payload: body });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('keeps the six built-in 六进 categories fixed, and answers 404 for an unknown catalog entry', async () => {
    const six = (await ctx.inject({ method: 'GET', url: '/api/catalogs/sixInto' })).json<{ id: number }[]>();
    expect((await ctx.inject({ method: 'PATCH', url: `/api/catalogs/sixInto/${six[0]!.id}`, payload: { name: '机关单位' } })).statusCode).toBe(400);
    expect((await ctx.inject({ method: 'PATCH', url: '/api/catalogs/forms/99999', payload: { name: 'x' } })).statusCode).toBe(404);
    expect((await ctx.inject({ method: 'GET', url: '/api/catalogs/passwords' })).statusCode).toBe(400);
  });
});
