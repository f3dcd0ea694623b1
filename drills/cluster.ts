// `npm run drill:cluster [-- --seconds 30]`: several API processes behind nginx on one
// PostgreSQL and one S3-compatible store, with API processes killed under load.
//
// Starts nginx (Debian's package) in front of 3 API processes (apps/api/src/server.ts) on a
// database of its own on the PostgreSQL server at DATABASE_URL, with the evidence files in
// s3rver (an S3 HTTP server started here). 8 writers sign in once (one session, used through
// whichever process nginx picks), create events, each one user action with its own
// Idempotency-Key and a unique title, and attach a photo to every fifth; a 502/503 or a lost
// answer is retried with the same key, as docs/reliability.md tells clients. Meanwhile the drill
// kill -9s an API process, restarts it, and does it again to another one. Beside them runs the
// export worker (`npm run worker`; the API processes only queue, EXPORT_WORKER=off): the county
// administrator starts two background exports (the year's workbook and ledger CSV), and the
// drill kill -9s the worker while one is half-way, then starts a new worker, which must take the
// job over once the queue expires it. It reports: acknowledged writes lost (must be 0),
// duplicated (0), uploads whose file is missing from the store (0), the session still valid on
// every process (yes), export jobs finished with a file that downloads (all), and every answer
// other than 201/502/503 (none). Exits 1 when a promise is broken; removes what it made.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import sharp from 'sharp';
import { startS3Server } from '../apps/api/test/s3-server.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '30' }, port: { type: 'string', default: '3230' } } });
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECONDS = Number(values.seconds);
const PROXY_PORT = Number(values.port);
const API_PORTS = [PROXY_PORT + 1, PROXY_PORT + 2, PROXY_PORT + 3];
const WRITERS = 8;
const DEMO_PASSWORD = 'pufa-demo-2026';
const adminUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const DB = `pufa_drill_cluster_${process.pid}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => console.log(`[drill:cluster] ${line}`);
const work = mkdtempSync(path.join(tmpdir(), 'pufa-cluster-'));
const databaseUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${DB}`;
  return url.toString();
})();

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The nginx site docs/operations.md describes, on free ports of this machine. */
function nginxConfig() {
  return `
worker_processes 1;
pid ${work}/nginx.pid;
error_log ${work}/nginx-error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${work}/body; proxy_temp_path ${work}/proxy;
  fastcgi_temp_path ${work}/fcgi; uwsgi_temp_path ${work}/uwsgi; scgi_temp_path ${work}/scgi;
  upstream pufa_api {
    ${API_PORTS.map((port) => `server 127.0.0.1:${port} max_fails=1 fail_timeout=2s;`).join('\n    ')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${PROXY_PORT};
    client_max_body_size 30m;
    location / {
      proxy_pass http://pufa_api;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 120s;
      proxy_request_buffering on;
      # A create carries an Idempotency-Key, so a POST whose process died may go to the next one.
      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
      proxy_next_upstream_tries 3;
    }
  }
}`;
}

const apis = new Map<number, ChildProcess>();
/** The export jobs' settings, the same on every process (the queue's expiry is set where a job is sent). */
const JOB_ENV = { EXPORT_JOB_EXPIRE_SECONDS: '10', EXPORT_JOB_MAINTENANCE_SECONDS: '1', EXPORT_JOB_PAUSE_MS: '1500' };
let worker: ChildProcess | undefined;

function startWorker(s3: Record<string, string>): ChildProcess {
  worker = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/worker.ts'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'error', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...JOB_ENV, ...s3 },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  return worker;
}
let nginxStarted = false;
let stopS3: (() => Promise<void>) | undefined;

function startApi(port: number, s3: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/server.ts'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', DEMO: '1', DEMO_PASSWORD, LOG_LEVEL: 'error', TRUST_PROXY: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', EXPORT_WORKER: 'off', ...JOB_ENV, ...s3 },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  apis.set(port, child);
  return child;
}

async function waitHealthy(port: number) {
  const started = Date.now();
  while (!(await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false))) {
    if (Date.now() - started > 120_000) throw new Error(`the API on ${port} did not start`);
    await sleep(300);
  }
}

