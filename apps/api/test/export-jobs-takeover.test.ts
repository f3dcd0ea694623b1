// A worker process killed (SIGKILL) in the middle of an export job: the queue
// (pg-boss) expires the job and another worker process runs it to the end.
// PostgreSQL only: embedded PGlite has one process, which runs again on restart what it left.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExportJob } from '@pufa/domain';
import { testDatabaseKind, useTestApp } from './helper.ts';

const EXPIRE_SECONDS = 8;
// This app only queues (as an API process beside `npm run worker`); the queue expires a job after 8 s.
const ctx = useTestApp({ jobs: { work: false, expireSeconds: EXPIRE_SECONDS } });
const workers: ChildProcess[] = [];

/** `npm run worker`'s entry, on the test's database and files folder, as a process of its own. */
function startWorker(env: Record<string, string>): ChildProcess {
  const worker = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '../src/worker.ts')], {
    env: {
      ...process.env, DATABASE_URL: ctx.db.connectionString!, FILES_DIR: ctx.filesDir, LOG_LEVEL: 'warn',
      EXPORT_JOB_EXPIRE_SECONDS: String(EXPIRE_SECONDS), EXPORT_JOB_MAINTENANCE_SECONDS: '1', ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  workers.push(worker);
  return worker;
}

afterAll(() => {
  for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
});

const job = async (id: string) => (await ctx.inject({ method: 'GET', url: `/api/export-jobs/${id}` })).json<ExportJob>();
async function until(id: string, test: (j: ExportJob) => boolean, timeoutMs: number): Promise<ExportJob> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await job(id);
    if (test(current)) return current;
    if (Date.now() > deadline) throw new Error(`job ${id} never got there: ${JSON.stringify(current)}`);
    await sleep(200);
  }
}

// PostgreSQL only (a skipped test fails CI; PGlite's own restart case is in export-jobs.test.ts).
if (testDatabaseKind() !== 'pglite') describe('a worker killed mid-job', () => {
  it('is taken over by another worker process, which finishes the file', { timeout: 120_000 }, async () => {
    const { east, campaign } = ctx.fixture;
    for (const startDate of ['2026-02-01', '2026-03-01']) {
      const res = await ctx.inject({ method: 'POST', url: '/api/events', payload: { startDate, title: `宣传 ${startDate}`, townshipId: east.townshipId, campaignId: campaign('legal-publicity-month'), audience: 50, materials: [] } });
      expect(res.statusCode, res.body).toBe(201);
    }
    const started = await ctx.inject({ method: 'POST', url: '/api/export-jobs/ledger-csv?from=2026-01-01&to=2026-12-31' });
    expect(started.statusCode, started.body).toBe(202);
    const { id } = started.json<ExportJob>();

    // The first worker stalls after its first batch (a minute), long enough to be killed half-way.
    const first = startWorker({ EXPORT_JOB_PAUSE_MS: '60000' });
    const halfWay = await until(id, (j) => j.status === 'running' && j.done === 2, 60_000);
    expect(halfWay.bytes).toBeNull();
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    expect((await job(id)).status).toBe('running'); // nobody told the database: the queue has to notice

    startWorker({});
    const done = await until(id, (j) => j.status === 'done', 60_000);
    expect(done).toMatchObject({ done: 2, total: 2 });
    const row = await ctx.db.prisma.exportJob.findUniqueOrThrow({ where: { id } });
    // A later run of the same job, not a new job (a third when the loaded machine made the second outlive the expiry too).
    expect(row.attempt).toBeGreaterThanOrEqual(2);
    const [fromJob, direct] = await Promise.all([
      ctx.inject({ method: 'GET', url: `/api/export-jobs/${id}/file` }),
      ctx.inject({ method: 'GET', url: '/api/exports/ledger.csv?from=2026-01-01&to=2026-12-31' }),
    ]);
    expect(fromJob.statusCode).toBe(200);
    expect(fromJob.rawPayload.equals(direct.rawPayload)).toBe(true);
  });
});
