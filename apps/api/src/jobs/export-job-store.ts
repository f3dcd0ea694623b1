// The export_job rows: a user's jobs, their progress and their files. Every
// write by a running job names its attempt, so a run that lost its job (the
// queue gave it to another process after a timeout, or the user cancelled it)
// changes nothing and learns that it should stop.
import { createHash, randomUUID } from 'node:crypto';
import { IMPORT_COMMIT_KIND, type Actor, type Database } from '@pufa/db';
import type { ExportJob, ExportJobKind, ExportJobStatus } from '@pufa/domain';

type Row = NonNullable<Awaited<ReturnType<Database['prisma']['exportJob']['findUnique']>>>;

const LIVE: ExportJobStatus[] = ['queued', 'running'];

export const toExportJob = (row: Row): ExportJob => ({
  id: row.id,
  kind: row.kind as ExportJobKind,
  status: row.status as ExportJobStatus,
  done: row.done,
  total: row.total,
  fileName: row.fileName,
  bytes: row.bytes === null ? null : Number(row.bytes),
  error: row.error,
  createdAt: row.createdAt.toISOString(),
  finishedAt: row.finishedAt?.toISOString() ?? null,
  expiresAt: row.expiresAt?.toISOString() ?? null,
});

/** The same export asked for again: key order and absent options do not matter. */
export function paramsKey(kind: ExportJobKind, params: Record<string, unknown>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(JSON.stringify([kind, entries])).digest('hex');
}

export interface NewExportJob {
  userId: number;
  kind: ExportJobKind;
  params: Record<string, unknown>;
  actor: Actor;
  fileName: string;
  contentType: string;
}

export function createExportJobStore({ prisma }: Pick<Database, 'prisma'>) {
  return {
    /** A new queued job, or the user's same export still queued or running (then `created` is false). */
    async start(job: NewExportJob): Promise<{ row: Row; created: boolean }> {
      const key = paramsKey(job.kind, job.params);
      // Two identical requests at the same instant (a double click, a retry) must find one job:
      // the look-up and the insert are serialised per user and request by a transaction lock.
      return prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${job.userId}::int, hashtext(${key}))`;
        const running = await tx.exportJob.findFirst({ where: { userId: job.userId, paramsKey: key, status: { in: LIVE } }, orderBy: { createdAt: 'desc' } });
        if (running) return { row: running, created: false };
        const row = await tx.exportJob.create({
          data: {
            id: randomUUID(), userId: job.userId, kind: job.kind, params: job.params as object, actor: job.actor as unknown as object,
            paramsKey: key, fileName: job.fileName, contentType: job.contentType,
          },
        });
        return { row, created: true };
      });
    },

    /** The user's jobs, newest first (finished ones until their files are removed). Import commits are the import page's. */
    list: (userId: number) => prisma.exportJob.findMany({ where: { userId, kind: { not: IMPORT_COMMIT_KIND } }, orderBy: { createdAt: 'desc' }, take: 100 }),

    /** null for another user's job (or an import's commit): the routes answer 404, as for a job that does not exist. */
    get: (userId: number, id: string) => prisma.exportJob.findFirst({ where: { id, userId, kind: { not: IMPORT_COMMIT_KIND } } }),

    /** Cancels a queued or running export; a finished one stays as it is. */
    async cancel(userId: number, id: string): Promise<Row | null> {
      const mine = { id, userId, kind: { not: IMPORT_COMMIT_KIND } };
      await prisma.exportJob.updateMany({ where: { ...mine, status: { in: LIVE } }, data: { status: 'cancelled', finishedAt: new Date(), updatedAt: new Date() } });
      return prisma.exportJob.findFirst({ where: mine });
    },

    /** A run takes the job: its attempt number, or null when the job is finished or cancelled. */
    async claim(id: string): Promise<{ row: Row; attempt: number } | null> {
      const rows = await prisma.$queryRaw<{ attempt: number }[]>`
        UPDATE export_job SET status = 'running', attempt = attempt + 1, done = 0, updated_at = now()
        WHERE id = ${id}::uuid AND status IN ('queued', 'running') RETURNING attempt`;
      if (!rows[0]) return null;
      const row = await prisma.exportJob.findUniqueOrThrow({ where: { id } });
      return { row, attempt: rows[0].attempt };
    },

    /** Records progress; false when the run no longer holds the job (cancelled, or taken over). */
    async progress(id: string, attempt: number, done: number, total: number): Promise<boolean> {
      const { count } = await prisma.exportJob.updateMany({ where: { id, attempt, status: 'running' }, data: { done, total, updatedAt: new Date() } });
      return count === 1;
    },

    async finish(id: string, attempt: number, file: { storageKey: string; bytes: number; fileName: string; done: number }, retentionDays: number): Promise<boolean> {
      const now = new Date();
      const { count } = await prisma.exportJob.updateMany({
        where: { id, attempt, status: 'running' },
        data: { status: 'done', storageKey: file.storageKey, bytes: file.bytes, fileName: file.fileName, done: file.done, total: file.done, finishedAt: now, updatedAt: now, expiresAt: new Date(now.getTime() + retentionDays * 86_400_000) },
      });
      return count === 1;
    },

    async fail(id: string, attempt: number, message: string): Promise<void> {
      const now = new Date();
      await prisma.exportJob.updateMany({ where: { id, attempt, status: 'running' }, data: { status: 'failed', error: message.slice(0, 500), finishedAt: now, updatedAt: now } });
    },

    /** Jobs still to run: on PGlite's single process, those a previous start left behind. */
    unfinished: async () => (await prisma.exportJob.findMany({ where: { status: { in: LIVE } }, select: { id: true }, orderBy: { createdAt: 'asc' } })).map((r) => r.id),

    /**
     * Jobs past their keeping: finished ones whose file's days are over, and failed or cancelled ones
     * older than the retention. Returned with their storage keys; the caller removes files, then rows.
     */
    expired: (retentionDays: number, now = new Date()) =>
      prisma.exportJob.findMany({
        where: { OR: [{ expiresAt: { lt: now } }, { status: { in: ['failed', 'cancelled'] }, createdAt: { lt: new Date(now.getTime() - retentionDays * 86_400_000) } }] },
        select: { id: true, storageKey: true },
        take: 500,
      }),
    remove: (ids: string[]) => prisma.exportJob.deleteMany({ where: { id: { in: ids } } }),
  };
}

export type ExportJobStore = ReturnType<typeof createExportJobStore>;
