// Issue 20: the submission grid and the named-day matrix one level down. A province beside the
// fixture's county:
//   省 P ── 市 A ── 县 A1 ── 镇 a1x, a1y, a1z
//        │      └─ 区 A2 ── 镇 a2x, a2y (reporting from 2025-06; A2's months are due on the 10th)
//        └─ 市 B ── 县 B1 ── 镇 b1x
// 2025 is over, so its lateness does not move with the day the tests run; the due day itself is
// checked through the repository with a chosen today.
import { beforeAll, describe, expect, it } from 'vitest';
import { createProgressRepository, createEventRepository, hashPassword, seedCounty, seedTownship, seedUpperUnit, SYSTEM_ACTOR, actorOf } from '@pufa/db';
import { periodsOfYear, type NamedDayMatrix, type NamedDayProgress, type SessionUser, type SubmissionGrid, type SubmissionProgress } from '@pufa/domain';
import { signIn, TEST_PASSWORD, useTestApp } from './helper.ts';

const ctx = useTestApp();
const USERS = ['provinceAdmin', 'cityLeader', 'cityBLeader', 'a1Admin', 'a1Leader'] as const;
type User20 = (typeof USERS)[number];
const cookies = {} as Record<User20, string>;
type Key = 'province' | 'cityA' | 'cityB' | 'a1' | 'a2' | 'b1' | 'a1x' | 'a1y' | 'a1z' | 'a2x' | 'a2y' | 'b1x';
const ids = {} as Record<Key, number>;
const TOWNSHIPS = ['a1x', 'a1y', 'a1z', 'a2x', 'a2y', 'b1x'] as const;

const get = (user: User20, url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie: cookies[user] } });
const progress = (user: User20, unit: number | string, year: number | string = 2025) => get(user, `/api/org-units/${unit}/submission-progress?year=${year}`);
const namedDays = (user: User20, unit: number | string, year: number | string = 2025) => get(user, `/api/org-units/${unit}/named-day-progress?year=${year}`);
/** [name, townships, required, submitted, approved, returned, late] of each row's cell for `period`. */
const cellsOf = (body: SubmissionProgress, period: string) =>
  body.rows.map((r) => {
    const c = r.cells.find((x) => x.period === period)!;
    return [r.name, c.townships, c.required, c.submitted, c.approved, c.returned, c.late];
  });

