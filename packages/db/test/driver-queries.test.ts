// One query at a time per connection (issue 22): Prisma reads an include's
// relations in parallel, and inside a transaction they all go to the one pg
// client holding it; pg's own queue for that is deprecated (a warning under
// create load). SerialClient makes them wait their turn. The setup file
// (fail-on-queued-queries.ts) fails any test file on that warning; this test
// runs the patterns that raised it and also checks the warning directly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, createPlanRepository, prepareDatabase, seedCounty, seedTownship, type Database } from '../src/index.ts';
import { createTestDatabase } from '../src/testing.ts';
import { QUEUED_QUERY_WARNING } from './fail-on-queued-queries.ts';

let db: Database;
let drop: () => Promise<void>;
let townshipId: number;
const warnings: string[] = [];
const onWarning = (warning: Error) => void (QUEUED_QUERY_WARNING.test(warning.message) && warnings.push(warning.message));

beforeAll(async () => {
  process.prependListener('warning', onWarning); // before the setup file's listener, which throws
  ({ db, drop } = await createTestDatabase());
  await prepareDatabase(db, { demo: false, demoPassword: '' });
  const county = await seedCounty(db.prisma, { code: 'q', name: '测试县', nameEn: 'Test County' });
  const township = await seedTownship(db.prisma, {
    countyId: county.id, code: 'q1', name: '测试镇', nameEn: 'Test Town',
    villages: [{ code: 'q1-1', name: '一村', nameEn: 'One' }, { code: 'q1-2', name: '二村', nameEn: 'Two' }],
  });
  townshipId = township.townshipId;
}, 180_000);
afterAll(async () => {
  process.off('warning', onWarning);
  await drop();
});

describe('queries on one connection', () => {
  it('a transaction whose reads Prisma runs in parallel answers right and sends them one at a time', async () => {
    const plans = createPlanRepository(db.prisma);
    const villages = await db.prisma.orgUnit.findMany({ where: { parentId: townshipId, level: 'village' }, select: { id: true }, take: 2 });
    // A plan item's create includes its villages, 六进 and events: three relation reads at once in the transaction.
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        plans.create(SYSTEM_ACTOR, { townshipId, year: 2031, title: `并发计划${i}`, targetMonth: 1 + i, targetDate: null, campaignId: null, villageIds: villages.map((v) => v.id), sixInto: ['villages'], departmentId: null, targetAudience: 0, targetLeaflets: 0, notes: '' }),
      ),
    );
    expect(results.map((r) => r.villageIds)).toEqual(results.map(() => villages.map((v) => v.id).sort((a, b) => a - b)));
    expect(results.every((r) => r.sixInto.join() === 'villages')).toBe(true);
    // Our own parallel reads inside a transaction take the same path.
    const [a, b, c] = await db.prisma.$transaction(async (tx) =>
      Promise.all([tx.planItem.count({ where: { year: 2031 } }), tx.orgUnit.count({ where: { parentId: townshipId } }), tx.$queryRaw<{ one: number }[]>`SELECT 1 AS one`]),
    );
    expect([a, b > 0, c[0]!.one]).toEqual([8, true, 1]);
    // pg emits the warning on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toEqual([]);
  });
});
