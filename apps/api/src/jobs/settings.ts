// Settings of the export jobs, read from the environment in this one place.
import { EXPORT_RETENTION_DAYS, IMPORT_JOB_ROWS } from '@pufa/domain';

export interface JobSettings {
  /**
   * This process runs jobs as well as queueing them (the default). EXPORT_WORKER=off on API processes
   * when `npm run worker` runs beside them, so that no export is held in an API process's memory.
   * Embedded PGlite has one process: it always runs its jobs.
   */
  work: boolean;
  /** A job not finished this long after it started is taken as lost (its process died) and run again. */
  expireSeconds: number;
  /** How often the queue looks for lost jobs (pg-boss maintenance). */
  maintenanceSeconds: number;
  /** Runs of a job before it is given up (a process dying each time). */
  retryLimit: number;
  /** A finished job's file is kept this many days. */
  retentionDays: number;
  /** A pause after each batch of events: drills and tests watch a job half-way; 0 in use. */
  pauseMs: number;
  /** An import's commit of a file of more lines than this runs as a job; smaller ones commit in the request. */
  importJobRows: number;
}

/** A commit job writes its events in chunks of a quarter of the threshold (500 by default): progress moves at least four times. */
export const importJobChunk = (settings: Pick<JobSettings, 'importJobRows'>) => Math.max(1, Math.ceil(settings.importJobRows / 4));

function positive(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number of at least ${min}, not "${value}"`);
  return n;
}

export function jobSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): JobSettings {
  const worker = env.EXPORT_WORKER?.trim().toLowerCase() || 'on';
  if (worker !== 'on' && worker !== 'off') throw new Error(`EXPORT_WORKER must be "on" or "off", not "${env.EXPORT_WORKER}"`);
  return {
    work: worker === 'on',
    expireSeconds: positive('EXPORT_JOB_EXPIRE_SECONDS', env.EXPORT_JOB_EXPIRE_SECONDS, 900),
    maintenanceSeconds: positive('EXPORT_JOB_MAINTENANCE_SECONDS', env.EXPORT_JOB_MAINTENANCE_SECONDS, 30),
    retryLimit: positive('EXPORT_JOB_RETRIES', env.EXPORT_JOB_RETRIES, 3, 0),
    retentionDays: positive('EXPORT_RETENTION_DAYS', env.EXPORT_RETENTION_DAYS, EXPORT_RETENTION_DAYS),
    pauseMs: positive('EXPORT_JOB_PAUSE_MS', env.EXPORT_JOB_PAUSE_MS, 0, 0),
    importJobRows: positive('IMPORT_JOB_ROWS', env.IMPORT_JOB_ROWS, IMPORT_JOB_ROWS),
  };
}
