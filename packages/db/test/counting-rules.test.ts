// The SQL totals of the event list implement docs/counting-rules.md; the
// reference implementation is summarize() in @pufa/domain. They must agree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarize, type EventFilter } from '@pufa/domain';
import { SYSTEM_ACTOR, createEventRepository, seedDemo, type Database } from '../src/index.ts';
import { createTestDatabase } from '../src/testing.ts';

let db: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  await db.migrate();
  await seedDemo(db, { today: '2026-11-26' });
});
afterAll(() => drop());

describe('list totals', () => {
  it.each<[string, EventFilter]>([
    ['everything', {}],
    ['one year', { from: '2025-01-01', to: '2025-12-31' }],
    ['one month', { from: '2026-06-01', to: '2026-06-30' }],
    ['a text search', { q: '禁毒' }],
  ])('agree with the domain rules for %s', async (_name, filter) => {
    const repo = createEventRepository(db);
    const { items, totals } = await repo.list(SYSTEM_ACTOR, { ...filter, page: 1, pageSize: 200, sort: '-startDate' });
    const materialTypes = new Map((await db.prisma.materialType.findMany()).map((m) => [m.id, m]));
    expect(items.length).toBeGreaterThan(0);
    expect(totals).toEqual(summarize(items, materialTypes));
  });

  it('count a material type as leaflets only while it is marked so', async () => {
    const repo = createEventRepository(db);
    const before = await repo.totals(SYSTEM_ACTOR, {});
    const banner = await db.prisma.materialType.findUniqueOrThrow({ where: { code: 'banner' } });
    const banners = await db.prisma.eventMaterial.aggregate({ where: { materialTypeId: banner.id }, _sum: { quantity: true } });
    expect(banners._sum.quantity).toBeGreaterThan(0);
    await db.prisma.materialType.update({ where: { id: banner.id }, data: { countsAsLeaflet: true } });
    const after = await repo.totals(SYSTEM_ACTOR, {});
    await db.prisma.materialType.update({ where: { id: banner.id }, data: { countsAsLeaflet: false } });
    expect(after.leaflets - before.leaflets).toBe(banners._sum.quantity);
  });
});
