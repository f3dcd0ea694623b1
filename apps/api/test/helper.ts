// Test harness: every test file gets a database of its own (see @pufa/db/testing),
// migrated from empty by the real migrator, and the real app on it.
import { afterAll, beforeAll } from 'vitest';
import { seedCatalogs, seedCounty, seedTownship, type Database } from '@pufa/db';
import { createTestDatabase } from '@pufa/db/testing';
import { buildApp } from '../src/app.ts';

/** Two townships of one county, with the built-in catalogs: what most API tests need. */
export async function seedFixture(db: Database) {
  await seedCatalogs(db.prisma);
  const county = await seedCounty(db.prisma, { code: 'test-county', name: '测试县', nameEn: 'Test County' });
  const village = (prefix: string, n: number) => ({ code: `${prefix}-v${n}`, name: `${prefix}村${n}`, nameEn: `${prefix} village ${n}` });
  const east = await seedTownship(db.prisma, {
    countyId: county.id, code: 'east', name: '东镇', nameEn: 'East Town',
    villages: [1, 2, 3, 4].map((n) => village('east', n)),
  });
  const west = await seedTownship(db.prisma, {
    countyId: county.id, code: 'west', name: '西镇', nameEn: 'West Town',
    villages: [1, 2].map((n) => village('west', n)),
  });
  const byCode = async <T extends { id: number; code: string }>(rows: Promise<T[]>) => new Map((await rows).map((r) => [r.code, r.id]));
  const idOf = (map: Map<string, number>) => (code: string) => {
    const id = map.get(code);
    if (id === undefined) throw new Error(`no catalog entry ${code}`);
    return id;
  };
  return {
    countyId: county.id,
    east,
    west,
    material: idOf(await byCode(db.prisma.materialType.findMany())),
    campaign: idOf(await byCode(db.prisma.campaign.findMany())),
    law: idOf(await byCode(db.prisma.law.findMany())),
    form: idOf(await byCode(db.prisma.activityForm.findMany())),
    targetGroup: idOf(await byCode(db.prisma.targetGroup.findMany())),
  };
}

export type Fixture = Awaited<ReturnType<typeof seedFixture>>;

/** Registers a migrated, seeded database and the app for one test file. */
export function useTestApp() {
  const context = {} as { app: Awaited<ReturnType<typeof buildApp>>; db: Database; fixture: Fixture };
  let drop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const created = await createTestDatabase();
    drop = created.drop;
    context.db = created.db;
    await context.db.migrate();
    context.fixture = await seedFixture(context.db);
    context.app = await buildApp({ db: context.db, serveWebApp: false });
    await context.app.ready();
  });
  afterAll(async () => {
    await context.app?.close();
    await drop();
  });
  return context;
}

export { createTestDatabase, testDatabaseKind } from '@pufa/db/testing';
