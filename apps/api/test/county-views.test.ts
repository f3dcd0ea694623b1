// The county's views against hand-worked figures for three townships in May 2025:
// the status grid, the ranking (and its CSV) and the named-day matrix.
import { beforeAll, describe, expect, it } from 'vitest';
import { seedTownship } from '@pufa/db';
import ExcelJS from 'exceljs';
import type { AnnualReport, Event, EventCreate, NamedDayMatrix, Ranking, Submission, SubmissionGrid } from '@pufa/domain';
import { useTestApp } from './helper.ts';

const ctx = useTestApp();
let north: { townshipId: number; villageIds: number[] };

async function create(body: Partial<EventCreate> & { startDate: string; townshipId: number }) {
  const res = await ctx.inject({ method: 'POST', url: '/api/events', payload: { title: '普法宣传', ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Event>();
}

beforeAll(async () => {
  const f = ctx.fixture;
  north = await seedTownship(ctx.db.prisma, {
    countyId: f.countyId, code: 'north', name: '北镇', nameEn: 'North Town',
    villages: [1, 2, 3].map((n) => ({ code: `north-v${n}`, name: `北村${n}`, nameEn: `North village ${n}` })),
  });
  const leaflets = (quantity: number) => ({ materialTypeId: f.material('leaflet'), quantity });
  const civilCode = f.campaign('civil-code-month');
  // East (4 villages): two May events reaching 2 villages; June is outside the period.
  await create({ startDate: '2025-05-03', townshipId: f.east.townshipId, campaignId: civilCode, villageIds: f.east.villageIds.slice(0, 2), audience: 100,
    materials: [leaflets(300), { materialTypeId: f.material('banner'), quantity: 2 }] });
  await create({ startDate: '2025-05-20', townshipId: f.east.townshipId, campaignId: civilCode, villageIds: [f.east.villageIds[1]!], audience: 50, materials: [leaflets(100)] });
  await create({ startDate: '2025-06-01', townshipId: f.east.townshipId, audience: 999, materials: [leaflets(999)] });
  // West (2 villages): both reached; a second event with no village and no material.
  await create({ startDate: '2025-05-10', townshipId: f.west.townshipId, campaignId: civilCode, villageIds: f.west.villageIds, audience: 200, materials: [leaflets(400)] });
  await create({ startDate: '2025-05-11', townshipId: f.west.townshipId });
  // North (3 villages): one event; a deleted one counts nowhere.
  await create({ startDate: '2025-05-15', townshipId: north.townshipId, campaignId: f.campaign('disaster-prevention-day'), villageIds: [north.villageIds[0]!], audience: 30, materials: [leaflets(50)] });
  const gone = await create({ startDate: '2025-05-16', townshipId: north.townshipId, villageIds: north.villageIds, audience: 500, materials: [leaflets(500)] });
  expect((await ctx.inject({ method: 'DELETE', url: `/api/events/${gone.id}` })).statusCode).toBe(204);

  // May 2025: east approved, west returned, north never submitted.
  const submit = async (townshipId: number) => (await ctx.inject({ method: 'POST', url: '/api/submissions', payload: { townshipId, period: '2025-05' } })).json<Submission>();
  const east = await submit(f.east.townshipId);
  expect((await ctx.inject({ method: 'POST', url: `/api/submissions/${east.id}/approve` })).statusCode).toBe(200);
  const west = await submit(f.west.townshipId);
  expect((await ctx.inject({ method: 'POST', url: `/api/submissions/${west.id}/return`, payload: { reason: '缺少活动照片' } })).statusCode).toBe(200);
});

describe('GET /api/submissions (the grid)', () => {
  it('gives each township × month its status, and marks late what is past due and not submitted or approved', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/submissions', query: { year: '2025', countyId: String(ctx.fixture.countyId) } });
    expect(res.statusCode, res.body).toBe(200);
    const grid = res.json<SubmissionGrid>();
    expect(grid.rules).toEqual({ monthDueDay: 5, yearDueMonth: 3, yearDueDay: 1 });
    const may = grid.rows.map((r) => [r.name, r.cells[4]!.status, r.cells[4]!.late, r.cells[4]!.dueDate, r.cells[4]!.returnReason]);
    expect(may).toEqual([
      ['东镇', 'approved', false, '2025-06-05', ''],
      ['西镇', 'returned', true, '2025-06-05', '缺少活动照片'],
      ['北镇', 'none', true, '2025-06-05', ''],
    ]);
    // Every other period of 2025 is past due and not submitted; the year is due on 1 March 2026.
    expect(grid.rows[0]!.cells.filter((c) => c.late).length).toBe(12);
    expect(grid.rows[0]!.cells[12]).toMatchObject({ period: '2025', dueDate: '2026-03-01', status: 'none' });
    // December's figures are due in January of the next year.
    expect(grid.rows[0]!.cells[11]!.dueDate).toBe('2026-01-05');
  });
});

describe('GET /api/county/ranking', () => {
  it('ranks the townships by activities, then leaflets, then audience, with coverage and per-village figures', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/county/ranking', query: { period: '2025-05' }, as: 'countyLeader' });
    expect(res.statusCode, res.body).toBe(200);
    const ranking = res.json<Ranking>();
    expect(ranking).toMatchObject({ from: '2025-05-01', to: '2025-05-31' });
    expect(ranking.rows.map((r) => [r.rank, r.name, r.activities, r.leaflets, r.audience, r.villagesReached, r.villagesTotal, r.coverage, r.activitiesPerVillage, r.leafletsPerVillage, r.audiencePerVillage])).toEqual([
      // West and east both held 2 activities with 400 leaflets; west reached more people.
      [1, '西镇', 2, 400, 200, 2, 2, 1, 1, 200, 100],
      [2, '东镇', 2, 400, 150, 2, 4, 0.5, 0.5, 100, 37.5],
      [3, '北镇', 1, 50, 30, 1, 3, 0.333, 0.3, 16.7, 10],
    ]);
    // The whole year adds east's June event.
    const year = (await ctx.inject({ method: 'GET', url: '/api/county/ranking', query: { period: '2025' } })).json<Ranking>();
    expect(year.rows[0]).toMatchObject({ name: '东镇', activities: 3, leaflets: 1399, audience: 1149 });
  });

  it('exports the ranking as CSV that spreadsheet programs read', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/county/ranking.csv', query: { period: '2025-05' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('乡镇排名-2025年5月.csv'));
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines).toEqual([
      '名次,乡镇,活动(次),资料(份),受众(人次),覆盖村(社区),村(社区)总数,覆盖率,村均活动,村均资料,村均受众',
      '1,西镇,2,400,200,2,2,100.0%,1,200,100',
      '2,东镇,2,400,150,2,4,50.0%,0.5,100,37.5',
      '3,北镇,1,50,30,1,3,33.3%,0.3,16.7,10',
    ]);
  });

  it('shows a township clerk its own row only', async () => {
    const ranking = (await ctx.inject({ method: 'GET', url: '/api/county/ranking', query: { period: '2025-05' }, as: 'westClerk' })).json<Ranking>();
    expect(ranking.rows.map((r) => [r.rank, r.name])).toEqual([[1, '西镇']]);
  });
});