async function cleanUp() {
  for (const child of [...apis.values(), ...(worker ? [worker] : [])]) if (child.pid && child.exitCode === null) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
  if (nginxStarted) try { execFileSync('nginx', ['-c', `${work}/nginx.conf`, '-s', 'stop'], { stdio: 'ignore' }); } catch { /* gone */ }
  await stopS3?.();
  await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`).catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
}

async function main(): Promise<boolean> {
  log(`nginx on ${PROXY_PORT} in front of API processes on ${API_PORTS.join(', ')}; database ${DB}; ${SECONDS} s of load`);
  await admin(`CREATE DATABASE ${DB}`);
  const s3 = await startS3Server('cluster');
  stopS3 = s3.stop;
  const s3Env = { FILES_STORE: 's3', S3_ENDPOINT: s3.settings.endpoint!, S3_BUCKET: s3.settings.bucket, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' };
  // The first process migrates and seeds; the others start on a ready database.
  startApi(API_PORTS[0]!, s3Env);
  await waitHealthy(API_PORTS[0]!);
  for (const port of API_PORTS.slice(1)) startApi(port, s3Env);
  startWorker(s3Env);
  await Promise.all(API_PORTS.map(waitHealthy));
  writeFileSync(`${work}/nginx.conf`, nginxConfig());
  execFileSync('nginx', ['-c', `${work}/nginx.conf`]);
  nginxStarted = true;
  const base = `http://127.0.0.1:${PROXY_PORT}`;

  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'clerk', password: DEMO_PASSWORD }) });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const townshipId = ((await login.json()) as { townshipIds: number[] }).townshipIds[0]!;
  const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 30, g: 120, b: 60 } } }).jpeg().toBuffer();

  const statuses = new Map<string, number>();
  const count = (status: string) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
  const acknowledged = new Set<string>();
  const uploads: { eventId: number; fileId: number }[] = [];
  let retries = 0;
  let replayed = 0;
  let running = true;
  let sequence = 0;
  const retryUntil = () => (running ? Infinity : stoppedAt + 60_000);
  let stoppedAt = 0;

  /** One user action: sent until it is answered other than 502/503/no answer, always with its key. */
  async function action(url: string, init: () => RequestInit): Promise<Response | null> {
    const key = randomUUID();
    for (let attempt = 0; Date.now() < retryUntil(); attempt += 1) {
      if (attempt > 0) retries += 1;
      const base = init();
      const res = await fetch(url, { ...base, headers: { ...(base.headers as Record<string, string>), cookie, 'idempotency-key': key }, signal: AbortSignal.timeout(30_000) }).catch(() => null);
      const status = res ? String(res.status) : 'no answer';
      count(status);
      if (res?.headers.get('idempotent-replayed')) replayed += 1;
      if (res && res.status !== 502 && res.status !== 503) return res;
      await res?.arrayBuffer();
      await sleep(100);
    }
    return null;
  }

  const writer = async (index: number) => {
    while (running) {
      const title = `cluster-${process.pid}-${index}-${(sequence += 1)}`;
      const res = await action(`${base}/api/events`, () => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ startDate: '2026-11-27', title, townshipId, audience: 1 }) }));
      if (res?.status !== 201) continue;
      acknowledged.add(title);
      const event = (await res.json()) as { id: number };
      if (sequence % 5 !== 0) continue;
      const uploaded = await action(`${base}/api/events/${event.id}/files`, () => {
        const form = new FormData();
        form.append('file', new Blob([photo], { type: 'image/jpeg' }), 'photo.jpg');
        return { method: 'POST', body: form };
      });
      if (uploaded?.status === 201) uploads.push({ eventId: event.id, fileId: ((await uploaded.json()) as { id: number }).id });
    }
  };
  const writers = Array.from({ length: WRITERS }, (_, i) => writer(i));

  // The county administrator's two background exports, the worker killed under one of them.
  const adminLogin = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
  const adminCookie = adminLogin.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  type Job = { id: string; status: string; done: number; total: number; bytes: number | null; error: string | null };
  const readJob = async (id: string): Promise<Job | null> => {
    const res = await fetch(`${base}/api/export-jobs/${id}`, { headers: { cookie: adminCookie } }).catch(() => null);
    return res?.status === 200 ? ((await res.json()) as Job) : (await res?.arrayBuffer(), null);
  };
  const jobIds: string[] = [];
  const jobNotes: string[] = [];
  const exportsDone = (async () => {
    await sleep(2000);
    for (const kind of ['workbook', 'ledger-csv']) {
      const res = await fetch(`${base}/api/export-jobs/${kind}?from=2026-01-01&to=2026-12-31&lang=zh`, { method: 'POST', headers: { cookie: adminCookie } });
      if (res.status !== 202) throw new Error(`starting the ${kind} job answered ${res.status}: ${await res.text()}`);
      jobIds.push(((await res.json()) as Job).id);
    }
    // Half-way through the first: kill -9 the worker, start another.
    for (const started = Date.now(); Date.now() - started < 60_000; await sleep(200)) {
      const job = await readJob(jobIds[0]!);
      if (job?.status === 'running' && job.done > 0) {
        process.kill(-worker!.pid!, 'SIGKILL');
        jobNotes.push(`worker killed with the workbook at ${job.done} of ${job.total} events`);
        break;
      }
    }
    await sleep(2000);
    startWorker(s3Env);
  })();

  // Two kill -9s of different processes, each restarted a few seconds later.
  const step = (SECONDS * 1000) / 6;
  const kills: string[] = [];
  for (const port of [API_PORTS[1]!, API_PORTS[2]!]) {
    await sleep(step);
    const child = apis.get(port)!;
    process.kill(-child.pid!, 'SIGKILL');
    kills.push(`killed ${port} at ${acknowledged.size} acknowledged`);
    await sleep(step);
    startApi(port, s3Env);
    await waitHealthy(port);
  }
  await sleep(step);
  running = false;
  stoppedAt = Date.now();
  await Promise.all(writers);
  await exportsDone;
  // Every job finished (the one under the kill taken over once the queue expired it), and its file downloads.
  const jobs: (Job | null)[] = [];
  for (const id of jobIds) {
    let job = await readJob(id);
    for (const started = Date.now(); job?.status !== 'done' && job?.status !== 'failed' && Date.now() - started < 180_000; job = await readJob(id)) await sleep(500);
    const file = job?.status === 'done' ? await fetch(`${base}/api/export-jobs/${id}/file`, { headers: { cookie: adminCookie } }) : null;
    const bytes = file?.status === 200 ? (await file.arrayBuffer()).byteLength : 0;
    jobNotes.push(`job ${id.slice(0, 8)}: ${job?.status ?? 'unreadable'}, ${job?.done ?? 0} of ${job?.total ?? 0} events, file ${file?.status ?? '-'} (${bytes} bytes)${job?.error ? `, ${job.error}` : ''}`);
    jobs.push(job && bytes > 0 && bytes === job.bytes ? job : null);
  }

  // What is stored, read from the database itself.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ title: string }>(`SELECT title FROM event WHERE title LIKE 'cluster-%' AND deleted_at IS NULL`);
  const files = await client.query<{ n: string }>(`SELECT count(*) AS n FROM event_file`);
  await client.end();
  const stored = new Set(rows.map((r) => r.title));
  const lost = [...acknowledged].filter((t) => !stored.has(t));
  const duplicated = rows.length - stored.size;
  // Every acknowledged upload is readable, through each process.
  let unreadable = 0;
  for (const [i, { fileId }] of uploads.entries()) {
    const port = API_PORTS[i % API_PORTS.length]!;
    const res = await fetch(`http://127.0.0.1:${port}/api/files/${fileId}/thumbnail`, { headers: { cookie } });
    if (res.status !== 200) unreadable += 1;
    await res.arrayBuffer();
  }
  const sessions = await Promise.all(API_PORTS.map(async (port) => (await fetch(`http://127.0.0.1:${port}/api/auth/me`, { headers: { cookie } })).status));
  const unexpected = [...statuses].filter(([status]) => !['201', '502', '503', 'no answer'].includes(status));

  log(kills.join('; '));
  log(`answers: ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(', ')}`);
  log(`acknowledged ${acknowledged.size} events, stored ${rows.length} rows of ${stored.size} titles: lost ${lost.length}, duplicated ${duplicated}`);
  log(`${uploads.length} photos acknowledged, ${files.rows[0]!.n} file rows; unreadable from the store: ${unreadable}`);
  log(`${retries} retries with the action's Idempotency-Key, ${replayed} answered with the stored answer`);
  log(`the one session on each process: ${sessions.join(', ')}`);
  for (const note of jobNotes) log(note);
  const failures = [
    ...(lost.length ? [`${lost.length} acknowledged writes lost`] : []),
    ...(duplicated ? [`${duplicated} writes stored twice`] : []),
    ...(Number(files.rows[0]!.n) !== uploads.length ? [`${files.rows[0]!.n} file rows for ${uploads.length} acknowledged uploads`] : []),
    ...(unreadable ? [`${unreadable} uploads unreadable`] : []),
    ...(sessions.some((s) => s !== 200) ? ['the session is not valid on every process'] : []),
    ...unexpected.map(([s, n]) => `${n}× ${s}`),
    ...(acknowledged.size === 0 ? ['nothing was written'] : []),
    ...(jobIds.length !== 2 || jobs.some((j) => j === null) ? ['an export job did not finish with its file'] : []),
    ...(!jobNotes.some((n) => n.startsWith('worker killed')) ? ['the worker was not killed half-way through a job'] : []),
  ];
  for (const failure of failures) log(`FAILED: ${failure}`);
  if (!failures.length) log('passed: nothing lost, nothing duplicated, every photo readable, the session valid everywhere, only 502/503 while a process was down, both exports delivered after the worker was killed');
  return failures.length === 0;
}

process.on('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
let passed = false;
try {
  passed = await main();
} finally {
  await cleanUp();
}
process.exit(passed ? 0 : 1);
