// A large import's commit as a background job (issue 21): the request answers at
// once with a job, the job commits in the direct commit's one transaction (so the
// events, the period lock, duplicates and the undo window are the direct
// commit's), cancel before it is done imports nothing, a run after the job is
// done imports nothing again. The threshold is lowered to 10 lines here.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { ImportBatch, ImportCommitJob, ImportCommitResult } from '@pufa/domain';
import { CommitJobLostError } from '@pufa/db';
import { runJob } from '../src/jobs/run-job.ts';
import { testDatabaseKind, useTestApp, type TestUser } from './helper.ts';
import { multipartBody } from './import-fixtures.ts';

const THRESHOLD = 10;
// Chunks of 3 rows (a quarter of the threshold), each followed by a 1.2 s pause: a job is seen half-way.
const ctx = useTestApp({ jobs: { work: true, pauseMs: 1_200, importJobRows: THRESHOLD } });
const isPostgres = testDatabaseKind() !== 'pglite';

/** A CSV of a header and `rows` events on distinct days of `year` (titles prefixed, so files do not duplicate each other). */
function ledgerCsv(rows: number, prefix: string, year = 2025): Buffer {
  const lines = ['活动时间,活动主题,参与人数（人次）'];
  for (let i = 0; i < rows; i++) lines.push(`${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + Math.floor(i / 12)).padStart(2, '0')},${prefix}宣传${i + 1},${10 + i}`);
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

async function upload(bytes: Buffer, as: TestUser = 'countyAdmin'): Promise<ImportBatch> {
  const body = await multipartBody({ bytes, name: 'ledger.csv' }, { townshipId: String(ctx.fixture.east.townshipId) });
  const res = await ctx.inject({ method: 'POST', url: '/api/imports', as, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<ImportBatch>();
}

const commit = (id: number, as: TestUser = 'countyAdmin') => ctx.inject({ method: 'POST', url: `/api/imports/${id}/commit`, as });
const jobOf = async (id: number, as: TestUser = 'countyAdmin') => (await ctx.inject({ method: 'GET', url: `/api/imports/${id}/commit-job`, as })).json<ImportCommitJob>();
const batchEvents = (batchId: number) => ctx.db.prisma.importBatchEvent.count({ where: { batchId } });
const titled = (prefix: string) => ctx.db.prisma.event.count({ where: { title: { startsWith: prefix }, deletedAt: null } });

/** Polls the batch's job (as the page does) until `until` holds; returns every state seen. */
async function watch(batchId: number, until: (j: ImportCommitJob) => boolean, timeoutMs = 60_000): Promise<ImportCommitJob[]> {
  const seen: ImportCommitJob[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const current = await jobOf(batchId);
    seen.push(current);
    if (until(current)) return seen;
    await sleep(200);
  }
  throw new Error(`commit job of batch ${batchId} never got there: ${JSON.stringify(seen.at(-1))}`);
}

describe('import commit jobs', { timeout: 120_000 }, () => {
  it(`a file of ${THRESHOLD} lines commits in the request as before; one line more answers a job at once`, async () => {
    const small = await upload(ledgerCsv(THRESHOLD - 1, '小批'));
    const direct = await commit(small.id);
    expect(direct.statusCode, direct.body).toBe(200);
    expect(direct.json<ImportCommitResult>().created).toBe(THRESHOLD - 1);
    expect((await ctx.inject({ method: 'GET', url: `/api/imports/${small.id}/commit-job` })).statusCode).toBe(404);

    const large = await upload(ledgerCsv(THRESHOLD, '大批'));
    const started = await commit(large.id);
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json<ImportCommitJob>()).toMatchObject({ batchId: large.id, status: 'queued', done: 0, result: null });
    const done = (await watch(large.id, (j) => j.status === 'done')).at(-1)!;
    expect(done).toMatchObject({ done: THRESHOLD, total: THRESHOLD, error: null });
    expect(await titled('大批')).toBe(THRESHOLD);
  });

  it('the job commits exactly what the direct commit would: the same events, answer and undo window', async () => {
    // The same file twice, one year apart: once with the threshold out of the way (direct), once as a job.
    const rows = 14;
    const viaJob = await upload(ledgerCsv(rows, '对照', 2024));
    const started = await commit(viaJob.id);
    expect(started.statusCode).toBe(202);
    const done = (await watch(viaJob.id, (j) => j.status === 'done')).at(-1)!;
    const result = done.result!;
    expect(result).toMatchObject({ batchId: viaJob.id, created: rows, summary: viaJob.summary });
    expect(result.eventIds).toHaveLength(rows);
    expect(await batchEvents(viaJob.id)).toBe(rows);
    // A second commit answers the same as after a direct commit: nothing more, the batch's events.
    const again = await commit(viaJob.id);
    expect(again.statusCode).toBe(200);
    expect(again.json<ImportCommitResult>()).toMatchObject({ created: 0, eventIds: result.eventIds });
    const batch = (await ctx.inject({ method: 'GET', url: `/api/imports/${viaJob.id}` })).json<ImportBatch>();
    expect(batch).toMatchObject({ status: 'committed', eventCount: rows, committedBy: { id: ctx.fixture.userIds.countyAdmin } });
    expect(new Date(batch.undoUntil!).getTime() - new Date(batch.committedAt!).getTime()).toBe(30 * 86_400_000);
    expect(batch.commitJob).toMatchObject({ id: done.id, status: 'done' });

    const events = await ctx.db.prisma.event.findMany({ where: { id: { in: result.eventIds } }, orderBy: { startDate: 'asc' }, select: { title: true, startDate: true, audience: true } });
    expect(events.map((e) => e.title).sort()).toEqual(Array.from({ length: rows }, (_, i) => `对照宣传${i + 1}`).sort());
    expect(events.reduce((sum, e) => sum + e.audience, 0)).toBe(Array.from({ length: rows }, (_, i) => 10 + i).reduce((a, b) => a + b, 0));
    // One audit row for the batch, one per event, as the direct commit writes.
    expect(await ctx.db.prisma.auditLog.count({ where: { entity: 'importBatch', entityId: String(viaJob.id), action: 'create' } })).toBe(1);

    // The same file again: every row is now a duplicate, and the job creates nothing (as the direct commit would).
    const duplicate = await upload(ledgerCsv(rows, '对照', 2024));
    expect(duplicate.summary.duplicates).toBe(rows);
    expect((await commit(duplicate.id)).statusCode).toBe(202);
    expect((await watch(duplicate.id, (j) => j.status === 'done')).at(-1)!.result).toMatchObject({ created: 0 });
    expect(await titled('对照')).toBe(rows);

    // Undo takes the job's events back, as for a direct commit.
    const undo = await ctx.inject({ method: 'POST', url: `/api/imports/${viaJob.id}/undo` });
    expect(undo.statusCode, undo.body).toBe(200);
    expect(await titled('对照')).toBe(0);
  });

  it('rows in a submitted month are left out by the job as by the direct commit', async () => {
    const file = ledgerCsv(12, '锁定', 2023); // one row a month
    const before = await upload(file);
    expect(before.summary.locked).toBe(0);
    const submitted = await ctx.inject({ method: 'POST', url: '/api/submissions', as: 'eastClerk', payload: { townshipId: ctx.fixture.east.townshipId, period: '2023-03' } });
    expect(submitted.statusCode, submitted.body).toBeLessThan(300);
    expect((await commit(before.id)).statusCode).toBe(202);
    const done = (await watch(before.id, (j) => j.status === 'done')).at(-1)!;
    expect(done.result).toMatchObject({ created: 11, summary: { locked: 1 } });
    const march = await ctx.db.prisma.event.count({ where: { title: { startsWith: '锁定' }, startDate: new Date('2023-03-01T00:00:00Z') } });
    expect(march).toBe(0);
  });

  it('a second commit while the job is on (another user too) is the same job; the batch cannot be changed meanwhile', async () => {
    const batch = await upload(ledgerCsv(12, '共享'));
    const first = await commit(batch.id);
    expect(first.statusCode).toBe(202);
    const [again, other] = await Promise.all([commit(batch.id), commit(batch.id, 'eastAdmin')]);
    for (const res of [again, other]) {
      // On PGlite's one connection a request can wait for the whole commit: it then answers as a second commit does.
      if (!isPostgres && res.statusCode === 200) {
        expect(res.json<ImportCommitResult>()).toMatchObject({ created: 0, batchId: batch.id });
        continue;
      }
      expect(res.statusCode, res.body).toBe(202);
      expect(res.json<ImportCommitJob>().id).toBe(first.json<ImportCommitJob>().id);
    }
    const patch = await ctx.inject({ method: 'PATCH', url: `/api/imports/${batch.id}`, payload: { excludedRows: [] } });
    // Refused at once on PostgreSQL; on PGlite the request waits for the commit's transaction and finds it committed.
    expect(patch.statusCode).toBe(409);
    await watch(batch.id, (j) => j.status === 'done');
    expect(await titled('共享')).toBe(12);
    expect(await ctx.db.prisma.exportJob.count({ where: { kind: 'import-commit', params: { path: ['batchId'], equals: batch.id } } })).toBe(1);
  });

  it('a commit job is not an export: not in 「我的导出」, 404 at the export-job URLs', async () => {
    const batch = await upload(ledgerCsv(11, '清单'));
    const { id } = (await commit(batch.id)).json<ImportCommitJob>();
    await watch(batch.id, (j) => j.status === 'done');
    const mine = (await ctx.inject({ method: 'GET', url: '/api/export-jobs' })).json<{ items: { id: string }[] }>();
    expect(mine.items.map((j) => j.id)).not.toContain(id);
    expect((await ctx.inject({ method: 'GET', url: `/api/export-jobs/${id}` })).statusCode).toBe(404);
    expect((await ctx.inject({ method: 'POST', url: `/api/export-jobs/${id}/cancel` })).statusCode).toBe(404);
  });

  it('outside the scope the job is 404; cancel is for whoever started it or an administrator', async () => {
    const batch = await upload(ledgerCsv(11, '范围'), 'eastClerk');
    // Queued but not sent to the runner: it stays queued while the rights are checked.
    const started = await ctx.app.imports.startCommitJob({ userId: ctx.fixture.userIds.eastClerk, role: 'clerk', orgUnitId: ctx.fixture.east.townshipId, townshipIds: [ctx.fixture.east.townshipId], isTopLevel: false }, batch.id, ctx.fixture.userIds.eastClerk);
    expect(started).toMatchObject({ created: true });
    expect((await ctx.inject({ method: 'GET', url: `/api/imports/${batch.id}/commit-job`, as: 'westClerk' })).statusCode).toBe(404);
    expect((await ctx.inject({ method: 'POST', url: `/api/imports/${batch.id}/commit-job/cancel`, as: 'westClerk' })).statusCode).toBe(404);
    const leader = await ctx.inject({ method: 'POST', url: `/api/imports/${batch.id}/commit-job/cancel`, as: 'eastLeader' });
    expect(leader.statusCode).toBe(403);
    const admin = await ctx.inject({ method: 'POST', url: `/api/imports/${batch.id}/commit-job/cancel`, as: 'eastAdmin' });
    expect(admin.statusCode, admin.body).toBe(200);
    expect(admin.json<ImportCommitJob>().status).toBe('cancelled');
    // Sent after the cancel (a queue that still had it): the run finds it cancelled and does nothing.
    await runJob(ctx.app, admin.json<ImportCommitJob>().id, ctx.app.jobSettings);
    expect(await titled('范围')).toBe(0);
    expect((await ctx.inject({ method: 'GET', url: `/api/imports/${batch.id}` })).json<ImportBatch>().status).toBe('preview');
  });

  it('a run whose job was taken over (a newer attempt) or cancelled rolls its whole commit back', async () => {
    const batch = await upload(ledgerCsv(11, '旧轮'));
    const actor = { userId: ctx.fixture.userIds.countyAdmin, role: 'admin' as const, orgUnitId: ctx.fixture.countyId, townshipIds: 'all' as const, isTopLevel: true };
    const started = await ctx.app.imports.startCommitJob(actor, batch.id, actor.userId);
    if (!started || started === 'committed') throw new Error('not started');
    const { id } = started.job;
    const stale = (await ctx.app.exportJobs.claim(id))!.attempt;
    const current = (await ctx.app.exportJobs.claim(id))!.attempt; // the queue gave it to another run
    const run = (attempt: number) => ({ id, attempt, chunkSize: 3, expiresAt: new Date(Date.now() + 86_400_000), onTotal: () => {}, afterChunk: async () => {} });
    // The stale run writes every chunk and reaches the end of its transaction: there, it no longer holds the job.
    await expect(ctx.app.imports.commit(actor, batch.id, new Date(), run(stale))).rejects.toThrow(CommitJobLostError);
    expect(await titled('旧轮')).toBe(0);
    expect((await ctx.db.prisma.importBatch.findUniqueOrThrow({ where: { id: batch.id } })).status).toBe('preview');
    // Cancelled while the current run was writing: the same.
    await ctx.inject({ method: 'POST', url: `/api/imports/${batch.id}/commit-job/cancel` });
    await expect(ctx.app.imports.commit(actor, batch.id, new Date(), run(current))).rejects.toThrow(CommitJobLostError);
    expect(await titled('旧轮')).toBe(0);
    expect(await jobOf(batch.id)).toMatchObject({ status: 'cancelled', result: null });
  });

  it('a commit job run again after it is done imports nothing twice', async () => {
    const batch = await upload(ledgerCsv(11, '重跑'));
    const { id } = (await commit(batch.id)).json<ImportCommitJob>();
    await watch(batch.id, (j) => j.status === 'done');
    expect(await titled('重跑')).toBe(11);
    // The queue delivering it again: the job is done, the run does not take it.
    await runJob(ctx.app, id, ctx.app.jobSettings);
    // Even a run that did take it (its row forced back to running) finds the batch committed and creates nothing.
    await ctx.db.prisma.exportJob.update({ where: { id }, data: { status: 'running' } });
    await runJob(ctx.app, id, ctx.app.jobSettings);
    expect(await titled('重跑')).toBe(11);
    expect(await batchEvents(batch.id)).toBe(11);
    expect((await jobOf(batch.id))).toMatchObject({ status: 'done', result: { created: 0 } });
  });

  describe('the owner is looked up again when the commit runs', () => {
    const clerk = () => ctx.fixture.userIds.eastClerk;
    const clerkActor = () => ({ userId: clerk(), role: 'clerk' as const, orgUnitId: ctx.fixture.east.townshipId, townshipIds: [ctx.fixture.east.townshipId], isTopLevel: false });
    /** The clerk's commit, queued as the request queues it, run only after `meanwhile` (read from the database: a request as a disabled user ends their session). */
    async function commitAfter(prefix: string, meanwhile: object, restore: object): Promise<ImportCommitJob> {
      const batch = await upload(ledgerCsv(11, prefix), 'eastClerk');
      const started = await ctx.app.imports.startCommitJob(clerkActor(), batch.id, clerk());
      if (!started || started === 'committed') throw new Error('not started');
      await ctx.db.prisma.user.update({ where: { id: clerk() }, data: meanwhile });
      try {
        await ctx.app.jobQueue.send(started.job.id);
        for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(200)) {
          const job = await ctx.app.imports.commitJob(clerkActor(), batch.id);
          if (job && (job.status === 'failed' || job.status === 'done')) {
            expect((await ctx.db.prisma.importBatch.findUniqueOrThrow({ where: { id: batch.id } })).status).toBe(job.status === 'done' ? 'committed' : 'preview');
            return job;
          }
        }
        throw new Error('the commit job never ended');
      } finally {
        await ctx.db.prisma.user.update({ where: { id: clerk() }, data: restore });
      }
    }

    it('disabled meanwhile: the job fails saying so, nothing imported', async () => {
      const job = await commitAfter('停用', { isActive: false }, { isActive: true });
      expect(job).toMatchObject({ status: 'failed', result: null, error: '发起任务的账号已停用，未导入任何数据\nThe account that started this job is disabled: nothing was imported' });
      expect(await titled('停用')).toBe(0);
    });

    it('moved to another township meanwhile: the job fails saying so, nothing imported', async () => {
      const job = await commitAfter('调走', { orgUnitId: ctx.fixture.west.townshipId }, { orgUnitId: ctx.fixture.east.townshipId });
      expect(job).toMatchObject({ status: 'failed', result: null });
      expect(job.error).toContain('no longer has access to this scope: nothing was imported');
      expect(await titled('调走')).toBe(0);
    });

    it('made a leader (reads only) meanwhile: the job fails saying so, nothing imported', async () => {
      const job = await commitAfter('改角色', { role: 'leader' }, { role: 'clerk' });
      expect(job).toMatchObject({ status: 'failed', error: '发起任务的账号已无权导入台账，未导入任何数据\nThe account that started this job may no longer import ledgers: nothing was imported' });
      expect(await titled('改角色')).toBe(0);
    });

    it('unchanged: the job commits as the clerk', async () => {
      const job = await commitAfter('不变', {}, {});
      expect(job).toMatchObject({ status: 'done', result: { created: 11 } });
      expect(await titled('不变')).toBe(11);
    });
  });

  // The progress is seen moving on both databases: on PostgreSQL written beside the commit's transaction, on PGlite
  // (whose one connection is the commit's until it ends) answered from the running process's memory.
  it('the page sees rows committed of the total move while the commit runs, none visible until it is done', async () => {
    const batch = await upload(ledgerCsv(12, '进度'));
    expect((await commit(batch.id)).statusCode).toBe(202);
    const seen = await watch(batch.id, (j) => j.status === 'running' && j.done > 0 && j.done < j.total);
    expect(seen.at(-1)).toMatchObject({ total: 12 });
    // Half-way, the events are written in the open transaction: nobody sees them yet (on PGlite a read waits for the commit).
    if (isPostgres) expect(await titled('进度')).toBe(0);
    const all = await watch(batch.id, (j) => j.status === 'done');
    const dones = [...seen, ...all].filter((j) => j.status === 'running').map((j) => j.done);
    expect(new Set(dones).size).toBeGreaterThanOrEqual(2); // moved at least twice on the way
    expect(all.at(-1)).toMatchObject({ done: 12, total: 12, result: { created: 12 } });
    expect(await titled('进度')).toBe(12);
  });

  // A cancel half-way needs the database while the commit runs: PostgreSQL only (on PGlite the cancel waits for the commit's end, and finds it done).
  if (isPostgres) {
    it('cancelled half-way: nothing imported, the batch stays in preview and can be committed again', async () => {
      const batch = await upload(ledgerCsv(12, '取消'));
      expect((await commit(batch.id)).statusCode).toBe(202);
      await watch(batch.id, (j) => j.status === 'running' && j.done > 0);
      const cancelled = await ctx.inject({ method: 'POST', url: `/api/imports/${batch.id}/commit-job/cancel` });
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.json<ImportCommitJob>().status).toBe('cancelled');
      await sleep(4_000); // longer than the rest of the commit would have taken
      expect(await jobOf(batch.id)).toMatchObject({ status: 'cancelled', result: null });
      expect(await titled('取消')).toBe(0);
      expect(await batchEvents(batch.id)).toBe(0);
      const after = (await ctx.inject({ method: 'GET', url: `/api/imports/${batch.id}` })).json<ImportBatch>();
      expect(after.status).toBe('preview');
      // The batch can be changed and committed again: a new job, which imports every row once.
      expect((await ctx.inject({ method: 'PATCH', url: `/api/imports/${batch.id}`, payload: { excludedRows: [] } })).statusCode).toBe(200);
      const again = await commit(batch.id);
      expect(again.statusCode).toBe(202);
      expect(again.json<ImportCommitJob>().id).not.toBe(cancelled.json<ImportCommitJob>().id);
      await watch(batch.id, (j) => j.status === 'done');
      expect(await titled('取消')).toBe(12);
    });
  }
});
