// /api/stats numbers, by both ways of computing them (the monthly roll-up and
// the raw events), against figures worked out in this file from the fixture.
import { beforeAll, describe, expect, it } from 'vitest';
import { STATS_GROUPS, type EventCreate, type StatsGroup, type StatsQuery, type StatsResponse } from '@pufa/domain';
import {
  SYSTEM_ACTOR,
  createEventRepository,
  createSharedCatalogRepository,
  createStatsRepository,
  rebuildRollupNow,
  seedCatalogs,
  seedCounty,
  seedDemo,
  seedTownship,
  seededRandom,
  type Actor,
  type Database,
} from '../src/index.ts';
import { useFreshDatabases } from './fresh-database.ts';

const freshDatabase = useFreshDatabases();

async function fixture(db: Database) {
  await seedCatalogs(db.prisma);
  const county = await seedCounty(db.prisma, { code: 'c', name: '县', nameEn: 'County' });
  const village = (p: string, n: number) => ({ code: `${p}${n}`, name: `${p}村${n}`, nameEn: `${p} ${n}` });
  const east = await seedTownship(db.prisma, { countyId: county.id, code: 'east', name: '东镇', nameEn: 'East', villages: [1, 2, 3].map((n) => village('e', n)) });
  const west = await seedTownship(db.prisma, { countyId: county.id, code: 'west', name: '西镇', nameEn: 'West', villages: [1, 2].map((n) => village('w', n)) });
  const code = async (rows: Promise<{ id: number; code: string }[]>) => {
    const map = new Map((await rows).map((r) => [r.code, r.id]));
    return (c: string) => map.get(c)!;
  };
  return {
    countyId: county.id,
    east,
    west,
    material: await code(db.prisma.materialType.findMany()),
    campaign: await code(db.prisma.campaign.findMany()),
    law: await code(db.prisma.law.findMany()),
    form: await code(db.prisma.activityForm.findMany()),
  };
}
type Fixture = Awaited<ReturnType<typeof fixture>>;

const townshipActor = (townshipId: number): Actor => ({ userId: null, role: 'leader', orgUnitId: townshipId, townshipIds: [townshipId], isTopLevel: false });

/** Every row of a response as { key: [activities, leaflets, audience] }, for readable expectations. */
const table = (s: StatsResponse) => Object.fromEntries(s.rows.map((r) => [r.key, [r.activities, r.leaflets, r.audience]]));

