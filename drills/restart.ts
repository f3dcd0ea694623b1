// `npm run drill:restart`: does the API keep every write it acknowledged, and
// answer 503 (never 500) while PostgreSQL restarts or is stopped?
//
// Creates a PostgreSQL cluster of its own (never the shared server on 5432),
// starts the API on it, keeps creating events as the demo clerk, restarts
// PostgreSQL, then stops it for 10 s, and reports: acknowledged writes lost
// (must be 0), the answers during each outage (only 503), and how long the API
// took to answer 201 again. Each create is one user action with its own
// Idempotency-Key and a unique title; a 503 or a lost answer is retried with
// the same key, as docs/reliability.md tells clients, so the drill also reports
// duplicated writes (a title stored twice; must be 0). Exits 1 when a promise
// is broken. Removes the cluster at the end, whatever happened.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const API_PORT = Number(process.env.DRILL_API_PORT ?? 3219);
const WRITERS = 4;
const STOP_SECONDS = 10;
const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'pufa-demo-2026';

const version = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))[0]!;
const cluster = `pufa_drill_${process.pid}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => console.log(`[drill:restart] ${line}`);
const pgctl = (action: 'start' | 'stop' | 'restart') =>
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, cluster, action], { stdio: 'inherit' });

/** The first free TCP port from `from`: a second drill, or a developer's own cluster, may hold 5433. */
async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 50; port += 1) {
    const isFree = await new Promise<boolean>((resolve) => {
      const server = net.createServer().once('error', () => resolve(false)).once('listening', () => server.close(() => resolve(true)));
      server.listen(port, '127.0.0.1');
    });
    if (isFree) return port;
  }
  throw new Error(`no free port from ${from}`);
}

/** One phase of the drill and what every write got in it. */
interface Phase {
  name: string;
  statuses: Map<string, number>;
}

let api: ChildProcess | undefined;
let clusterCreated = false;

async function cleanUp() {
  if (api?.pid && api.exitCode === null) {
    const exited = new Promise((resolve) => api!.once('exit', resolve));
    process.kill(-api.pid, 'SIGTERM');
    await exited;
  }
  if (clusterCreated) {
    execFileSync('pg_dropcluster', ['--stop', version, cluster], { stdio: 'inherit' });
    clusterCreated = false;
  }
}

async function main(): Promise<boolean> {
  const pgPort = await freePort(5433);
  log(`PostgreSQL ${version} cluster ${cluster} on port ${pgPort}; API on port ${API_PORT}`);
  execFileSync('pg_createcluster', [version, cluster, '--port', String(pgPort), '--', '--auth=trust'], { stdio: 'ignore' });
  clusterCreated = true;
  pgctl('start');
  const databaseUrl = `postgresql://postgres@127.0.0.1:${pgPort}/postgres`;

  // The API as operators run it (migrates and seeds the demo township on first start), its
  // log in a file: the drill counts the lines an outage writes.
  const apiLog = path.join(mkdtempSync(path.join(tmpdir(), 'pufa-drill-')), 'api.log');
  const logFd = openSync(apiLog, 'a');
  api = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/server.ts'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(API_PORT), HOST: '127.0.0.1', DEMO: '1', DEMO_PASSWORD, LOG_LEVEL: 'warn' },
    stdio: ['ignore', logFd, logFd],
    detached: true, // its own process group, so nothing it starts outlives the drill
  });
  closeSync(logFd);
  const logLines = () => readFileSync(apiLog, 'utf8').split('\n').filter((line) => line.includes('"level":')).length;
  const base = `http://127.0.0.1:${API_PORT}`;
  const startedAt = Date.now();
  while (!(await fetch(`${base}/api/health`).then((r) => r.ok, () => false))) {
    if (api.exitCode !== null || Date.now() - startedAt > 90_000) throw new Error('the API did not start');
    await sleep(500);
  }
  const apiReadyAt = Date.now();
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'clerk', password: DEMO_PASSWORD }) });
  if (login.status !== 200) throw new Error(`sign-in of the demo clerk failed: ${login.status}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const townshipId = ((await login.json()) as { townshipIds: number[] }).townshipIds[0]!;

  // Writers: each creates events one after another, retrying a 503 or a lost answer with the
  // action's key until it is acknowledged, and remembers what was acknowledged.
  const acknowledged = new Set<string>();
  let retries = 0;
  let replayed = 0;
  let phase: Phase = { name: 'before', statuses: new Map() };
  const phases: Phase[] = [phase];
  let lastCreatedAt = 0;
  let isRunning = true;
  let sequence = 0;
  /** Retrying stops this long after the writers were told to stop (PostgreSQL is up by then). */
  let retryUntil = Infinity;
  const writer = async () => {
    while (isRunning) {
      const title = `drill-${process.pid}-${(sequence += 1)}`;
      const key = randomUUID();
      for (let attempt = 0; Date.now() < retryUntil; attempt += 1) {
        const current = phase;
        if (attempt > 0) retries += 1;
        const status = await fetch(`${base}/api/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie, 'idempotency-key': key },
          body: JSON.stringify({ startDate: '2026-11-27', title, townshipId, audience: 1 }),
          signal: AbortSignal.timeout(30_000),
        }).then(
          async (res) => {
            await res.arrayBuffer();
            if (res.headers.get('idempotent-replayed')) replayed += 1;
            // A 503 tells the client when to try again.
            return res.status === 503 && !res.headers.get('retry-after') ? '503 without Retry-After' : String(res.status);
          },
          (error: Error) => `no answer (${error.name})`,
        );
        current.statuses.set(status, (current.statuses.get(status) ?? 0) + 1);
        if (status === '201') {
          acknowledged.add(title);
          lastCreatedAt = Date.now();
          break;
        }
        // Retried with the same key: a 503 (the answer may have been lost after COMMIT) or no answer at all.
        if (status !== '503' && !status.startsWith('no answer')) break;
        await sleep(50);
      }
    }
  };
  const enter = (name: string) => {
    phase = { name, statuses: new Map() };
    phases.push(phase);
  };
  const writers = Array.from({ length: WRITERS }, writer);
  const logLinesBefore = logLines();

  await sleep(3_000);
  enter('PostgreSQL restart');
  pgctl('restart');
  await sleep(3_000);
  enter(`PostgreSQL stopped ${STOP_SECONDS} s`);
  pgctl('stop');
  await sleep(STOP_SECONDS * 1_000);
  enter('after start');
  pgctl('start');
  const startedAgainAt = Date.now();
  while (lastCreatedAt < startedAgainAt && Date.now() - startedAgainAt < 60_000) await sleep(50);
  const recoverySeconds = (lastCreatedAt - startedAgainAt) / 1000;
  await sleep(3_000);
  isRunning = false;
  retryUntil = Date.now() + 30_000;
  await Promise.all(writers);

  // Every acknowledged event must be in the database.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ title: string }>("SELECT title FROM event WHERE title LIKE 'drill-%' AND deleted_at IS NULL");
  await client.end();
  const stored = new Set(rows.map((r) => r.title));
  const lost = [...acknowledged].filter((title) => !stored.has(title));
  // Every title is one user action: a title stored twice is a retry that wrote again.
  const duplicated = rows.length - stored.size;

  const unexpected = phases.flatMap((p) => [...p.statuses].filter(([status]) => !['201', '503'].includes(status)).map(([status, n]) => `${p.name}: ${n}× ${status}`));
  const outageLogLines = logLines() - logLinesBefore;
  for (const p of phases) log(`${p.name}: ${[...p.statuses].map(([status, n]) => `${n}× ${status}`).join(', ') || 'no requests'}`);
  log(`the API logged ${outageLogLines} warning or error lines for the two outages (${apiLog})`);
  log(`acknowledged ${acknowledged.size} events, stored ${rows.length} rows of ${stored.size} titles: lost ${lost.length}, duplicated ${duplicated}`);
  log(`${retries} retries with the action's Idempotency-Key, ${replayed} of them answered with the stored answer (the first attempt had committed)`);
  log(`first write acknowledged ${recoverySeconds.toFixed(1)} s after PostgreSQL started again (the API was ready ${((apiReadyAt - startedAt) / 1000).toFixed(0)} s after its start)`);
  const failures = [
    ...(lost.length ? [`${lost.length} acknowledged writes lost: ${lost.slice(0, 5).join(', ')}`] : []),
    ...(duplicated ? [`${duplicated} writes stored twice (a retry with the same key created again)`] : []),
    ...unexpected.map((u) => `answer other than 201/503: ${u}`),
    ...(recoverySeconds < 0 || recoverySeconds > 15 ? [`the API took ${recoverySeconds} s to write again (at most 15 s)`] : []),
  ];
  for (const failure of failures) log(`FAILED: ${failure}`);
  if (!failures.length) log('passed: nothing lost, nothing duplicated, only 503 during the outages');
  return failures.length === 0;
}

process.on('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
let passed = false;
try {
  passed = await main();
} catch (error) {
  log(`FAILED: ${(error as Error).message}`);
} finally {
  await cleanUp();
}
process.exit(passed ? 0 : 1);
