// One run of an export job: claim it, write the export to a temporary file
// beside the file store (progress counted as the events go by), store the file,
// mark the job done. Stops when the job is cancelled or another run took it.
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { finished } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { Actor } from '@pufa/db';
import type { ExportJobKind } from '@pufa/domain';
import { countingEvents, prepareExport, type ExportParams } from '../exports/export-kinds.ts';
import type { JobSettings } from './settings.ts';
import type { ExportJobStore } from './export-job-store.ts';
import { exportOwner, JobRefusedError, jobErrorText } from './job-owner.ts';
import { trackJobProgress } from './job-progress.ts';

/** Where a job's file is kept in the file store: apart from evidence (the orphan report skips it). */
export const EXPORT_KEY_PREFIX = 'exports/';
export const exportStorageKey = (id: string) => `${EXPORT_KEY_PREFIX}${id}`;

/** The process is closing mid-job: the queue is told it failed, so that it runs the job again. */
export class JobInterruptedError extends Error {
  constructor() {
    super('export job interrupted: the process is closing');
    this.name = 'JobInterruptedError';
  }
}

type Claimed = NonNullable<Awaited<ReturnType<ExportJobStore['claim']>>>;

/** Runs a claimed export; `stop` ends it early (this process closing, or a cancel seen here). */
export async function runExportJob(app: FastifyInstance, { row, attempt }: Claimed, settings: JobSettings, stop?: AbortSignal): Promise<void> {
  const { id } = row;
  const progress = trackJobProgress(app, id, attempt, stop, 'export job');
  await mkdir(app.fileStore.spoolFolder, { recursive: true });
  const temporary = path.join(app.fileStore.spoolFolder, `export-${randomUUID()}`);
  try {
    const events = countingEvents(app.events, async (rows) => {
      progress.done += rows;
      if (settings.pauseMs) await sleep(settings.pauseMs);
    });
    // The owner as they are now: disabled, or no longer reaching the scope, fails here with no file made.
    const actor = await exportOwner(app, row.userId, row.actor as unknown as Actor);
    const prepared = await prepareExport(app, actor, row.kind as ExportJobKind, row.params as ExportParams<ExportJobKind>, events);
    progress.total = await prepared.total();
    await progress.report();
    const out = createWriteStream(temporary, { flags: 'wx', mode: 0o640 });
    await prepared.write(out, progress.signal);
    if (progress.signal.aborted) {
      out.destroy();
      if (stop?.aborted) throw new JobInterruptedError();
      return;
    }
    await finished(out);
    const bytes = (await stat(temporary)).size;
    const storageKey = exportStorageKey(id);
    await app.fileStore.put(storageKey, { original: { path: temporary, bytes, sha256: '' } });
    // Finished is all of it: the report's one document is counted here, the events' writers have counted theirs.
    const kept = await app.exportJobs.finish(id, attempt, { storageKey, bytes, fileName: prepared.fileName, done: Math.max(progress.done, progress.total) }, settings.retentionDays);
    if (!kept) await app.fileStore.remove(storageKey); // cancelled or taken over at the last moment: the other run stores its own
  } catch (error) {
    if (error instanceof JobInterruptedError) throw error;
    if (stop?.aborted) throw new JobInterruptedError(); // left running: run again (the queue's retry, or PGlite's next start)
    if (progress.signal.aborted) return; // cancelled, or another run has it
    if (error instanceof JobRefusedError) return void (await app.exportJobs.fail(id, attempt, jobErrorText(error.words)));
    app.log.error({ err: error, job: id }, 'export job failed');
    const message = error instanceof Error ? error.message : String(error);
    await app.exportJobs.fail(id, attempt, message);
  } finally {
    progress.end();
    await rm(temporary, { force: true });
  }
}