describe('stats by group, on a fixture whose figures are worked out by hand', () => {
  let db: Database;
  let f: Fixture;
  const year = { from: '2026-01-01', to: '2026-12-31' };
  beforeAll(async () => {
    db = await freshDatabase();
    f = await fixture(db);
    const events = createEventRepository(db);
    const [e1, e2, e3] = f.east.villageIds as [number, number, number];
    const base = { location: '', formIds: [] as number[], targetGroupIds: [] as number[], notes: '', consultations: 0 };
    const rows: EventCreate[] = [
      // A: 12.4 in villages 1 and 2, 500 leaflets + 3 banners (banners are not leaflets).
      { ...base, startDate: '2026-12-04', title: 'A', townshipId: f.east.townshipId, campaignId: f.campaign('constitution-day'), villageIds: [e1, e2],
        sixInto: ['villages', 'organs'], lawIds: [f.law('constitution')], departmentIds: [f.east.departmentIds[0]!], formIds: [f.form('lecture')], audience: 300,
        materials: [{ materialTypeId: f.material('leaflet'), quantity: 500 }, { materialTypeId: f.material('banner'), quantity: 3 }] },
      // B: 6.26 in village 2, 200 leaflets + 50 booklets (booklets count).
      { ...base, startDate: '2026-06-26', title: 'B', townshipId: f.east.townshipId, campaignId: f.campaign('anti-drug-day'), villageIds: [e2],
        sixInto: ['villages'], lawIds: [f.law('anti-drug'), f.law('constitution')], departmentIds: [f.east.departmentIds[0]!, f.east.departmentIds[1]!], audience: 100,
        materials: [{ materialTypeId: f.material('leaflet'), quantity: 200 }, { materialTypeId: f.material('booklet'), quantity: 50 }] },
      // C: no campaign, no village, June too.
      { ...base, startDate: '2026-06-01', title: 'C', townshipId: f.east.townshipId, campaignId: null, villageIds: [], sixInto: ['schools'], lawIds: [],
        departmentIds: [], audience: 40, materials: [] },
      // D: the other township, same day as B: never in East's numbers.
      { ...base, startDate: '2026-06-26', title: 'D', townshipId: f.west.townshipId, campaignId: f.campaign('anti-drug-day'), villageIds: [f.west.villageIds[0]!],
        sixInto: ['villages'], lawIds: [f.law('anti-drug')], departmentIds: [], audience: 1000, materials: [{ materialTypeId: f.material('leaflet'), quantity: 7000 }] },
      // E: last year: outside the range.
      { ...base, startDate: '2025-12-04', title: 'E', townshipId: f.east.townshipId, campaignId: f.campaign('constitution-day'), villageIds: [e3],
        sixInto: [], lawIds: [], departmentIds: [], audience: 9, materials: [{ materialTypeId: f.material('leaflet'), quantity: 9 }] },
    ];
    for (const row of rows) await events.create(SYSTEM_ACTOR, row);
  });

  const east = () => ({ ...year, orgUnitId: f.east.townshipId });

  it.each(['rollup', 'raw'] as const)('totals and every breakdown of one township (%s)', async (path) => {
    const stats = createStatsRepository(db.prisma);
    const get = (groupBy: StatsGroup) => stats.stats(SYSTEM_ACTOR, { ...east(), groupBy }, path);
    const byCampaign = await get('campaign');
    // A + B + C: 3 activities, 500 + 200 + 50 leaflets, 300 + 100 + 40 audience, villages 1 and 2 of 3.
    expect(byCampaign.totals).toEqual({ activities: 3, leaflets: 750, audience: 440, consultations: 0, villagesReached: 2, villagesTotal: 3 });
    expect(table(byCampaign)).toEqual({
      [f.campaign('constitution-day')]: [1, 500, 300],
      [f.campaign('anti-drug-day')]: [1, 250, 100],
      none: [1, 0, 40],
    });
    expect(byCampaign.rows.find((r) => r.key === 'none')!.label).toBe('未关联宣传节点');

    const [e1, e2] = f.east.villageIds;
    expect(table(await get('village'))).toEqual({ [e2!]: [2, 750, 400], [e1!]: [1, 500, 300] });
    expect(table(await get('sixInto'))).toEqual({ villages: [2, 750, 400], organs: [1, 500, 300], schools: [1, 0, 40] });
    expect(table(await get('law'))).toEqual({ [f.law('constitution')]: [2, 750, 400], [f.law('anti-drug')]: [1, 250, 100] });
    const [d1, d2] = f.east.departmentIds;
    expect(table(await get('department'))).toEqual({ [d1!]: [2, 750, 400], [d2!]: [1, 250, 100] });
    expect(table(await get('form'))).toEqual({ [f.form('lecture')]: [1, 500, 300] });

    const materials = await get('materialType');
    expect(table(materials)).toEqual({
      [f.material('leaflet')]: [2, 700, 400],
      [f.material('booklet')]: [1, 50, 100],
      [f.material('banner')]: [1, 0, 300],
    });
    expect(materials.rows.find((r) => r.key === String(f.material('banner')))!.quantity).toBe(3);

    const months = await get('month');
    expect(months.rows.map((r) => r.key)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    expect(months.rows.filter((r) => r.activities > 0).map((r) => [r.key, r.activities, r.leaflets, r.audience])).toEqual([
      ['2026-06', 2, 250, 140],
      ['2026-12', 1, 500, 300],
    ]);
    expect(months.rows[0]).toMatchObject({ label: '2026年1月', activities: 0, leaflets: 0, audience: 0 });
  });

  it('a county sees both townships; a village sees the events that reached it', async () => {
    const stats = createStatsRepository(db.prisma);
    const county = await stats.stats(SYSTEM_ACTOR, { ...year, orgUnitId: f.countyId, groupBy: 'campaign' });
    expect(county.totals).toMatchObject({ activities: 4, leaflets: 7750, audience: 1440, villagesReached: 3, villagesTotal: 5 });
    expect(table(county)[f.campaign('anti-drug-day')]).toEqual([2, 7250, 1100]);
    for (const path of ['rollup', 'raw'] as const) {
      const byTownship = await stats.stats(SYSTEM_ACTOR, { ...year, orgUnitId: f.countyId, groupBy: 'township' }, path);
      expect(table(byTownship)).toEqual({ [f.east.townshipId]: [3, 750, 440], [f.west.townshipId]: [1, 7000, 1000] });
      expect(byTownship.rows.map((r) => [r.label, r.villagesReached, r.consultations])).toEqual([['东镇', 2, 0], ['西镇', 1, 0]]);
    }
    const village = await stats.stats(SYSTEM_ACTOR, { ...year, orgUnitId: f.east.villageIds[1]!, groupBy: 'village' });
    expect(village.totals).toMatchObject({ activities: 2, leaflets: 750, audience: 400, villagesReached: 1, villagesTotal: 1 });
    expect(table(village)).toEqual({ [f.east.villageIds[1]!]: [2, 750, 400] });
  });

  it("a township user's stats never include another township; asking for one is refused like an unknown id", async () => {
    const stats = createStatsRepository(db.prisma);
    const mine = await stats.stats(townshipActor(f.west.townshipId), { ...year, groupBy: 'campaign' });
    expect(mine.totals).toMatchObject({ activities: 1, leaflets: 7000, audience: 1000, villagesTotal: 2 });
    await expect(stats.stats(townshipActor(f.west.townshipId), { ...year, orgUnitId: f.east.townshipId, groupBy: 'month' })).rejects.toThrow();
    await expect(stats.stats(townshipActor(f.west.townshipId), { ...year, orgUnitId: f.countyId, groupBy: 'month' })).rejects.toThrow();
    await expect(stats.stats(townshipActor(f.west.townshipId), { ...year, orgUnitId: f.east.villageIds[0]!, groupBy: 'month' })).rejects.toThrow();
  });

  it('a change to whether a material type counts as leaflets recounts the stored totals', async () => {
    const stats = createStatsRepository(db.prisma);
    const catalogs = createSharedCatalogRepository(db.prisma);
    const before = await stats.stats(SYSTEM_ACTOR, { ...east(), groupBy: 'month' }, 'rollup');
    await catalogs.update(SYSTEM_ACTOR, 'materialTypes', f.material('banner'), { countsAsLeaflet: true });
    const after = await stats.stats(SYSTEM_ACTOR, { ...east(), groupBy: 'month' }, 'rollup');
    await catalogs.update(SYSTEM_ACTOR, 'materialTypes', f.material('banner'), { countsAsLeaflet: false });
    expect(after.totals.leaflets - before.totals.leaflets).toBe(3);
    expect(after.rows.find((r) => r.key === '2026-12')!.leaflets).toBe(503);
  });
});

describe('month boundaries (dates are China Standard Time calendar days)', () => {
  it('an event counts in the month of its start date: the 1st, the last day, and a span across two months', async () => {
    const db = await freshDatabase();
    const f = await fixture(db);
    const events = createEventRepository(db);
    const base = { townshipId: f.east.townshipId, location: '', villageIds: [], sixInto: [], formIds: [], lawIds: [], departmentIds: [], targetGroupIds: [], notes: '', consultations: 0, materials: [] };
    await events.create(SYSTEM_ACTOR, { ...base, title: 'last day of January', startDate: '2026-01-31', audience: 1 });
    await events.create(SYSTEM_ACTOR, { ...base, title: 'first of February', startDate: '2026-02-01', audience: 10 });
    await events.create(SYSTEM_ACTOR, { ...base, title: 'across the month end', startDate: '2026-02-27', endDate: '2026-03-02', audience: 100 });
    await events.create(SYSTEM_ACTOR, { ...base, title: 'first of March', startDate: '2026-03-01', audience: 1000 });
    const stats = createStatsRepository(db.prisma);
    const query: StatsQuery = { from: '2026-01-01', to: '2026-03-31', groupBy: 'month' };
    for (const path of ['rollup', 'raw'] as const) {
      const months = (await stats.stats(SYSTEM_ACTOR, query, path)).rows.map((r) => [r.key, r.activities, r.audience]);
      expect(months).toEqual([['2026-01', 1, 1], ['2026-02', 2, 110], ['2026-03', 1, 1000]]);
    }
    // Part of a month: only the days asked for (answered from the raw events).
    const part = await stats.stats(SYSTEM_ACTOR, { from: '2026-02-01', to: '2026-02-27', groupBy: 'month' });
    expect(part.totals.activities).toBe(2);
    expect(part.rows.map((r) => r.key)).toEqual(['2026-02']);
    const lastDay = await stats.stats(SYSTEM_ACTOR, { from: '2026-01-31', to: '2026-01-31', groupBy: 'month' });
    expect(lastDay.totals.audience).toBe(1);
  });
});

describe('the roll-up stays equal to a recount of the raw events', () => {
  it('after a random mix of creates, edits, deletes and restores, at every level of the tree', async () => {
    const db = await freshDatabase();
    // The demo township's events and those of 江北镇 in the other city of the demo province
    // (the other townships' months are submitted, so locked).
    const { townshipId, provinceId } = await seedDemo(db, { today: '2026-11-26' });
    const jiangbei = await db.prisma.orgUnit.findFirstOrThrow({ where: { code: 'jiangbei-town' } });
    const events = createEventRepository(db);
    const rand = seededRandom(7);
    const all = [
      ...(await events.list(SYSTEM_ACTOR, { townshipId, page: 1, pageSize: 200, sort: 'startDate' })).items,
      ...(await events.list(SYSTEM_ACTOR, { townshipId: jiangbei.id, page: 1, pageSize: 200, sort: 'startDate' })).items,
    ];
    const villagesOf = (township: number) => [...new Set(all.filter((e) => e.townshipId === township).flatMap((e) => e.villageIds))];
    const deleted: number[] = [];
    let live = all.map((e) => e.id);
    for (let step = 0; step < 60; step += 1) {
      const action = rand.int(0, 3);
      const target = live[rand.int(0, live.length - 1)]!;
      if (action === 0) {
        const source = all[rand.int(0, all.length - 1)]!;
        const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...input } = source;
        const created = await events.create(SYSTEM_ACTOR, { ...input, startDate: `2026-${String(rand.int(1, 12)).padStart(2, '0')}-15`, endDate: null });
        live.push(created.id);
      } else if (action === 1) {
        const current = (await events.get(SYSTEM_ACTOR, target))!;
        await events.update(SYSTEM_ACTOR, target, {
          version: current.version,
          startDate: `2025-${String(rand.int(1, 12)).padStart(2, '0')}-${String(rand.int(1, 28)).padStart(2, '0')}`,
          endDate: null,
          audience: rand.int(0, 900),
          villageIds: rand.pick(villagesOf(current.townshipId), rand.int(0, 4)),
          materials: current.materials.map((m) => ({ ...m, quantity: rand.int(1, 400) })),
        });
      } else if (action === 2 && live.length > 5) {
        await events.delete(SYSTEM_ACTOR, target);
        live = live.filter((id) => id !== target);
        deleted.push(target);
      } else if (deleted.length > 0) {
        const back = deleted.pop()!;
        await events.restore(SYSTEM_ACTOR, back);
        live.push(back);
      }
    }
    const readRollup = () => db.prisma.eventStatsMonthly.findMany({ orderBy: [{ townshipId: 'asc' }, { dimension: 'asc' }, { month: 'asc' }, { key: 'asc' }] });
    const readUnitRollup = () => db.prisma.eventStatsUnitMonthly.findMany({ orderBy: [{ unitId: 'asc' }, { dimension: 'asc' }, { month: 'asc' }, { key: 'asc' }] });
    const maintained = await readRollup();
    const maintainedUnits = await readUnitRollup();
    expect(new Set(maintainedUnits.map((r) => r.unitId)).size).toBe(6); // 3 counties, 2 cities, the province
    await rebuildRollupNow(db.prisma);
    expect(maintained).toEqual(await readRollup());
    expect(maintainedUnits).toEqual(await readUnitRollup());
    // And a rebuild restores a roll-up that was lost.
    await db.prisma.eventStatsMonthly.deleteMany();
    await rebuildRollupNow(db.prisma);
    expect(await readRollup()).toEqual(maintained);

    // And every breakdown from the roll-up equals the same breakdown from the raw events.
    const stats = createStatsRepository(db.prisma);
    for (const groupBy of STATS_GROUPS) {
      const query: StatsQuery = { from: '2025-01-01', to: '2026-12-31', groupBy };
      expect(await stats.stats(SYSTEM_ACTOR, query, 'rollup'), groupBy).toEqual(await stats.stats(SYSTEM_ACTOR, query, 'raw'));
    }
    // Every unit above the township: its own roll-up rows equal a recount of its events.
    const upper = await db.prisma.orgUnit.findMany({ where: { level: { in: ['province', 'city', 'county'] } }, select: { id: true } });
    for (const { id } of upper) {
      for (const groupBy of STATS_GROUPS) {
        const query: StatsQuery = { from: '2025-01-01', to: '2026-12-31', groupBy, orgUnitId: id };
        const fromRollup = await stats.stats(SYSTEM_ACTOR, query, 'rollup');
        expect(fromRollup, `unit ${id} by ${groupBy}`).toEqual(await stats.stats(SYSTEM_ACTOR, query, 'raw'));
      }
    }
    // A county moved to the other city: the units' roll-up follows (recounted in the same statement).
    const dongshan = await db.prisma.orgUnit.findFirstOrThrow({ where: { code: 'dongshan' } });
    const otherCity = await db.prisma.orgUnit.findFirstOrThrow({ where: { code: 'jiangbei-city' } });
    await db.prisma.orgUnit.update({ where: { id: dongshan.id }, data: { parentId: otherCity.id } });
    const afterMove = await readUnitRollup();
    await rebuildRollupNow(db.prisma);
    expect(afterMove).toEqual(await readUnitRollup());
    const byCity = await stats.stats(SYSTEM_ACTOR, { from: '2025-01-01', to: '2026-12-31', groupBy: 'city', orgUnitId: provinceId }, 'rollup');
    expect(byCity).toEqual(await stats.stats(SYSTEM_ACTOR, { from: '2025-01-01', to: '2026-12-31', groupBy: 'city', orgUnitId: provinceId }, 'raw'));
    const year = await stats.stats(SYSTEM_ACTOR, { from: '2026-01-01', to: '2026-12-31', groupBy: 'month' });
    expect(year.totals.activities).toBe((await events.list(SYSTEM_ACTOR, { from: '2026-01-01', to: '2026-12-31', page: 1, pageSize: 1, sort: 'startDate' })).total);
  });
});
