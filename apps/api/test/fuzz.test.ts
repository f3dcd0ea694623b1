// Property: whatever a client sends to any operation of the OpenAPI document,
// as a clerk, an administrator or nobody, the API answers without a 5xx, logs
// no error, and a request it does not accept changes no table. A fixed seed and
// a short run here; `npm run drill:fuzz` runs it long with a new seed.
import { Writable } from 'node:stream';
import fc from 'fast-check';
import type { OpenAPIV3 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, type Database } from '@pufa/db';
import { buildApp } from '../src/app.ts';
import { createTestDatabase, seedFixture, signIn, TEST_PASSWORD, testDatabaseKind, type Fixture } from './helper.ts';
import { anyRequest, type FuzzRequest } from './fuzz/openapi-requests.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
/** Tables whose counts change without an accepted write: sign-in bookkeeping. */
const BOOKKEEPING = new Set(['session', 'login_failure', 'login_device', '_prisma_migrations']);
const ACTORS = { clerk: 'eastClerk', admin: 'countyAdmin' } as const;
type Actor = keyof typeof ACTORS | 'anonymous';

let db: Database;
let drop: () => Promise<void>;
let app: Awaited<ReturnType<typeof buildApp>>;
let fixture: Fixture;
let tables: string[];
const cookies: Partial<Record<Actor, string>> = {};
const loggedErrors: { kind: string; message: string }[] = [];