beforeAll(async () => {
  const { prisma } = ctx.db;
  ids.province = (await seedUpperUnit(prisma, 'province', { code: 'p', name: '测试省', nameEn: 'Test Province' })).id;
  ids.cityA = (await seedUpperUnit(prisma, 'city', { code: 'city-a', name: '甲市', nameEn: 'City A', parentId: ids.province })).id;
  ids.cityB = (await seedUpperUnit(prisma, 'city', { code: 'city-b', name: '乙市', nameEn: 'City B', parentId: ids.province })).id;
  ids.a1 = (await seedCounty(prisma, { code: 'a1', name: '甲一县', nameEn: 'County A1', parentId: ids.cityA })).id;
  ids.a2 = (await seedCounty(prisma, { code: 'a2', name: '甲二区', nameEn: 'District A2', parentId: ids.cityA })).id;
  ids.b1 = (await seedCounty(prisma, { code: 'b1', name: '乙一县', nameEn: 'County B1', parentId: ids.cityB })).id;
  const countyOf = { a1x: ids.a1, a1y: ids.a1, a1z: ids.a1, a2x: ids.a2, a2y: ids.a2, b1x: ids.b1 };
  for (const [index, key] of TOWNSHIPS.entries()) {
    const t = await seedTownship(prisma, { countyId: countyOf[key], code: key, name: `${key}镇`, nameEn: `${key} town`, reportingFrom: key === 'a2y' ? '2025-06' : '2020-01', villages: [] });
    await prisma.orgUnit.update({ where: { id: t.townshipId }, data: { sortOrder: index } });
    ids[key] = t.townshipId;
  }
  await prisma.reportingSetting.create({ data: { countyId: ids.a2, monthDueDay: 10, yearDueMonth: 2, yearDueDay: 15 } });
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const placement: Record<User20, [string, number]> = {
    provinceAdmin: ['admin', ids.province], cityLeader: ['leader', ids.cityA], cityBLeader: ['leader', ids.cityB], a1Admin: ['admin', ids.a1], a1Leader: ['leader', ids.a1],
  };
  for (const [username, [role, orgUnitId]] of Object.entries(placement)) {
    await prisma.user.create({ data: { username: username.toLowerCase(), displayName: username, passwordHash, role: role as 'admin', orgUnitId } });
    cookies[username as User20] = await signIn(ctx.app, username);
  }

  // Named days of 2025 (before the submissions: a submitted month refuses new events).
  const events = createEventRepository(ctx.db);
  const constitution = ctx.fixture.campaign('constitution-day');
  const security = ctx.fixture.campaign('national-security-day');
  const held = async (key: (typeof TOWNSHIPS)[number], campaignId: number, startDate: string) =>
    events.create(SYSTEM_ACTOR, { title: '普法宣传', startDate, townshipId: ids[key], campaignId });
  await held('a1x', constitution, '2025-12-04');
  await held('a1x', constitution, '2025-12-05'); // twice: still one township
  await held('a1y', constitution, '2025-12-04');
  await held('a1x', security, '2025-04-15');
  await held('a2y', constitution, '2025-12-04');
  await held('b1x', constitution, '2025-12-04');
  await held('a1z', security, '2024-04-15'); // another year
  const gone = await held('a1z', constitution, '2025-12-04');
  expect(await events.delete(SYSTEM_ACTOR, gone.id)).toBe(true);

  // Submissions of 2025, written as rows (their history is not what these views read).
  const rows: [(typeof TOWNSHIPS)[number], string, 'submitted' | 'approved' | 'returned'][] = [
    ['a1x', '2025-05', 'approved'], ['a1y', '2025-05', 'submitted'], ['a1z', '2025-05', 'returned'],
    ['a2x', '2025-05', 'approved'], ['a2y', '2025-05', 'submitted'], // a2y submitted a month before its start
    ['a1x', '2025-06', 'approved'], ['a2x', '2025-06', 'returned'],
    ['a1x', '2025', 'approved'], ['a1y', '2025', 'submitted'], ['a2y', '2025', 'approved'],
    ['b1x', '2025-05', 'approved'], ['b1x', '2025', 'returned'],
    ['a1y', '2024-05', 'approved'], // another year
  ];
  for (const [key, period, status] of rows) {
    await prisma.submission.create({ data: { townshipId: ids[key], period, status, submittedAt: new Date(), returnReason: status === 'returned' ? '补充照片' : '' } });
  }
});

