// Background jobs (exports, large import commits): their rows (app.exportJobs), the queue (app.jobQueue) and, when this
// process works jobs, the runner and the retention sweep. See jobs/queue.ts.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { createExportJobStore, type ExportJobStore } from '../jobs/export-job-store.ts';
import { createInProcessQueue, createPgBossQueue, type JobQueue } from '../jobs/queue.ts';
import { runJob } from '../jobs/run-job.ts';
import type { LiveImportCommits } from '../jobs/run-import-commit-job.ts';
import type { JobSettings } from '../jobs/settings.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Import commits this process is running, by batch: their progress as the page reads it (jobs/run-import-commit-job.ts). */
    liveImportCommits: LiveImportCommits;
    exportJobs: ExportJobStore;
    jobQueue: JobQueue;
    jobSettings: JobSettings;
  }
}

/** Removes results past their days: the file first, so a row never names a missing file. Returns how many. */
export async function sweepExpiredExports(app: FastifyInstance, retentionDays: number, now = new Date()): Promise<number> {
  const expired = await app.exportJobs.expired(retentionDays, now);
  for (const job of expired) if (job.storageKey) await app.fileStore.remove(job.storageKey);
  if (expired.length) await app.exportJobs.remove(expired.map((job) => job.id));
  return expired.length;
}

/** Expired results are looked for this often (and at start). */
const SWEEP_EVERY_MS = 3_600_000;

export const jobsPlugin = fp(
  async (app, { settings }: { settings: JobSettings }) => {
    app.decorate('exportJobs', createExportJobStore(app.db));
    app.decorate('liveImportCommits', new Map() as LiveImportCommits);
    app.decorate('jobSettings', settings);
    const { connectionString } = app.db;
    const queue = connectionString ? await createPgBossQueue(connectionString, settings, app.log) : createInProcessQueue(app.log);
    app.decorate('jobQueue', queue);
    // PGlite's one process always runs its jobs; on PostgreSQL EXPORT_WORKER=off leaves them to `npm run worker`.
    const works = settings.work || queue.kind === 'in-process';

    const sweep = () => sweepExpiredExports(app, settings.retentionDays);
    let timer: NodeJS.Timeout | undefined;

    let retry: NodeJS.Timeout | undefined;
    /** Starts taking jobs; while the database is away the app serves (503s) and this tries again. */
    const startWorking = async (): Promise<boolean> => {
      try {
        await queue.start((id, stop) => runJob(app, id, settings, stop));
        return true;
      } catch (error) {
        app.log.warn({ err: error }, 'export jobs: the queue did not start; trying again in 30 s');
        retry = setTimeout(() => void startWorking().then((started) => (started ? afterStart() : undefined)), 30_000);
        retry.unref();
        return false;
      }
    };

    app.addHook('onReady', async () => {
      if (!works) return;
      if (await startWorking()) await afterStart();
    });
    async function afterStart() {
      // What a previous start of this single process left unfinished runs again (a failure here is logged: the app still serves).
      if (queue.kind === 'in-process') {
        await app.exportJobs.unfinished().then(
          async (ids) => { for (const id of ids) await queue.send(id); },
          (error: unknown) => app.log.warn({ err: error }, 'export jobs: unfinished jobs not requeued'),
        );
      }
      const runSweep = () => void sweep().catch((error: unknown) => app.log.warn({ err: error }, 'export results: sweep failed'));
      runSweep();
      timer = setInterval(runSweep, SWEEP_EVERY_MS);
      timer.unref();
    }
    app.addHook('onClose', async () => {
      clearTimeout(retry);
      clearInterval(timer);
      await queue.stop();
    });
  },
  { name: 'jobs', dependencies: ['repositories'] },
);
