import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, createCountyRepository, createEventRepository, createPlanRepository, createSubmissionRepository, prepareDatabase, seedDemo, type Database } from '../src/index.ts';
import { DEMO_RETURN_REASON } from '../src/seed/demo-county.ts';
import { useFreshDatabases } from './fresh-database.ts';

const freshDatabase = useFreshDatabases();

async function allEvents(db: Database) {
  return (await createEventRepository(db).list(SYSTEM_ACTOR, { page: 1, pageSize: 200, sort: 'startDate' })).items;
}

describe('prepareDatabase', () => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase({ migrate: false });
  });

  it('migrates, then seeds the demo township once; a second start adds nothing', async () => {
    const first = await prepareDatabase(db, { demo: true, demoPassword: 'test-password' });
    expect(first.appliedMigrations.length).toBeGreaterThan(0);
    expect(first.demoSeeded).toBe(true);
    const counts = async () => ({
      units: await db.prisma.orgUnit.count(),
      events: await db.prisma.event.count(),
      campaigns: await db.prisma.campaign.count(),
      materialTypes: await db.prisma.materialType.count(),
    });
    const before = await counts();
    const second = await prepareDatabase(db, { demo: true, demoPassword: 'test-password' });
    expect(second).toEqual({ appliedMigrations: [], demoSeeded: false });
    expect(await counts()).toEqual(before);
  });

  it('without demo data, an empty database gets the catalogs and no township', async () => {
    const empty = await freshDatabase();
    await prepareDatabase(empty, { demo: false, demoPassword: 'unused' });
    expect(await empty.prisma.orgUnit.count()).toBe(0);
    expect(await empty.prisma.sixIntoCategory.count()).toBe(6);
    expect(await empty.prisma.campaign.count({ where: { code: 'constitution-week' } })).toBe(1);
  });
});

describe('seedDemo', () => {
  it('models the report: one township, its 10 villages and departments, events up to today only', async () => {
    const db = await freshDatabase();
    const today = '2026-07-01';
    await seedDemo(db, { today });
    const township = await db.prisma.orgUnit.findFirstOrThrow({ where: { level: 'township' }, include: { children: true, departments: true } });
    expect(township.name).toBe('涂市镇');
    expect(township.children).toHaveLength(10);
    expect(township.departments.map((d) => d.name)).toEqual(expect.arrayContaining(['司法所', '平安办', '派出所', '团委', '妇联']));
    const events = await allEvents(db);
    expect(events.every((e) => e.startDate <= today)).toBe(true);
    expect(new Set(events.map((e) => e.startDate.slice(0, 4)))).toEqual(new Set(['2025', '2026']));
    // The named days of the report are there: 5.12, 6.26, 12.4.
    expect(events.map((e) => e.startDate)).toEqual(expect.arrayContaining(['2025-05-12', '2025-06-26', '2025-12-04']));
  });

  it("plans this year: items whose day has passed are done or partly done by their linked event, later ones not done", async () => {
    const db = await freshDatabase();
    const today = '2026-07-01';
    const { townshipId, planItems } = await seedDemo(db, { today });
    const items = await createPlanRepository(db.prisma).list(SYSTEM_ACTOR, { townshipId, year: 2026 });
    expect(items).toHaveLength(planItems);
    for (const item of items) {
      const happened = item.targetDate !== null && item.targetDate <= today;
      expect(item.status === 'notDone', `${item.title} ${item.targetDate}`).toBe(!happened);
      if (happened) expect(item.eventIds).toHaveLength(1);
    }
    const statuses = new Set(items.map((i) => i.status));
    expect(statuses).toEqual(new Set(['done', 'partial', 'notDone']));
    expect(items.some((i) => i.targetDate === null && i.targetMonth === 10)).toBe(true);
  });

  it('is deterministic: two databases get the same events', async () => {
    const strip = (events: Awaited<ReturnType<typeof allEvents>>) =>
      events.map(({ id: _id, createdAt: _c, updatedAt: _u, ...rest }) => rest);
    const [a, b] = [await freshDatabase(), await freshDatabase()];
    await seedDemo(a, { today: '2026-11-26' });
    await seedDemo(b, { today: '2026-11-26' });
    expect(strip(await allEvents(a))).toEqual(strip(await allEvents(b)));
  });
});

describe('the demo county', () => {
  it('has two more townships whose month-end shows every status: approved, waiting, returned with a reason, late', async () => {
    const db = await freshDatabase();
    const today = '2026-07-20';
    const { countyId } = await seedDemo(db, { today });
    const grid = await createSubmissionRepository(db).grid(SYSTEM_ACTOR, { countyId, year: 2026 }, today);
    const june = grid.rows.map((r) => [r.name, r.cells[4]!.status, r.cells[5]!.status, r.cells[5]!.late]);
    // 涂市镇 submits nothing (the demo clerk starts from an open ledger); June is due on 5 July.
    expect(june).toEqual([
      ['涂市镇', 'none', 'none', true],
      ['龙港镇', 'approved', 'submitted', false],
      ['石门乡', 'returned', 'none', true],
    ]);
    expect(grid.rows[2]!.cells[4]!.returnReason).toBe(DEMO_RETURN_REASON);
    const matrix = await createCountyRepository(db).namedDays(SYSTEM_ACTOR, { countyId, year: 2025 });
    expect(matrix.rows.map((r) => r.counts.some((c) => c === 0))).toEqual([true, true, true]);
  });
});

describe('the demo province', () => {
  it('puts the demo county under 示范市 of 示范省, beside another county and another city, each with events', async () => {
    const db = await freshDatabase();
    const today = '2026-07-20';
    const { countyId, cityId, provinceId } = await seedDemo(db, { today });
    const units = await db.prisma.orgUnit.findMany({ select: { id: true, name: true, level: true, parentId: true } });
    const under = (id: number) => units.filter((u) => u.parentId === id).map((u) => u.name);
    expect(units.find((u) => u.id === countyId)!.parentId).toBe(cityId);
    expect(under(provinceId)).toEqual(['示范市', '江北市']);
    expect(under(cityId).sort()).toEqual(['东山区', '示范县'].sort());
    expect(units.filter((u) => u.level === 'county')).toHaveLength(3);
    // Every township of the province has events (the city's views compare something).
    const townships = units.filter((u) => u.level === 'township');
    const withEvents = await db.prisma.event.groupBy({ by: ['townshipId'], where: { deletedAt: null }, _count: { _all: true } });
    expect(withEvents.map((e) => e.townshipId).sort()).toEqual(townships.map((t) => t.id).sort());
  });

  it('signs the city leader in at 示范市, reading its two counties', async () => {
    const db = await freshDatabase({ migrate: false });
    await prepareDatabase(db, { demo: true, demoPassword: 'test-password' });
    const leader = await db.prisma.user.findUniqueOrThrow({ where: { username: 'cityleader' }, include: { orgUnit: true } });
    expect([leader.role, leader.orgUnit.name, leader.orgUnit.level]).toEqual(['leader', '示范市', 'city']);
    const top = await db.prisma.user.findUniqueOrThrow({ where: { username: 'provinceadmin' }, include: { orgUnit: true } });
    expect([top.role, top.orgUnit.name, top.orgUnit.parentId]).toEqual(['admin', '示范省', null]);
  });
});
