// `npm run bench:create`: event creates per second through the whole API (session,
// CSRF, validation, reference checks, insert, roll-up and audit in one
// transaction, serialisation) against a bare Fastify route doing one
// `INSERT … RETURNING` on the same database: the floor for this machine,
// measured in the same run. Each server runs in a process of its own; the load
// comes from autocannon in this process, 10 connections.
// Cases: creates spread over 100 townships, and a burst on one township's month
// (every create updates the same roll-up rows, and is linked to the same plan item,
// which collects every event of the run: issue 22 found the create slowing down as
// it did). Each body is what a clerk sends: a campaign, 1-3 villages, 1-2
// departments, 1-2 forms, 1-3 laws, 1-2 六进 places and 2 material lines. Every
// township has a plan item for each month with the bench's campaign, so every
// create is also linked to its plan item. After each run the stored rows are counted
// (events, their lists, plan links, audit rows) against the creates answered 201.
// Options: --seconds 10 --rounds 3 --connections 10 --databases postgresql,pglite
// CPU_PROFILE=/tmp/create.cpuprofile writes a CPU profile of the API process under load.
// --rss-rounds 10: memory instead (issue 22): one API process on PostgreSQL takes rounds of
// create load (--seconds at --connections) each followed by the year's ledger CSV and annual
// workbook; its RSS after each round (idle for a second) is compared with after the first.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { DEFAULT_TEST_SERVER } from '@pufa/db/testing';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
    databases: { type: 'string', default: 'postgresql,pglite' },
    serve: { type: 'string' },
    'rss-rounds': { type: 'string' },
    database: { type: 'string' },
  },
});

const TOWNSHIPS = 100;
const USER = 'bench-admin';
const PASSWORD = 'bench-password-1';

// ---- the servers (child processes) ----