/** Row counts of every table but the sign-in bookkeeping, in one query. */
async function rowCounts(): Promise<Record<string, number>> {
  const sql = `SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t}")::int AS "${t}"`).join(', ')}`;
  const [row] = await db.prisma.$queryRawUnsafe<Record<string, number>[]>(sql);
  return row!;
}

/** Signs the fuzzing users in again if a request disabled them, changed their role or password, or ended their session. */
async function keepActorsSignedIn() {
  for (const actor of ['clerk', 'admin'] as const) {
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookies[actor]! } });
    if (me.statusCode === 200 && me.json().role === (actor === 'clerk' ? 'clerk' : 'admin')) continue;
    const username = ACTORS[actor].toLowerCase();
    const user = fixture.userIds[ACTORS[actor]];
    await db.prisma.user.update({
      where: { id: user },
      data: { username, isActive: true, role: actor, orgUnitId: actor === 'clerk' ? fixture.east.townshipId : fixture.countyId, passwordHash: await hashPassword(TEST_PASSWORD) },
    });
    await db.prisma.loginFailure.deleteMany({});
    cookies[actor] = await signIn(app, username);
  }
}

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  await db.migrate();
  fixture = await seedFixture(db);
  // Errors the app logs (a 500, an export that failed while streaming) are failures too.
  const stream = new Writable({
    write(chunk, _encoding, done) {
      const line = JSON.parse(String(chunk)) as { msg?: string; err?: { type?: string; message?: string; code?: string } };
      const message = (line.err?.message ?? '').split('\n').filter(Boolean).at(-1)?.slice(0, 200) ?? '';
      loggedErrors.push({ kind: `${line.msg ?? ''}: ${line.err?.type ?? ''} ${line.err?.code ?? ''}`.trim(), message });
      done();
    },
  });
  // The big screen's stream ends after 50 ms, so app.inject gets its whole answer.
  app = await buildApp({ db, serveWebApp: false, logger: { level: 'error', stream }, screenStream: { maxAgeMs: 50 } });
  await app.ready();
  cookies.clerk = await signIn(app, ACTORS.clerk);
  cookies.admin = await signIn(app, ACTORS.admin);
  // Some records to aim at: an event and a plan item of the clerk's township.
  const event = await app.inject({
    method: 'POST',
    url: '/api/events',
    headers: { cookie: cookies.clerk },
    payload: { startDate: '2026-03-15', title: '3·15消费者权益日宣传', townshipId: fixture.east.townshipId, villageIds: [fixture.east.villageIds[0]], materials: [{ materialTypeId: fixture.material('leaflet'), quantity: 100 }] },
  });
  expect(event.statusCode).toBe(201);
  const plan = await app.inject({ method: 'POST', url: '/api/plans', headers: { cookie: cookies.clerk }, payload: { townshipId: fixture.east.townshipId, year: 2026, title: '宪法宣传周', targetMonth: 12 } });
  expect(plan.statusCode).toBe(201);
  const rows = await db.prisma.$queryRawUnsafe<{ table_name: string }[]>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  tables = rows.map((r) => r.table_name).filter((t) => !BOOKKEEPING.has(t));
}, 180_000);

afterAll(async () => {
  await app?.close();
  await drop?.();
});

/** Ids of rows that exist, except the fuzzing users themselves: a request may name them. */
async function knownIds(): Promise<number[]> {
  const ids = await db.prisma.$queryRawUnsafe<{ id: number }[]>(
    `SELECT id FROM org_unit UNION SELECT id FROM campaign UNION SELECT id FROM event UNION SELECT id FROM plan_item
     UNION SELECT id FROM department UNION SELECT id FROM material_type UNION SELECT id FROM law UNION SELECT id FROM activity_form
     UNION SELECT id FROM target_group UNION SELECT id FROM app_user`,
  );
  return ids.map((r) => Number(r.id)).filter((id) => id !== fixture.userIds.eastClerk && id !== fixture.userIds.countyAdmin);
}

/** Values that get a request past validation: the clerk's township and its villages, recent years, real codes. */
async function realisticValues(): Promise<Record<string, fc.Arbitrary<unknown>>> {
  const sixInto = (await db.prisma.sixIntoCategory.findMany()).map((c) => c.code);
  const idsOf = async (rows: Promise<{ id: number }[]>) => fc.constantFrom(...(await rows).map((r) => r.id));
  const campaign = await idsOf(db.prisma.campaign.findMany({ select: { id: true } }));
  const department = await idsOf(db.prisma.department.findMany({ where: { townshipId: fixture.east.townshipId }, select: { id: true } }));
  const events = (await db.prisma.event.findMany({ select: { id: true } })).map((e) => e.id);
  const day = fc.date({ min: new Date('2025-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const year = fc.constantFrom(2026, 2026, 2027);
  const { east, west, countyId } = fixture;
  return {
    townshipId: fc.constantFrom(east.townshipId, east.townshipId, east.townshipId, west.townshipId),
    orgUnitId: fc.constantFrom(countyId, east.townshipId, east.villageIds[0]!),
    parentId: fc.constantFrom(countyId, east.townshipId),
    'villageIds[]': fc.constantFrom(...east.villageIds),
    villageId: fc.constantFrom(...east.villageIds),
    sixInto: fc.constantFrom(...sixInto),
    'sixInto[]': fc.constantFrom(...sixInto),
    eventId: fc.constantFrom(...events),
    campaignId: campaign,
    departmentId: department,
    'departmentIds[]': department,
    'formIds[]': await idsOf(db.prisma.activityForm.findMany({ select: { id: true } })),
    'lawIds[]': await idsOf(db.prisma.law.findMany({ select: { id: true } })),
    'targetGroupIds[]': await idsOf(db.prisma.targetGroup.findMany({ select: { id: true } })),
    materialTypeId: fc.constantFrom(fixture.material('leaflet'), fixture.material('banner')),
    year,
    fromYear: year,
    toYear: year,
    targetMonth: fc.integer({ min: 1, max: 12 }),
    startDate: day,
    targetDate: fc.constant(null),
    from: day,
    to: day,
    endDate: fc.constant(null),
    username: fc.constantFrom('eastclerk', 'nobody'),
  };
}

describe(`fuzzing every operation of the OpenAPI document (${testDatabaseKind()}, seed ${SEED}, ${RUNS} requests)`, () => {
  it('answers no 5xx, logs no error, and changes no table unless it accepted a write', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { cookie: cookies.admin! } })).json() as OpenAPIV3.Document;
    const requests = fc.tuple(
      fc.constantFrom<Actor>('clerk', 'clerk', 'admin', 'admin', 'anonymous'),
      anyRequest({ document, knownIds: await knownIds(), hints: await realisticValues() }),
      fc.oneof({ weight: 19, arbitrary: fc.constant<Record<string, string>>({}) }, fc.constantFrom<Record<string, string>>({ origin: 'http://evil.example' }, { 'sec-fetch-site': 'cross-site' })),
    );
    /** Distinct failures: one example of each class (operation, status, logged error). */
    const statuses = new Map<string, number>();
    const failures = new Map<string, { actor: Actor; request: FuzzRequest; status: number; logged: string }>();
    await fc.assert(
      fc.asyncProperty(requests, async ([actor, request, crossSite]) => {
        const headers: Record<string, string> = { ...request.headers, ...crossSite };
        // Signing out ends a session: sign out a session of its own, not the fuzzing users'.
        if (request.operation === 'POST /api/auth/logout' && actor !== 'anonymous') headers.cookie = `pufa_session=${await app.sessions.create(fixture.userIds[ACTORS[actor]])}`;
        else if (actor !== 'anonymous') headers.cookie = cookies[actor]!;
        const before = await rowCounts();
        loggedErrors.length = 0;
        // A download that fails after its headers were sent ends the response half-way: light-my-request rejects.
        const res = await app
          .inject({ method: request.method, url: request.url, headers, payload: request.payload })
          .catch((error: { code?: string }) => ({ statusCode: 200, aborted: error.code ?? String(error) }));
        const after = await rowCounts();
        statuses.set(`${request.operation} ${res.statusCode}`, (statuses.get(`${request.operation} ${res.statusCode}`) ?? 0) + 1);
        const accepted = res.statusCode < 300 && request.method !== 'GET';
        const changed = tables.filter((t) => before[t] !== after[t]);
        const problems = [
          ...(res.statusCode >= 500 || loggedErrors.length ? [`${res.statusCode} ${loggedErrors.map((e) => e.kind).join('; ')}`] : []),
          ...('aborted' in res ? [`response aborted (${res.aborted})`] : []),
          ...(!accepted && changed.length ? [`${res.statusCode} but changed ${changed.join(', ')}`] : []),
        ];
        for (const problem of problems) {
          const key = `${request.operation} → ${problem}`;
          const example = { ...request, url: request.url.slice(0, 200), payload: request.payload?.slice(0, 300) };
          if (!failures.has(key)) failures.set(key, { actor, request: example, status: res.statusCode, logged: loggedErrors.map((e) => e.message).join('; ') });
        }
        if (accepted && (request.url.startsWith('/api/users/') || request.operation === 'POST /api/auth/logout')) await keepActorsSignedIn();
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    if (process.env.FUZZ_STATUSES) console.log([...statuses].sort().map(([k, n]) => `${k}: ${n}`).join('\n'));
    if (failures.size) console.error(`fuzz failures (${failures.size} classes):\n${[...failures].map(([key, example]) => `- ${key}\n  ${JSON.stringify(example)}`).join('\n')}`);
    expect([...failures.keys()]).toEqual([]);
  }, 60_000 + RUNS * 100);
});
