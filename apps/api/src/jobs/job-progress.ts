// What every kind of job does while it runs: count done of total, save it every
// PROGRESS_EVERY_MS, and stop when the process is closing or the job is no longer
// this run's (cancelled, or expired and taken over by another process).
import type { FastifyInstance } from 'fastify';

/** Progress is written, and cancellation looked for, this often. */
export const PROGRESS_EVERY_MS = 1_000;

export interface JobProgress {
  /** Aborted when `stop` fires or a save finds the job no longer this run's. */
  signal: AbortSignal;
  done: number;
  total: number;
  /** Saves the progress now (also done by the timer). */
  report(): Promise<void>;
  /** Ends the timer. */
  end(): void;
}

export function trackJobProgress(app: FastifyInstance, id: string, attempt: number, stop: AbortSignal | undefined, what: string): JobProgress {
  const abort = new AbortController();
  stop?.addEventListener('abort', () => abort.abort(), { once: true });
  const progress: JobProgress = {
    signal: abort.signal,
    done: 0,
    total: 0,
    async report() {
      if (abort.signal.aborted) return;
      // Rows saved after the count are written too (a job reads the data as it is then): never past 100 %.
      if (!(await app.exportJobs.progress(id, attempt, progress.done, Math.max(progress.done, progress.total)))) abort.abort();
    },
    end: () => clearInterval(timer),
  };
  const timer = setInterval(() => void progress.report().catch((error: unknown) => app.log.warn({ err: error, job: id }, `${what}: progress not saved`)), PROGRESS_EVERY_MS);
  return progress;
}
