// The queue that carries export jobs (their export_job id) to a process that runs them.
// PostgreSQL: pg-boss, in the database itself (schema pgboss): any process with
// EXPORT_WORKER=on takes jobs; a job whose process died is expired after
// EXPORT_JOB_EXPIRE_SECONDS and retried by another. Embedded PGlite: one process,
// so an in-process runner behind the same interface; jobs a previous start left
// unfinished are run again when it starts.
import type { FastifyBaseLogger } from 'fastify';
import type { JobSettings } from './settings.ts';

export const EXPORT_QUEUE = 'export';

export type JobHandler = (id: string, stop: AbortSignal) => Promise<void>;

export interface JobQueue {
  readonly kind: 'pg-boss' | 'in-process';
  /** Opens the queue; with a handler, this process runs jobs too. */
  start(handler?: JobHandler): Promise<void>;
  send(id: string): Promise<void>;
  /** Takes a queued job off the queue; a running one stops at its next progress write (export_job says cancelled). */
  cancel(id: string): Promise<void>;
  /** Stops taking jobs and ends the running ones of this process (they are run again: retry, or the next start). */
  stop(): Promise<void>;
}

export async function createPgBossQueue(connectionString: string, settings: JobSettings, log: FastifyBaseLogger): Promise<JobQueue> {
  const { default: PgBoss } = await import('pg-boss');
  const boss = new PgBoss({
    connectionString,
    max: 3,
    application_name: 'pufa-jobs',
    maintenanceIntervalSeconds: settings.maintenanceSeconds,
    monitorStateIntervalSeconds: Math.max(settings.maintenanceSeconds, 60),
    // The queue's own rows of finished jobs; the export's file and row are kept by export_job.
    deleteAfterDays: settings.retentionDays,
  });
  boss.on('error', (error) => log.warn({ err: error }, 'job queue error'));
  const running = new Map<string, AbortController>();
  const options = { name: EXPORT_QUEUE, expireInSeconds: settings.expireSeconds, retryLimit: settings.retryLimit, retryDelay: 0 };
  // Opened on first use: a process that only queues opens its connections when a job is started.
  let opened: Promise<void> | undefined;
  const open = () =>
    (opened ??= (async () => {
      await boss.start();
      await boss.createQueue(EXPORT_QUEUE, options);
      // createQueue keeps an existing queue's options: settings changed since are applied.
      await boss.updateQueue(EXPORT_QUEUE, options);
    })().catch(async (error: unknown) => {
      // The database away: the next use tries again.
      opened = undefined;
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      throw error;
    }));
  return {
    kind: 'pg-boss',
    async start(handler) {
      if (!handler) return;
      await open();
      await boss.work<{ id: string }>(EXPORT_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
        if (!job) return;
        const stop = new AbortController();
        running.set(job.data.id, stop);
        try {
          await handler(job.data.id, stop.signal);
        } finally {
          running.delete(job.data.id);
        }
      });
    },
    async send(id) {
      await open();
      await boss.send(EXPORT_QUEUE, { id }, { id });
    },
    async cancel(id) {
      // A running job sees the cancel at its next progress write (within a second), here or in another process.
      await open();
      await boss.cancel(EXPORT_QUEUE, id).catch((error: unknown) => log.warn({ err: error, job: id }, 'job queue: cancel failed'));
    },
    async stop() {
      for (const stop of running.values()) stop.abort();
      if (!opened) return;
      await opened.catch(() => undefined);
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
    },
  };
}

/** One job at a time in this process: PGlite's single connection is shared with the requests. */
export function createInProcessQueue(log: FastifyBaseLogger): JobQueue {
  const waiting: string[] = [];
  const running = new Map<string, AbortController>();
  let handler: JobHandler | undefined;
  let draining: Promise<void> | null = null;
  let stopped = false;

  const drain = async () => {
    while (!stopped && handler && waiting.length) {
      const id = waiting.shift()!;
      const stop = new AbortController();
      running.set(id, stop);
      try {
        await handler(id, stop.signal);
      } catch (error) {
        // Interrupted by stop(): the row stays running and the next start runs it again.
        if (!stop.signal.aborted) log.error({ err: error, job: id }, 'export job failed');
      } finally {
        running.delete(id);
      }
    }
  };
  const kick = () => {
    draining ??= drain().finally(() => {
      draining = null;
      if (!stopped && waiting.length) kick();
    });
  };
  return {
    kind: 'in-process',
    async start(work) {
      handler = work;
      kick();
    },
    async send(id) {
      if (!waiting.includes(id)) waiting.push(id);
      kick();
    },
    async cancel(id) {
      const at = waiting.indexOf(id);
      if (at >= 0) waiting.splice(at, 1); // a running one stops at its next progress write
    },
    async stop() {
      stopped = true;
      for (const stop of running.values()) stop.abort();
      await draining;
    },
  };
}