describe('GET /api/county/named-days', () => {
  it('counts each township\'s events on each named day of the year', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/county/named-days', query: { year: '2025' } });
    expect(res.statusCode, res.body).toBe(200);
    const matrix = res.json<NamedDayMatrix>();
    const column = (name: string) => matrix.days.findIndex((d) => d.name === name);
    const civil = column('民法典宣传月');
    const disaster = column('5·12防灾减灾日');
    expect(matrix.rows.map((r) => [r.name, r.counts[civil], r.counts[disaster], r.counts.reduce((a, b) => a + b, 0)])).toEqual([
      ['东镇', 2, 0, 2],
      ['西镇', 1, 0, 1],
      ['北镇', 0, 1, 1],
    ]);
    expect((await ctx.inject({ method: 'GET', url: '/api/county/named-days', query: { year: '2024' } })).json<NamedDayMatrix>().rows.every((r) => r.counts.every((c) => c === 0))).toBe(true);
  });
});

describe('the county roll-up limited to approved figures', () => {
  const may = { from: '2025-05-01', to: '2025-05-31' };

  it('counts only the approved townships in the report and names the others', async () => {
    const all = (await ctx.inject({ method: 'GET', url: '/api/reports/annual', query: may })).json<AnnualReport>();
    expect(all.figures).toMatchObject({ activities: 5, leaflets: 850, audience: 380 });
    expect(all.figures.notApproved).toBeUndefined();
    const res = await ctx.inject({ method: 'GET', url: '/api/reports/annual', query: { ...may, approvedOnly: 'true' } });
    expect(res.statusCode, res.body).toBe(200);
    const approved = res.json<AnnualReport>();
    // East alone: 2 activities, 400 leaflets, 150 person-times, 2 of its 4 villages.
    expect(approved.figures).toMatchObject({ activities: 2, leaflets: 400, audience: 150, villagesReached: 2, villagesTotal: 4, notApproved: [{ name: '西镇' }, { name: '北镇' }] });
    // Both Chinese paragraphs, the rounded one (the one pasted into reports) too.
    for (const text of [approved.paragraphs.exact, approved.paragraphs.rounded]) {
      expect(text).toMatch(/^2025年5月1日至2025年5月31日，全县开展普法宣传2次，发放宣传资料400份，受教育群众150人次。.*（以上为已通过县级审核的数据，未含未通过审核的西镇、北镇。）$/);
    }
    expect(approved.paragraphs.english).toContain('not approved: West Town and North Town');
    // A whole year nobody had approved: nothing counted, everyone named.
    const year = (await ctx.inject({ method: 'GET', url: '/api/reports/annual', query: { year: '2025', approvedOnly: 'true' } })).json<AnnualReport>();
    expect(year.figures.activities).toBe(0);
    expect(year.figures.notApproved!.map((t) => t.name)).toEqual(['东镇', '西镇', '北镇']);
  });

  it('marks the townships left out in the workbook\'s county sheet and lists only counted events', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/exports/annual.xlsx', query: { ...may, approvedOnly: 'true' } });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const county = workbook.getWorksheet('县级汇总')!;
    const rows: unknown[][] = [];
    county.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows.filter((r) => typeof r[0] === 'string' && /^[东西北]镇/.test(r[0] as string)).map((r) => r.slice(0, 4))).toEqual([
      ['东镇', 2, 400, 150],
      ['西镇（未通过审核，未计入）', 0, 0, 0],
      ['北镇（未通过审核，未计入）', 0, 0, 0],
    ]);
    const ledger = workbook.getWorksheet('活动台账')!;
    const ledgerRows: unknown[][] = [];
    ledger.eachRow((row) => ledgerRows.push((row.values as unknown[]).slice(1)));
    // Title, header, East's two May events, the total.
    expect(ledgerRows.slice(2, -1).map((r) => [r[1], r[3]])).toEqual([['2025-05-03', '东镇'], ['2025-05-20', '东镇']]);
    expect(ledgerRows.at(-1)!.slice(13, 16)).toEqual([150, 0, 400]);
  });
});
