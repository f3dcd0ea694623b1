// `npm run bench`: latency of the ledger's endpoints on a county-sized data set,
// on PostgreSQL (DATABASE_URL, default the local server) and on embedded PGlite,
// side by side in one run. Requests go through the whole Fastify pipeline
// (app.inject: session, validation, handler, serialisation) without the network.
// Options: --townships 20 --events-per-township 1000 --runs 200
import { parseArgs } from 'node:util';
import { hashPassword, seedCatalogs, seedCounty, seedTownship, seededRandom, type Database } from '@pufa/db';
import { createTestDatabase } from '@pufa/db/testing';
import { buildApp } from '../apps/api/src/app.ts';

const { values } = parseArgs({
  options: {
    townships: { type: 'string', default: '20' },
    'events-per-township': { type: 'string', default: '1000' },
    runs: { type: 'string', default: '200' },
  },
});
const townships = Number(values.townships);
const perTownship = Number(values['events-per-township']);
const runs = Number(values.runs);

async function fill(db: Database) {
  await seedCatalogs(db.prisma);
  const county = await seedCounty(db.prisma, { code: 'bench', name: '基准县', nameEn: 'Bench County' });
  const materials = await db.prisma.materialType.findMany();
  const { next } = seededRandom(42);
  const ids: { townshipId: number; villageIds: number[] }[] = [];
  for (let t = 1; t <= townships; t += 1) {
    ids.push(
      await seedTownship(db.prisma, {
        countyId: county.id, code: `t${t}`, name: `镇${t}`, nameEn: `Town ${t}`,
        villages: Array.from({ length: 10 }, (_, v) => ({ code: `t${t}-v${v}`, name: `村${v}`, nameEn: `Village ${v}` })),
      }),
    );
  }
  for (const { townshipId, villageIds } of ids) {
    const rows = Array.from({ length: perTownship }, (_, i) => ({
      townshipId,
      startDate: new Date(Date.UTC(2020 + (i % 7), Math.floor(next() * 12), 1 + Math.floor(next() * 28))),
      title: `宣传活动 ${i}`,
      location: '村委会',
      audience: Math.floor(next() * 500),
    }));
    await db.prisma.event.createMany({ data: rows });
    const events = await db.prisma.event.findMany({ where: { townshipId }, select: { id: true } });
    await db.prisma.eventVillage.createMany({ data: events.flatMap((e) => villageIds.filter(() => next() < 0.2).map((villageId) => ({ eventId: e.id, villageId }))) });
    await db.prisma.eventMaterial.createMany({
      data: events.flatMap((e) => materials.filter(() => next() < 0.3).map((m) => ({ eventId: e.id, materialTypeId: m.id, quantity: 1 + Math.floor(next() * 300) }))),
    });
  }
  // The county administrator sees every township: the widest scope a request can have.
  await db.prisma.user.create({ data: { username: 'bench', displayName: 'bench', role: 'admin', orgUnitId: county.id, passwordHash: await hashPassword('bench-password') } });
  return { townshipId: ids[0]!.townshipId, villageId: ids[0]!.villageIds[0]! };
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(kind: 'postgresql' | 'pglite') {
  process.env.TEST_DATABASE = kind;
  const { db, drop } = await createTestDatabase();
  await db.migrate();
  const started = performance.now();
  const { townshipId, villageId } = await fill(db);
  const fillSeconds = (performance.now() - started) / 1000;
  const app = await buildApp({ db, serveWebApp: false });
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bench', password: 'bench-password' } });
  const headers = { cookie: `pufa_session=${login.cookies.find((c) => c.name === 'pufa_session')!.value}` };
  const sample = await db.prisma.event.findFirstOrThrow({ where: { townshipId } });
  const cases: [string, string][] = [
    ['list: one township, one year, with totals', `/api/events?townshipId=${townshipId}&from=2025-01-01&to=2025-12-31`],
    ['list: whole county, one year, with totals', '/api/events?from=2025-01-01&to=2025-12-31'],
    ['list: one village, all years', `/api/events?villageId=${villageId}`],
    ['list: text search, whole county', `/api/events?q=${encodeURIComponent('活动 99')}`],
    ['one event', `/api/events/${sample.id}`],
    ['reference', '/api/reference'],
  ];
  const results: Record<string, { p50: number; p95: number }> = {};
  for (const [name, url] of cases) {
    for (let i = 0; i < 10; i += 1) await app.inject({ url, headers }); // warm up
    const times: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const t0 = performance.now();
      const res = await app.inject({ url, headers });
      times.push(performance.now() - t0);
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    }
    times.sort((a, b) => a - b);
    results[name] = { p50: percentile(times, 50), p95: percentile(times, 95) };
  }
  await app.close();
  await drop();
  return { results, fillSeconds };
}

console.log(`Data: ${townships} townships x 10 villages, ${perTownship} events each (${townships * perTownship} events), ${runs} runs per case`);
const pg = await measure('postgresql');
const lite = await measure('pglite');
console.log(`fill: PostgreSQL ${pg.fillSeconds.toFixed(1)} s, PGlite ${lite.fillSeconds.toFixed(1)} s\n`);
console.log('| case | PostgreSQL p50 | p95 | PGlite p50 | p95 | PGlite/PostgreSQL (p50) |');
console.log('|---|---|---|---|---|---|');
for (const name of Object.keys(pg.results)) {
  const a = pg.results[name]!;
  const b = lite.results[name]!;
  console.log(`| ${name} | ${a.p50.toFixed(1)} ms | ${a.p95.toFixed(1)} ms | ${b.p50.toFixed(1)} ms | ${b.p95.toFixed(1)} ms | ${(b.p50 / a.p50).toFixed(2)} |`);
}
