// `npm run bench:period-lock`: what the period lock (the trigger on event, with its
// two shared advisory locks and one index lookup per row) costs a create, measured
// against the same database with the trigger switched off, in alternating rounds
// of the same process. Sequential single creates (the form's path) and one batch
// (the import's path). PostgreSQL at DATABASE_URL (default: this machine's).
// Options: --creates 400 --batch 2000 --rounds 4
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { createEventRepository, createEventsInTransaction, seedCatalogs, seedCounty, seedTownship, SYSTEM_ACTOR } from '@pufa/db';
import { createTestDatabase } from '@pufa/db/testing';
import type { EventCreate } from '@pufa/domain';

const { values } = parseArgs({ options: { creates: { type: 'string', default: '400' }, batch: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '4' } } });
const creates = Number(values.creates);
const batchSize = Number(values.batch);
const rounds = Number(values.rounds);

process.env.TEST_DATABASE = 'postgresql';
const { db, drop } = await createTestDatabase();
try {
  await db.migrate();
  await seedCatalogs(db.prisma);
  const county = await seedCounty(db.prisma, { code: 'bench', name: '基准县', nameEn: 'Bench County' });
  const townships: Awaited<ReturnType<typeof seedTownship>>[] = [];
  for (let t = 0; t < 10; t += 1) {
    townships.push(await seedTownship(db.prisma, { countyId: county.id, code: `t${t}`, name: `镇${t}`, nameEn: `Town ${t}`, villages: [{ code: `t${t}-v`, name: '村', nameEn: 'Village' }] }));
  }
  // A few submitted periods, so the lookup finds rows (of other months) as it would in use.
  for (const t of townships) await db.prisma.submission.create({ data: { townshipId: t.townshipId, period: '2025-06', status: 'approved', submittedAt: new Date() } });
  const events = createEventRepository(db);
  let n = 0;
  const input = (): EventCreate => {
    const t = townships[n++ % townships.length]!;
    return { startDate: `2026-${String((n % 11) + 1).padStart(2, '0')}-15`, title: `bench ${n}`, townshipId: t.townshipId, villageIds: t.villageIds, audience: 10 } as EventCreate;
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const results: Record<'on' | 'off', { single: number[]; batch: number[] }> = { on: { single: [], batch: [] }, off: { single: [], batch: [] } };
  for (let round = 0; round < rounds; round += 1) {
    for (const state of round % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
      await db.prisma.$executeRawUnsafe(`ALTER TABLE event ${state === 'on' ? 'ENABLE' : 'DISABLE'} TRIGGER event_period_lock`);
      let start = performance.now();
      for (let i = 0; i < creates; i += 1) await events.create(SYSTEM_ACTOR, input());
      results[state].single.push((performance.now() - start) / creates);
      const batch = Array.from({ length: batchSize }, input);
      start = performance.now();
      await db.prisma.$transaction((tx) => createEventsInTransaction(tx, SYSTEM_ACTOR, batch), { timeout: 120_000 });
      results[state].batch.push(((performance.now() - start) / batchSize) * 1000);
    }
  }
  await db.prisma.$executeRawUnsafe('ALTER TABLE event ENABLE TRIGGER event_period_lock');
  for (const state of ['on', 'off'] as const) {
    console.log(`trigger ${state}: single create ${median(results[state].single).toFixed(2)} ms (rounds ${results[state].single.map((x) => x.toFixed(2)).join(', ')}); batch ${median(results[state].batch).toFixed(0)} µs/event (rounds ${results[state].batch.map((x) => x.toFixed(0)).join(', ')})`);
  }
} finally {
  await drop();
}