describe('GET /api/org-units/:id/submission-progress', () => {
  it('gives a city leader its counties: townships, submitted (with approved), approved, returned and late per period', async () => {
    const res = await progress('cityLeader', ids.cityA);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<SubmissionProgress>();
    expect(body.unit).toEqual({ id: ids.cityA, name: '甲市', nameEn: 'City A', level: 'city' });
    expect(body.rows.map((r) => [r.id, r.level])).toEqual([[ids.a1, 'county'], [ids.a2, 'county']]);
    expect(body.rows[0]!.cells.map((c) => c.period)).toEqual(periodsOfYear(2025));
    // [name, townships, required, submitted, approved, returned, late]
    expect(cellsOf(body, '2025-05')).toEqual([
      ['甲一县', 3, 3, 2, 1, 1, 1],
      // a2y's reporting starts in June: May is not required of it, so nothing of it is late.
      ['甲二区', 2, 1, 2, 1, 0, 0],
    ]);
    expect(cellsOf(body, '2025-06')).toEqual([
      ['甲一县', 3, 3, 1, 1, 0, 2],
      ['甲二区', 2, 2, 0, 0, 1, 2],
    ]);
    expect(cellsOf(body, '2025')).toEqual([
      ['甲一县', 3, 3, 2, 1, 0, 1],
      ['甲二区', 2, 2, 1, 1, 0, 1],
    ]);
    expect(cellsOf(body, '2025-01')).toEqual([
      ['甲一县', 3, 3, 0, 0, 0, 3],
      ['甲二区', 2, 1, 0, 0, 0, 1],
    ]);
  });

  it('gives a province its cities, and nothing of the neighbouring city to a city leader (404)', async () => {
    const body = (await progress('provinceAdmin', ids.province)).json<SubmissionProgress>();
    expect(cellsOf(body, '2025-05')).toEqual([
      ['甲市', 5, 4, 4, 2, 1, 1],
      ['乙市', 1, 1, 1, 1, 0, 0],
    ]);
    expect(cellsOf(body, '2025')).toEqual([
      ['甲市', 5, 5, 3, 2, 0, 2],
      ['乙市', 1, 1, 0, 0, 1, 1],
    ]);
    for (const unit of [ids.cityB, ids.b1, ids.province]) {
      const res = await progress('cityLeader', unit);
      expect(res.statusCode, `city A asking for ${unit}`).toBe(404);
      expect(res.body).not.toContain('乙');
    }
    expect((await progress('cityBLeader', ids.cityA)).statusCode).toBe(404);
    expect((await progress('a1Admin', ids.cityA)).statusCode).toBe(404); // above the county
    expect((await progress('cityLeader', ctx.fixture.countyId)).statusCode).toBe(404); // another tree
    expect((await progress('cityLeader', 2_000_000_000)).statusCode).toBe(404);
  });

  it('equals a recount from the submission rows and the county grids (the domain’s due days and lateness)', async () => {
    const { prisma } = ctx.db;
    const submissions = await prisma.submission.findMany({ where: { period: { in: periodsOfYear(2025) } } });
    const grids = new Map<number, SubmissionGrid>();
    for (const county of [ids.a1, ids.a2, ids.b1]) grids.set(county, (await get('provinceAdmin', `/api/submissions?year=2025&countyId=${county}`)).json<SubmissionGrid>());
    const childrenOf = { [ids.province]: { [ids.cityA]: [ids.a1, ids.a2], [ids.cityB]: [ids.b1] }, [ids.cityA]: { [ids.a1]: [ids.a1], [ids.a2]: [ids.a2] } };
    for (const [unit, children] of Object.entries(childrenOf)) {
      const body = (await progress('provinceAdmin', unit)).json<SubmissionProgress>();
      for (const row of body.rows) {
        const rows = children[row.id]!.flatMap((county) => grids.get(county)!.rows);
        for (const cell of row.cells) {
          const status = (id: number) => submissions.find((s) => s.townshipId === id && s.period === cell.period)?.status;
          const recount = {
            period: cell.period,
            townships: rows.length,
            required: rows.filter((r) => r.cells.find((c) => c.period === cell.period)!.required).length,
            submitted: rows.filter((r) => ['submitted', 'approved'].includes(status(r.townshipId) ?? '')).length,
            approved: rows.filter((r) => status(r.townshipId) === 'approved').length,
            returned: rows.filter((r) => status(r.townshipId) === 'returned').length,
            late: rows.filter((r) => r.cells.find((c) => c.period === cell.period)!.late).length,
          };
          expect(cell, `${row.name} ${cell.period}`).toEqual(recount);
        }
      }
    }
  });

  it('counts late only after the county’s due day (A2: months on the 10th, the year on 15 February)', async () => {
    const repo = createProgressRepository(ctx.db);
    const cityLeader = actorOf((await get('cityLeader', '/api/auth/me')).json<SessionUser>());
    const lateOf = async (today: string, period: string) => cellsOf((await repo.submissions(cityLeader, ids.cityA, 2025, today))!, period).map((r) => r[6]);
    // July 2025: nobody submitted. A1's default 5 August, A2's 10 August.
    expect(await lateOf('2025-08-05', '2025-07')).toEqual([0, 0]);
    expect(await lateOf('2025-08-06', '2025-07')).toEqual([3, 0]);
    expect(await lateOf('2025-08-10', '2025-07')).toEqual([3, 0]);
    expect(await lateOf('2025-08-11', '2025-07')).toEqual([3, 2]);
    // December is due in January of the next year.
    expect(await lateOf('2026-01-05', '2025-12')).toEqual([0, 0]);
    expect(await lateOf('2026-01-06', '2025-12')).toEqual([3, 0]);
    // The year: A2's 15 February, A1's default 1 March (a1z alone has nothing; a2x alone in A2).
    expect(await lateOf('2026-02-15', '2025')).toEqual([0, 0]);
    expect(await lateOf('2026-02-16', '2025')).toEqual([0, 1]);
    expect(await lateOf('2026-03-02', '2025')).toEqual([1, 1]);
  });

  it('answers a county with its townships, and leaves the county’s own grid as it was', async () => {
    const body = (await progress('a1Leader', ids.a1)).json<SubmissionProgress>();
    expect(cellsOf(body, '2025-05')).toEqual([
      ['a1x镇', 1, 1, 1, 1, 0, 0],
      ['a1y镇', 1, 1, 1, 0, 0, 0],
      ['a1z镇', 1, 1, 0, 0, 1, 1],
    ]);
    const grid = await get('a1Admin', '/api/submissions?year=2025');
    expect(grid.statusCode, grid.body).toBe(200);
    const may = grid.json<SubmissionGrid>().rows.map((r) => [r.name, r.cells[4]!.status, r.cells[4]!.late]);
    expect(may).toEqual([['a1x镇', 'approved', false], ['a1y镇', 'submitted', false], ['a1z镇', 'returned', true]]);
  });

  it('answers a bad year or id with a field error, and a township with 400 on id', async () => {
    for (const [url, field] of [
      [`/api/org-units/${ids.cityA}/submission-progress?year=20x5`, 'year'],
      [`/api/org-units/${ids.cityA}/submission-progress?year=1999`, 'year'],
      [`/api/org-units/${ids.cityA}/submission-progress`, 'year'],
      [`/api/org-units/${ids.cityA}/submission-progress?year=2025&extra=1`, 'extra'],
      ['/api/org-units/abc/submission-progress?year=2025', 'id'],
      [`/api/org-units/${ids.a1x}/submission-progress?year=2025`, 'id'],
      [`/api/org-units/${ids.cityA}/named-day-progress?year=abc`, 'year'],
      [`/api/org-units/${ids.a1x}/named-day-progress?year=2025`, 'id'],
    ] as const) {
      const res = await get('cityLeader', url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json<{ fields: { field: string }[] }>().fields.map((f) => f.field), url).toContain(field);
    }
  });
});

