// A worker process killed (SIGKILL) in the middle of an export job, or of a large
// import's commit: the queue (pg-boss) expires the job and another worker process
// runs it to the end; the import is committed once, never twice.
// PostgreSQL only: embedded PGlite has one process, which runs again on restart what it left.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExportJob, ImportBatch, ImportCommitJob } from '@pufa/domain';
import { testDatabaseKind, useTestApp } from './helper.ts';
import { multipartBody } from './import-fixtures.ts';

const EXPIRE_SECONDS = 8;
// This app only queues (as an API process beside `npm run worker`); the queue expires a job after 8 s.
const IMPORT_JOB_ROWS = 8;
const ctx = useTestApp({ jobs: { work: false, expireSeconds: EXPIRE_SECONDS, importJobRows: IMPORT_JOB_ROWS } });
const workers: ChildProcess[] = [];

/** `npm run worker`'s entry, on the test's database and files folder, as a process of its own. */
function startWorker(env: Record<string, string>): ChildProcess {
  const worker = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '../src/worker.ts')], {
    env: {
      ...process.env, DATABASE_URL: ctx.db.connectionString!, FILES_DIR: ctx.filesDir, LOG_LEVEL: 'warn',
      EXPORT_JOB_EXPIRE_SECONDS: String(EXPIRE_SECONDS), EXPORT_JOB_MAINTENANCE_SECONDS: '1', IMPORT_JOB_ROWS: String(IMPORT_JOB_ROWS), ...env,
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

  it('a large import whose worker dies mid-commit is committed by another worker, exactly once', { timeout: 120_000 }, async () => {
    // No worker of the test before is left to take the job.
    for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) {
      worker.kill('SIGKILL');
      await new Promise((resolve) => worker.once('exit', resolve));
    }
    const rows = 20; // chunks of 2 (a quarter of the threshold of 8 lines)
    const lines = ['活动时间,活动主题,参与人数（人次）', ...Array.from({ length: rows }, (_, i) => `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + Math.floor(i / 12)).padStart(2, '0')},接管宣传${i + 1},${i + 1}`)];
    const body = await multipartBody({ bytes: Buffer.from(lines.join('\n'), 'utf8'), name: 'big.csv' }, { townshipId: String(ctx.fixture.east.townshipId) });
    const uploaded = await ctx.inject({ method: 'POST', url: '/api/imports', ...body });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const batch = uploaded.json<ImportBatch>();
    const started = await ctx.inject({ method: 'POST', url: `/api/imports/${batch.id}/commit` });
    expect(started.statusCode, started.body).toBe(202);
    const { id } = started.json<ImportCommitJob>();
    const commitJob = async () => (await ctx.inject({ method: 'GET', url: `/api/imports/${batch.id}/commit-job` })).json<ImportCommitJob>();
    const imported = () => ctx.db.prisma.event.count({ where: { title: { startsWith: '接管宣传' } } });

    // The first worker stalls a minute after its first chunk, inside the commit's open transaction.
    const first = startWorker({ EXPORT_JOB_PAUSE_MS: '60000' });
    for (const deadline = Date.now() + 60_000; ; await sleep(200)) {
      const current = await commitJob();
      if (current.status === 'running' && current.done > 0) break;
      if (Date.now() > deadline) throw new Error(`never half-way: ${JSON.stringify(current)}`);
    }
    expect(await imported()).toBe(0); // written in the open transaction only
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    // The dead worker's transaction is rolled back by the server: nothing of it is left.
    expect(await imported()).toBe(0);
    expect((await commitJob()).status).toBe('running');
    expect((await ctx.inject({ method: 'GET', url: `/api/imports/${batch.id}` })).json<ImportBatch>().status).toBe('preview');

    // Two workers now: the queue gives the job to one; each row becomes one event.
    startWorker({});
    startWorker({});
    for (const deadline = Date.now() + 60_000; ; await sleep(200)) {
      const current = await commitJob();
      if (current.status === 'done') {
        expect(current).toMatchObject({ id, done: rows, total: rows, result: { created: rows } });
        break;
      }
      if (Date.now() > deadline) throw new Error(`never done: ${JSON.stringify(current)}`);
    }
    expect(await imported()).toBe(rows);
    expect(await ctx.db.prisma.importBatchEvent.count({ where: { batchId: batch.id } })).toBe(rows);
    expect(await ctx.db.prisma.auditLog.count({ where: { entity: 'importBatch', entityId: String(batch.id), action: 'create' } })).toBe(1);
    const row = await ctx.db.prisma.exportJob.findUniqueOrThrow({ where: { id } });
    expect(row.attempt).toBeGreaterThanOrEqual(2);
    // A while later (another expiry and retry would have come by now), still once.
    await sleep((EXPIRE_SECONDS + 2) * 1000);
    expect(await imported()).toBe(rows);
  });
});
