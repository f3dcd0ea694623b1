// The county's views against hand-worked figures for three townships in May 2025:
// the status grid, the ranking (and its CSV) and the named-day matrix.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir, seedTownship } from '@pufa/db';
import ExcelJS from 'exceljs';
import { todayInChina, type AnnualReport, type Event, type EventCreate, type NamedDayMatrix, type PeriodSummary, type Ranking, type Submission, type SubmissionGrid } from '@pufa/domain';
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
  const submit = async (townshipId: number, as: 'eastClerk' | 'westClerk') => (await ctx.inject({ method: 'POST', url: '/api/submissions', payload: { townshipId, period: '2025-05' }, as })).json<Submission>();
  const east = await submit(f.east.townshipId, 'eastClerk');
  expect((await ctx.inject({ method: 'POST', url: `/api/submissions/${east.id}/approve` })).statusCode).toBe(200);
  const west = await submit(f.west.townshipId, 'westClerk');
  expect((await ctx.inject({ method: 'POST', url: `/api/submissions/${west.id}/return`, payload: { reason: '缺少活动照片' } })).statusCode).toBe(200);
});

describe('GET /api/submissions (the grid)', () => {
  it('gives each township × month its status, and marks late what is past due and not submitted or approved', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/submissions', query: { year: '2025', countyId: String(ctx.fixture.countyId) } });
    expect(res.statusCode, res.body).toBe(200);
    const grid = res.json<SubmissionGrid>();
    expect(grid.rules).toEqual({ monthDueDay: 5, yearDueMonth: 3, yearDueDay: 1 });
    const may = grid.rows.map((r) => [r.name, r.cells[4]!.status, r.cells[4]!.required, r.cells[4]!.late, r.cells[4]!.dueDate, r.cells[4]!.returnReason]);
    expect(may).toEqual([
      ['东镇', 'approved', true, false, '2025-06-05', ''],
      ['西镇', 'returned', true, true, '2025-06-05', '缺少活动照片'],
      // North was created now: its reporting starts this month, so 2025 is neither due nor late.
      ['北镇', 'none', false, false, '2025-06-05', ''],
    ]);
    expect(grid.rows[2]!.reportingFrom).toBe(todayInChina().slice(0, 7));
    expect(grid.rows[2]!.cells.filter((c) => c.late || c.required)).toEqual([]);
    // Every other period of 2025 is past due and not submitted; the year is due on 1 March 2026.
    expect(grid.rows[0]!.cells.filter((c) => c.late).length).toBe(12);
    expect(grid.rows[0]!.cells[12]).toMatchObject({ period: '2025', dueDate: '2026-03-01', status: 'none' });
    // December's figures are due in January of the next year.
    expect(grid.rows[0]!.cells[11]!.dueDate).toBe('2026-01-05');
  });

  it('requires a township\'s periods from its first reporting month on: the month itself, not the one before; its year, not the year before', async () => {
    await ctx.db.prisma.orgUnit.update({ where: { id: north.townshipId }, data: { reportingFrom: '2025-06' } });
    try {
      const grid2025 = (await ctx.inject({ method: 'GET', url: '/api/submissions', query: { year: '2025' } })).json<SubmissionGrid>();
      const northRow = grid2025.rows.find((r) => r.townshipId === north.townshipId)!;
      expect(northRow.reportingFrom).toBe('2025-06');
      // January to May: not due; June to December and the year 2025: due, and past due, so late.
      expect(northRow.cells.map((c) => [c.period, c.required, c.late])).toEqual([
        ...[1, 2, 3, 4, 5].map((m) => [`2025-0${m}`, false, false]),
        ...['06', '07', '08', '09', '10', '11', '12'].map((m) => [`2025-${m}`, true, true]),
        ['2025', true, true],
      ]);
      const grid2024 = (await ctx.inject({ method: 'GET', url: '/api/submissions', query: { year: '2024' } })).json<SubmissionGrid>();
      expect(grid2024.rows.find((r) => r.townshipId === north.townshipId)!.cells.some((c) => c.required || c.late)).toBe(false);
      // The period's summary carries the same cell.
      const summary = async (period: string) =>
        (await ctx.inject({ method: 'GET', url: '/api/submissions/summary', query: { townshipId: String(north.townshipId), period } })).json<PeriodSummary>().cell;
      expect(await summary('2025-05')).toMatchObject({ required: false, late: false });
      expect(await summary('2025-06')).toMatchObject({ required: true, late: true });
    } finally {
      await ctx.db.prisma.orgUnit.update({ where: { id: north.townshipId }, data: { reportingFrom: todayInChina().slice(0, 7) } });
    }
  });

  it('gives existing townships, in the migration, the month of their first event or submission', async () => {
    const sql = await readFile(path.join(migrationsDir, '20261207130801_reporting_start_month', 'migration.sql'), 'utf8');
    const update = sql.slice(sql.indexOf('UPDATE'));
    const prisma = ctx.db.prisma;
    const before = await prisma.orgUnit.findMany({ where: { level: 'township' }, select: { id: true, reportingFrom: true } });
    // A township with a year's submission before its first event starts in that year's January.
    const year = await prisma.submission.create({ data: { townshipId: ctx.fixture.west.townshipId, period: '2024', status: 'returned', submittedAt: new Date() } });
    try {
      await prisma.orgUnit.updateMany({ where: { level: 'township' }, data: { reportingFrom: '2026-12' } });
      await prisma.$executeRawUnsafe(update);
      const after = await prisma.orgUnit.findMany({ where: { level: 'township' }, select: { id: true, reportingFrom: true } });
      const of = (id: number) => after.find((t) => t.id === id)!.reportingFrom;
      expect([of(ctx.fixture.east.townshipId), of(ctx.fixture.west.townshipId), of(north.townshipId)]).toEqual(['2025-05', '2024-01', '2025-05']);
      // Counties and villages keep the column's default: the rule is a township's.
      expect(await prisma.orgUnit.count({ where: { level: { not: 'township' }, reportingFrom: { not: todayInChina().slice(0, 7) } } })).toBe(0);
    } finally {
      await prisma.submission.delete({ where: { id: year.id } });
      for (const t of before) await prisma.orgUnit.update({ where: { id: t.id }, data: { reportingFrom: t.reportingFrom } });
    }
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

  it('marks the named days that ended before a township\'s reporting start as not required, not as missed', async () => {
    const before = await ctx.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: north.townshipId }, select: { reportingFrom: true } });
    await ctx.db.prisma.orgUnit.update({ where: { id: north.townshipId }, data: { reportingFrom: '2025-06' } });
    try {
      const matrixOf = async (year: string) => (await ctx.inject({ method: 'GET', url: '/api/county/named-days', query: { year } })).json<NamedDayMatrix>();
      const may2025 = await matrixOf('2025');
      const northRow = may2025.rows.find((r) => r.townshipId === north.townshipId)!;
      expect(northRow.reportingFrom).toBe('2025-06');
      const notRequired = may2025.days.filter((_, i) => !northRow.required[i]).map((d) => d.name);
      // March to May ended before June; 6·1 is a day of June, so it is asked; the year-round market days too.
      expect(notRequired).toEqual(['三月法治宣传月', '三八维权周', '3·15消费者权益日', '4·15全民国家安全教育日', '民法典宣传月', '5·12防灾减灾日']);
      // What the township did before its start still counts (5·12: one event).
      expect(northRow.counts[may2025.days.findIndex((d) => d.name === '5·12防灾减灾日')]).toBe(1);
      // The townships reporting since 2020 are asked every day.
      expect(may2025.rows.filter((r) => r.townshipId !== north.townshipId).every((r) => r.required.every(Boolean))).toBe(true);
      // A year before the start asks nothing; a year after asks everything.
      expect((await matrixOf('2024')).rows.find((r) => r.townshipId === north.townshipId)!.required.some(Boolean)).toBe(false);
      expect((await matrixOf('2026')).rows.find((r) => r.townshipId === north.townshipId)!.required.every(Boolean)).toBe(true);
    } finally {
      await ctx.db.prisma.orgUnit.update({ where: { id: north.townshipId }, data: { reportingFrom: before.reportingFrom } });
    }
  });

  it('counts an event on the last day of the year in that year, and not in the next', async () => {
    const constitution = ctx.fixture.campaign('constitution-day');
    await create({ startDate: '2025-12-31', townshipId: north.townshipId, campaignId: constitution });
    const counts = async (year: string) => {
      const matrix = (await ctx.inject({ method: 'GET', url: '/api/county/named-days', query: { year } })).json<NamedDayMatrix>();
      const column = matrix.days.findIndex((d) => d.campaignId === constitution);
      expect(column).toBeGreaterThanOrEqual(0);
      return matrix.rows.map((r) => [r.name, r.counts[column]]);
    };
    expect(await counts('2025')).toEqual([['东镇', 0], ['西镇', 0], ['北镇', 1]]);
    expect(await counts('2026')).toEqual([['东镇', 0], ['西镇', 0], ['北镇', 0]]);
    // A deleted event counts nowhere.
    const deleted = await create({ startDate: '2025-12-30', townshipId: north.townshipId, campaignId: constitution });
    expect((await ctx.inject({ method: 'DELETE', url: `/api/events/${deleted.id}` })).statusCode).toBe(204);
    expect(await counts('2025')).toEqual([['东镇', 0], ['西镇', 0], ['北镇', 1]]);
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
    // 分村统计: the approved township's villages only, and its coverage "2 / 4".
    const villages = workbook.getWorksheet('分村统计')!;
    const villageRows: unknown[][] = [];
    villages.eachRow((row) => villageRows.push((row.values as unknown[]).slice(1)));
    const body = villageRows.slice(2);
    expect(body.slice(0, -1).map((r) => [r[0], r[1], r[2], r[5]])).toEqual([
      ['东镇', 'east村1', 1, '已覆盖'],
      ['东镇', 'east村2', 2, '已覆盖'],
      ['东镇', 'east村3', 0, '未覆盖'],
      ['东镇', 'east村4', 0, '未覆盖'],
    ]);
    expect(body.at(-1)!.slice(1, 5)).toEqual(['2 / 4', 2, 400, 150]);
  });

  it('counts a township whose whole year is approved in the approved-only report of that year', async () => {
    const year = await ctx.inject({ method: 'POST', url: '/api/submissions', payload: { townshipId: ctx.fixture.east.townshipId, period: '2025' }, as: 'eastClerk' });
    expect(year.statusCode, year.body).toBe(201);
    const report = async () => (await ctx.inject({ method: 'GET', url: '/api/reports/annual', query: { year: '2025', approvedOnly: 'true' } })).json<AnnualReport>();
    // Submitted is not approved: nothing counted yet.
    expect((await report()).figures.activities).toBe(0);
    expect((await ctx.inject({ method: 'POST', url: `/api/submissions/${year.json<Submission>().id}/approve` })).statusCode).toBe(200);
    const approved = await report();
    // East's three 2025 events (two in May, one in June), approved through the year though only May was approved by month.
    expect(approved.figures).toMatchObject({ activities: 3, leaflets: 1399, audience: 1149, villagesTotal: 4, notApproved: [{ name: '西镇' }, { name: '北镇' }] });
  });
});