describe('GET /api/org-units/:id/named-day-progress', () => {
  const column = (body: NamedDayProgress, code: string) => {
    const index = body.days.findIndex((d) => d.campaignId === ctx.fixture.campaign(code));
    return body.rows.map((r) => [r.name, r.marked[index], r.required[index], r.townships]);
  };

  it('gives a city its counties: how many townships marked each day, of how many asked and in all', async () => {
    const res = await namedDays('cityLeader', ids.cityA);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<NamedDayProgress>();
    expect(body.unit.level).toBe('city');
    expect(body.rows.map((r) => r.id)).toEqual([ids.a1, ids.a2]);
    // a1x twice and a1y: two townships; a1z's was deleted.
    expect(column(body, 'constitution-day')).toEqual([['甲一县', 2, 3, 3], ['甲二区', 1, 2, 2]]);
    // 4.15: before a2y's start (June), so not asked of it; a1z's was in 2024.
    expect(column(body, 'national-security-day')).toEqual([['甲一县', 1, 3, 3], ['甲二区', 0, 1, 2]]);
    expect((await namedDays('cityLeader', ids.cityB)).statusCode).toBe(404);
    expect((await namedDays('a1Admin', ids.cityA)).statusCode).toBe(404);
  });

  it('equals a recount from the county matrices, for a province and a city', async () => {
    const matrices = new Map<number, NamedDayMatrix>();
    for (const county of [ids.a1, ids.a2, ids.b1]) matrices.set(county, (await get('provinceAdmin', `/api/county/named-days?year=2025&countyId=${county}`)).json<NamedDayMatrix>());
    const childrenOf = { [ids.province]: { [ids.cityA]: [ids.a1, ids.a2], [ids.cityB]: [ids.b1] }, [ids.cityA]: { [ids.a1]: [ids.a1], [ids.a2]: [ids.a2] } };
    for (const [unit, children] of Object.entries(childrenOf)) {
      const body = (await namedDays('provinceAdmin', unit)).json<NamedDayProgress>();
      expect(body.days).toEqual(matrices.get(ids.a1)!.days);
      for (const row of body.rows) {
        const rows = children[row.id]!.flatMap((county) => matrices.get(county)!.rows);
        expect(row.townships).toBe(rows.length);
        expect(row.marked, row.name).toEqual(body.days.map((_, i) => rows.filter((r) => r.counts[i]! > 0).length));
        expect(row.required, row.name).toEqual(body.days.map((_, i) => rows.filter((r) => r.required[i]).length));
      }
    }
  });
});