async function serveApp(database: string) {
  const { openDatabase, prepareDatabase, seedCounty, seedTownship, hashPassword } = await import('@pufa/db');
  const { buildApp } = await import('../apps/api/src/app.ts');
  const db = await openDatabase(database.startsWith('postgresql') ? { kind: 'postgresql', url: database } : { kind: 'pglite', dataDir: database });
  await prepareDatabase(db, { demo: false, demoPassword: '' });
  const county = await seedCounty(db.prisma, { code: 'bench', name: '基准县', nameEn: 'Bench County' });
  const townships = [];
  for (let t = 0; t < TOWNSHIPS; t += 1) {
    townships.push(
      await seedTownship(db.prisma, {
        countyId: county.id, code: `t${t}`, name: `镇${t}`, nameEn: `Town ${t}`,
        villages: Array.from({ length: 10 }, (_, v) => ({ code: `t${t}-v${v}`, name: `村${v}`, nameEn: `Village ${v}` })),
      }),
    );
  }
  const user = await db.prisma.user.create({ data: { username: USER, displayName: 'bench', role: 'admin', orgUnitId: county.id, passwordHash: await hashPassword(PASSWORD) } });
  const materials = (await db.prisma.materialType.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((m) => m.id);
  const forms = (await db.prisma.activityForm.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((f) => f.id);
  const laws = (await db.prisma.law.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((l) => l.id);
  const sixInto = (await db.prisma.sixIntoCategory.findMany({ select: { code: true }, orderBy: { sortOrder: 'asc' } })).map((c) => c.code);
  const campaign = (await db.prisma.campaign.findFirstOrThrow({ where: { code: 'law-at-the-market' }, select: { id: true } })).id;
  // A plan item per township and month with the campaign: each create is linked to one.
  await db.prisma.planItem.createMany({
    data: townships.flatMap((t) => Array.from({ length: 12 }, (_, m) => ({ townshipId: t.townshipId, year: 2026, campaignId: campaign, title: `${m + 1}月法治赶大集`, targetMonth: m + 1 }))),
  });
  const app = await buildApp({ db, serveWebApp: false, loginThrottle: { windowMs: 60_000, maxPerUsername: 1_000, maxPerIp: 1_000 } });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const profile = await startProfile();
  report({ address, townships, materials, forms, laws, sixInto, campaign });
  await untilStopped(async () => {
    await profile?.stop();
    await app.close();
    // What the run stored, for the bench to check against the creates answered. autocannon drops
    // the requests in flight when its time is up, and the server finishes them after their
    // sockets are gone: count once two reads 300 ms apart agree.
    const read = async () => (await db.prisma.$queryRaw<Counts[]>`
      SELECT (SELECT count(*) FROM event)::int AS events, (SELECT count(*) FROM event_village)::int AS villages,
             (SELECT count(*) FROM event_department)::int AS departments, (SELECT count(*) FROM event_form)::int AS forms,
             (SELECT count(*) FROM event_law)::int AS laws, (SELECT count(*) FROM event_six_into)::int AS six_into,
             (SELECT count(*) FROM event_material)::int AS materials, (SELECT count(*) FROM plan_item_event)::int AS plan_links,
             (SELECT count(*) FROM audit_log WHERE user_id = ${user.id})::int AS audit_rows`)[0]!;
    let counts = await read();
    for (let previous = ''; JSON.stringify(counts) !== previous; counts = await read()) {
      previous = JSON.stringify(counts);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    process.stdout.write(`COUNTS ${JSON.stringify(counts)}\n`);
    await db.close();
  });
}

/** With CPU_PROFILE=<file>: a V8 CPU profile of the API under load only (not its start-up), for docs/performance.md. */
async function startProfile() {
  const file = process.env.CPU_PROFILE;
  if (!file) return null;
  const { Session } = await import('node:inspector/promises');
  const { writeFile } = await import('node:fs/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(file, JSON.stringify(profile));
    },
  };
}

async function serveBare(database: string) {
  const { default: Fastify } = await import('fastify');
  const { openDatabase } = await import('@pufa/db');
  // The schema comes from our migrations; the route talks to the driver directly.
  const migrated = await openDatabase(database.startsWith('postgresql') ? { kind: 'postgresql', url: database } : { kind: 'pglite', dataDir: database });
  await migrated.migrate();
  await migrated.prisma.$executeRawUnsafe(`INSERT INTO org_unit (code, name, name_en, level) VALUES ('bare', '镇', 'Town', 'township') ON CONFLICT DO NOTHING`);
  const [{ id: townshipId }] = (await migrated.prisma.$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM org_unit WHERE code = 'bare'`)) as [{ id: number }];
  await migrated.close();
  const insert = 'INSERT INTO event (township_id, start_date, title, audience, updated_at) VALUES ($1, $2::date, $3, $4, now()) RETURNING id';
  let query: (params: unknown[]) => Promise<number>;
  let close: () => Promise<void>;
  if (database.startsWith('postgresql')) {
    const pool = new pg.Pool({ connectionString: database });
    query = async (params) => (await pool.query<{ id: number }>(insert, params)).rows[0]!.id;
    close = () => pool.end();
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = await PGlite.create(database);
    query = async (params) => (await pglite.query<{ id: number }>(insert, params)).rows[0]!.id;
    close = () => pglite.close();
  }
  const app = Fastify();
  app.post('/api/events', async (request, reply) => {
    const body = request.body as { startDate: string; title: string; audience: number };
    return reply.code(201).send({ id: await query([townshipId, body.startDate, body.title, body.audience]) });
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  report({ address, townships: [{ townshipId, villageIds: [] }], materials: [] });
  await untilStopped(async () => {
    await app.close();
    await close();
  });
}

interface Ready {
  address: string;
  townships: { townshipId: number; villageIds: number[]; departmentIds?: number[] }[];
  materials: number[];
  forms?: number[];
  laws?: number[];
  sixInto?: string[];
  campaign?: number;
}

interface Counts {
  events: number;
  villages: number;
  departments: number;
  forms: number;
  laws: number;
  six_into: number;
  materials: number;
  plan_links: number;
  audit_rows: number;
}

const report = (ready: Ready) => process.stdout.write(`READY ${JSON.stringify(ready)}\n`);

function untilStopped(close: () => Promise<void>) {
  return new Promise<void>((resolve) => {
    process.once('SIGTERM', () => void close().then(resolve));
  });
}

// ---- the load (this process) ----

interface Server {
  child: ChildProcess;
  ready: Ready;
  cpuTicks: () => Promise<number>;
  counts: Promise<Counts | null>;
}

function start(kind: 'app' | 'bare', database: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', kind, '--database', database], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  // utime + stime of the server process, in clock ticks (1/100 s on Linux).
  const cpuTicks = async () => {
    const fields = (await readFile(`/proc/${child.pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  };
  let out = '';
  const counts = new Promise<Counts | null>((resolve) => {
    child.once('exit', () => {
      const line = out.split('\n').find((l) => l.startsWith('COUNTS '));
      resolve(line ? (JSON.parse(line.slice(7)) as Counts) : null);
    });
  });
  return new Promise((resolve, reject) => {
    let ready = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // The server's own log lines (warnings, errors) go on to stderr.
      for (const line of chunk.toString().split('\n')) if (line.startsWith('{')) process.stderr.write(`${line}\n`);
      const line = out.split('\n').find((l) => l.startsWith('READY '));
      if (line && !ready) {
        ready = true;
        resolve({ child, ready: JSON.parse(line.slice(6)) as Ready, cpuTicks, counts });
      }
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

const stop = (server: Server) => new Promise((resolve) => (server.child.once('exit', resolve), server.child.kill('SIGTERM')));

async function signIn(address: string): Promise<string> {
  const res = await fetch(`${address}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: USER, password: PASSWORD }) });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** A clerk's event: a campaign, villages, departments, forms, laws, 六进 places and two material lines. */
function eventBody(ready: Ready, n: number, oneTownship: boolean) {
  const t = ready.townships[oneTownship ? 0 : n % ready.townships.length]!;
  const day = oneTownship ? 15 : 1 + (n % 28);
  const month = oneTownship ? 3 : 1 + (n % 12);
  const pick = <T>(xs: readonly T[] | undefined, count: number) => (xs ?? []).length ? Array.from({ length: count }, (_, i) => xs![(n + i * 3) % xs!.length]!) : [];
  const unique = <T>(xs: T[]) => [...new Set(xs)];
  if (!ready.campaign) return { startDate: `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, title: `法律进乡村宣传 ${n}`, audience: 100 + (n % 50) };
  return {
    startDate: `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    title: `法治赶大集：民法典进乡村 ${n}`,
    townshipId: t.townshipId,
    campaignId: ready.campaign,
    location: '镇集市',
    villageIds: t.villageIds.slice(0, 1 + (n % 3)),
    departmentIds: unique(pick(t.departmentIds, 1 + (n % 2))),
    formIds: unique(pick(ready.forms, 1 + (n % 2))),
    lawIds: unique(pick(ready.laws, 1 + (n % 3))),
    sixInto: unique(pick(ready.sixInto, 1 + (n % 2))),
    audience: 100 + (n % 50),
    consultations: n % 20,
    materials: ready.materials.slice(0, 2).map((materialTypeId, i) => ({ materialTypeId, quantity: 50 * (i + 1) })),
  };
}

interface Result {
  ok: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  cpuMsPerRequest: number;
}

async function load(server: Server, cookie: string | null, oneTownship: boolean): Promise<Result> {
  let n = 0;
  const ticksBefore = await server.cpuTicks();
  const result = await autocannon({
    url: server.ready.address,
    connections: Number(values.connections),
    duration: Number(values.seconds),
    requests: [
      {
        method: 'POST',
        path: '/api/events',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        setupRequest: (request) => ({ ...request, body: JSON.stringify(eventBody(server.ready, n++, oneTownship)) }),
      },
    ],
  });
  const ticks = (await server.cpuTicks()) - ticksBefore;
  const ok = result['2xx'];
  return {
    ok,
    perSecond: ok / Number(values.seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors,
    cpuMsPerRequest: ok ? (ticks * 10) / ok : NaN,
  };
}

/** Every create answered 201 is stored whole: its lists, its plan link, its two audit rows (the event's, the link's). */
function checkStored(run: string, created: number, counts: Counts | null) {
  if (!counts) throw new Error(`${run}: the server did not report what it stored`);
  const problems: string[] = [];
  // autocannon stops at its time and drops the requests in flight (at most one per connection): the server finished them.
  if (counts.events < created || counts.events > created + Number(values.connections)) problems.push(`${counts.events} events for ${created} creates answered 201`);
  if (counts.materials !== 2 * counts.events) problems.push(`${counts.materials} material lines (2 per event expected)`);
  if (counts.plan_links !== counts.events) problems.push(`${counts.plan_links} plan links (1 per event expected)`);
  if (counts.audit_rows !== 2 * counts.events) problems.push(`${counts.audit_rows} audit rows (2 per event expected)`);
  for (const list of ['villages', 'departments', 'forms', 'laws', 'six_into'] as const) {
    if (counts[list] < counts.events) problems.push(`${counts[list]} ${list} rows (at least 1 per event expected)`);
  }
  if (problems.length) throw new Error(`${run}: ${problems.join('; ')}`);
  storedSummary.push(`${run}: ${created} creates; stored ${JSON.stringify(counts)}`);
}
const storedSummary: string[] = [];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function freshDatabase(kind: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const dir = await mkdtemp(path.join(tmpdir(), 'pufa-bench-create-'));
    return { url: dir, drop: () => rm(dir, { recursive: true, force: true }) };
  }
  const server = process.env.DATABASE_URL || DEFAULT_TEST_SERVER;
  // BENCH_DATABASE_PREFIX keeps one engineer's bench databases apart from another's on a shared server.
  const name = `${process.env.BENCH_DATABASE_PREFIX ?? 'pufa_bench'}_create_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function main() {
  const rounds = Number(values.rounds);
  console.log(`bench:create — ${values.connections} connections, ${values.seconds} s per run, ${rounds} rounds, Node ${process.version}\n`);
  console.log('| database | case | creates/s (median) | p50 ms | p99 ms | CPU ms per create | non-2xx | ratio to bare insert |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const kind of values.databases!.split(',')) {
    const results: Record<string, Result[]> = { bare: [], spread: [], oneMonth: [] };
    for (let round = 0; round < rounds; round += 1) {
      // Side by side in each round: the floor, then the API on both cases.
      for (const [name, serverKind, oneTownship] of [['bare', 'bare', false], ['spread', 'app', false], ['oneMonth', 'app', true]] as const) {
        const database = await freshDatabase(kind);
        const server = await start(serverKind, database.url);
        let result: Result | null = null;
        try {
          const cookie = serverKind === 'app' ? await signIn(server.ready.address) : null;
          result = await load(server, cookie, oneTownship);
          results[name]!.push(result);
        } finally {
          await stop(server);
          await database.drop();
        }
        if (serverKind === 'app' && result) checkStored(`${kind} ${name} round ${round + 1}`, result.ok, await server.counts);
      }
    }
    const bare = median(results.bare!.map((r) => r.perSecond));
    for (const [name, label] of [['bare', 'bare INSERT … RETURNING (floor)'], ['spread', 'API, 100 townships'], ['oneMonth', "API, one township's month"]] as const) {
      const rs = results[name]!;
      const perSecond = median(rs.map((r) => r.perSecond));
      console.log(
        `| ${kind} | ${label} | ${perSecond.toFixed(0)} | ${median(rs.map((r) => r.p50))} | ${median(rs.map((r) => r.p99))} | ${median(rs.map((r) => r.cpuMsPerRequest)).toFixed(2)} | ${rs.reduce((s, r) => s + r.errors, 0)} | ${(bare / perSecond).toFixed(2)} |`,
      );
    }
  }
}

/** RSS of the API process after each round of creates and exports: it must not keep growing. */
async function rssRounds(rounds: number) {
  const database = await freshDatabase('postgresql');
  const server = await start('app', database.url);
  const rssOf = async () => Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${server.child.pid}/status`, 'utf8'))![1]) / 1024;
  const rss: number[] = [];
  try {
    const cookie = await signIn(server.ready.address);
    console.log(`bench:create --rss-rounds ${rounds}: ${values.connections} connections, ${values.seconds} s of creates, then the ledger CSV and the annual workbook of 2026, per round; Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
    console.log('| round | creates | CSV | workbook | RSS after the round |');
    console.log('|---|---|---|---|---|');
    for (let round = 1; round <= rounds; round += 1) {
      const created = await load(server, cookie, false);
      const sizes = [];
      for (const path of ['/api/exports/ledger.csv?from=2026-01-01&to=2026-12-31', '/api/exports/annual.xlsx?year=2026']) {
        const res = await fetch(`${server.ready.address}${path}`, { headers: { cookie } });
        if (!res.ok) throw new Error(`${path}: ${res.status}`);
        sizes.push((await res.arrayBuffer()).byteLength);
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      rss.push(await rssOf());
      console.log(`| ${round} | ${created.ok} | ${(sizes[0]! / 1024).toFixed(0)} KB | ${(sizes[1]! / 1024).toFixed(0)} KB | ${rss.at(-1)!.toFixed(0)} MB |`);
    }
  } finally {
    await stop(server);
    await database.drop();
  }
  const growth = rss.at(-1)! / rss[0]!;
  console.log(`\nRSS after round ${rounds} / after round 1: ${growth.toFixed(2)} (target <= 1.20: ${growth <= 1.2 ? 'met' : 'not met'}); load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
}

if (values['rss-rounds']) await rssRounds(Number(values['rss-rounds']));
else if (values.serve === 'app') await serveApp(values.database!);
else if (values.serve === 'bare') await serveBare(values.database!);
else {
  await main();
  console.log(`\nStored rows, checked after each run:\n${storedSummary.join('\n')}`);
}
