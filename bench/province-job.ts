// `npm run bench:province-job`: a province's year exported as a background job (the 1 M-event set
// of `npm run bench:data -- --province`; --kind ledger-csv, the default, writes every event,
// --kind workbook the province's workbook), the way issue 21 deploys it: the built API process
// (`npm start`'s dist/server.mjs) that only queues (EXPORT_WORKER=off) and the built worker
// (`npm run worker`'s dist/worker.mjs). Build them first: npx turbo run build --filter=@pufa/api.
// Measures, in one run:
// - the API's /api/stats (the province's year by month) at 10 connections, idle and then while
//   the job runs, p50/p95 and their ratio;
// - the API process's and the worker's peak RSS (VmRSS from /proc every 200 ms);
// - the job's progress as the user sees it (GET /api/export-jobs/:id every 2 s);
// - with --kill: the worker kill -9ed at about a third of the events and a new one started; the
//   job must still deliver its file (taken over once the queue expires it, --expire seconds).
// Then downloads the file and checks its size is the one the job recorded.
// Options: --database pufa_bench_province --port 3396 --kind ledger-csv --kill --expire 60 --screenshot file.png
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchDatabaseUrl, BENCH_PASSWORD, BENCH_USER } from './bench-database.ts';

const { values } = parseArgs({
  options: {
    database: { type: 'string', default: 'pufa_bench_province' },
    port: { type: 'string', default: '3396' },
    kill: { type: 'boolean', default: false },
    kind: { type: 'string', default: 'ledger-csv' },
    expire: { type: 'string', default: '60' },
    screenshot: { type: 'string' },
  },
});
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const url = benchDatabaseUrl(values.database);
const address = `http://127.0.0.1:${values.port}`;
const files = mkdtempSync(path.join(os.tmpdir(), 'pufa-province-job-'));
const env = { ...process.env, DATABASE_URL: url, DEMO: '0', LOG_LEVEL: 'warn', FILES_DIR: files, EXPORT_JOB_EXPIRE_SECONDS: values.expire!, EXPORT_JOB_MAINTENANCE_SECONDS: '5' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const children: ChildProcess[] = [];
const start = (script: string, extra: Record<string, string>) => {
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, script)], { env: { ...env, ...extra }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
};
process.on('exit', () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));
const rssMb = (pid: number) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
  } catch {
    return 0;
  }
};

const api = start('apps/api/dist/server.mjs', { PORT: values.port!, HOST: '127.0.0.1', EXPORT_WORKER: 'off' });
let worker = start('apps/api/dist/worker.mjs', {});
for (let i = 0; !(await fetch(`${address}/api/health`).then((r) => r.ok, () => false)); i += 1) {
  if (i > 600) throw new Error('the API did not start');
  await sleep(100);
}
const login = await fetch(`${address}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: BENCH_USER, password: BENCH_PASSWORD }) });
if (login.status !== 200) throw new Error('Run `npm run bench:data -- --province` first');
const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
const provinceId = ((await login.json()) as { orgUnitId: number }).orgUnitId;
const statsPath = `/api/stats?from=2026-01-01&to=2026-12-31&groupBy=month&orgUnitId=${provinceId}`;

/** 10 connections asking the province's year for `ms`; every latency. */
async function statsLoad(ms: number, into: number[]) {
  const end = performance.now() + ms;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const res = await fetch(`${address}${statsPath}`, { headers: { cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`/api/stats answered ${res.status}`);
        into.push(performance.now() - t0);
      }
    }),
  );
}
const pct = (list: number[], p: number) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

console.log(`Machine: ${os.cpus().length} x ${os.cpus()[0]?.model}; Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await statsLoad(2000, []); // warm-up
const idle: number[] = [];
await statsLoad(6000, idle);
const apiIdleRss = rssMb(api.pid!);
console.log(`idle: /api/stats province year at 10 connections p50 ${pct(idle, 50).toFixed(0)} ms, p95 ${pct(idle, 95).toFixed(0)} ms (${idle.length} requests); API RSS ${apiIdleRss.toFixed(0)} MB`);

const started = await fetch(`${address}/api/export-jobs/${values.kind}?from=2026-01-01&to=2026-12-31&lang=zh`, { method: 'POST', headers: { cookie } });
if (started.status !== 202) throw new Error(`starting the job answered ${started.status}: ${await started.text()}`);
const jobId = ((await started.json()) as { id: string }).id;
const t0 = performance.now();
type Job = { status: string; done: number; total: number; bytes: number | null; error: string | null };
let job: Job = { status: 'queued', done: 0, total: 0, bytes: null, error: null };
let apiPeak = 0;
let workerPeak = 0;
let killed = false;
const progress: string[] = [];
const sampler = setInterval(() => {
  apiPeak = Math.max(apiPeak, rssMb(api.pid!));
  workerPeak = Math.max(workerPeak, rssMb(worker.pid!));
}, 200);
let screenshotTaken = !values.screenshot;
const busy: number[] = [];
while (job.status !== 'done' && job.status !== 'failed' && job.status !== 'cancelled') {
  await statsLoad(2000, busy);
  job = (await (await fetch(`${address}/api/export-jobs/${jobId}`, { headers: { cookie } })).json()) as Job;
  progress.push(`${((performance.now() - t0) / 1000).toFixed(0)}s ${job.status} ${job.done}/${job.total}`);
  if (values.kill && !killed && job.total > 0 && job.done > job.total / 3) {
    worker.kill('SIGKILL');
    killed = true;
    progress.push(`worker killed at ${job.done}/${job.total}`);
    await sleep(1000);
    worker = start('apps/api/dist/worker.mjs', {});
  }
  if (!screenshotTaken && job.status === 'running' && job.done > 0) {
    screenshotTaken = true;
    const { chromium } = await import('playwright');
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.context().addCookies([{ name: cookie.split('=')[0]!, value: cookie.split('=').slice(1).join('='), domain: '127.0.0.1', path: '/' }]);
    await page.goto(`${address}/exports`);
    await page.getByTestId('export-job').first().waitFor({ timeout: 30_000 }).catch(() => undefined);
    await page.screenshot({ path: values.screenshot!, fullPage: true });
    await browser.close();
  }
}
clearInterval(sampler);
const seconds = (performance.now() - t0) / 1000;
const file = job.status === 'done' ? await fetch(`${address}/api/export-jobs/${jobId}/file`, { headers: { cookie } }) : null;
const bytes = file ? (await file.arrayBuffer()).byteLength : 0;
console.log(`progress (every ~2 s): ${progress.join(' | ')}`);
console.log(`${values.kind} job ${job.status} in ${seconds.toFixed(0)} s: ${job.done} of ${job.total} events, file ${bytes} bytes (recorded ${job.bytes})${job.error ? `, error: ${job.error}` : ''}${killed ? '; the worker was killed once and replaced' : ''}`);
console.log(`during the job: /api/stats p50 ${pct(busy, 50).toFixed(0)} ms, p95 ${pct(busy, 95).toFixed(0)} ms (${busy.length} requests); p95 ratio to idle ${(pct(busy, 95) / pct(idle, 95)).toFixed(2)} (target <= 2)`);
console.log(`peak RSS: API ${apiPeak.toFixed(0)} MB (idle ${apiIdleRss.toFixed(0)} MB; target <= 300), worker ${workerPeak.toFixed(0)} MB; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
rmSync(files, { recursive: true, force: true });
children.forEach((c) => c.kill('SIGTERM'));
if (job.status !== 'done' || bytes !== job.bytes) process.exitCode = 1;
process.exit();
