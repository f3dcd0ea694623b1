// One run of an import's commit as a job. The commit is the direct commit's own
// transaction (all or nothing, the period lock, duplicates, the township's turn),
// written in chunks so that the page sees rows committed of the total. The job
// is marked done inside that transaction: the events exist exactly when the job
// says done. A cancel, or another process taking the job over, makes the next
// chunk throw and the transaction roll back: nothing imported by this run.
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { ImportCommitJob } from '@pufa/domain';
import { CommitJobLostError, ImportRejectedError, InvalidReferencesError } from '@pufa/db';
import type { ExportJobStore } from './export-job-store.ts';
import { importOwner, JobRefusedError, jobErrorText, OWNER_WORDS } from './job-owner.ts';
import { importJobChunk, type JobSettings } from './settings.ts';
import { JobInterruptedError } from './run-export-job.ts';
import { trackJobProgress } from './job-progress.ts';

type Claimed = NonNullable<Awaited<ReturnType<ExportJobStore['claim']>>>;

/**
 * The commits this process is running, by batch, with their township (for the scope check) and
 * progress. The page's progress request is answered from here first: on embedded PGlite the one
 * connection belongs to the commit's transaction until it ends, and a request to the database
 * would wait for it (on PostgreSQL the row's progress would do as well).
 */
export type LiveImportCommits = Map<number, { townshipId: number; job: ImportCommitJob }>;

export async function runImportCommitJob(app: FastifyInstance, { row, attempt }: Claimed, settings: JobSettings, stop?: AbortSignal): Promise<void> {
  const { id } = row;
  const { batchId, townshipId } = row.params as { batchId: number; townshipId: number };
  const live: ImportCommitJob = { id, batchId, status: 'running', done: 0, total: 0, error: null, createdAt: row.createdAt.toISOString(), finishedAt: null, result: null };
  app.liveImportCommits.set(batchId, { townshipId, job: live });
  // Progress goes through the pool, beside the commit's transaction (on PGlite's one connection it waits for the commit).
  const progress = trackJobProgress(app, id, attempt, stop, 'import commit job');
  try {
    const actor = await importOwner(app, row.userId);
    const now = new Date();
    const result = await app.imports.commit(actor, batchId, now, {
      id,
      attempt,
      chunkSize: importJobChunk(settings),
      expiresAt: new Date(now.getTime() + settings.retentionDays * 86_400_000),
      onTotal: (rows) => {
        progress.total = rows;
        live.total = rows;
      },
      afterChunk: async (written) => {
        progress.done += written;
        live.done = progress.done;
        if (settings.pauseMs) await sleep(settings.pauseMs);
        if (progress.signal.aborted) throw new CommitJobLostError(); // cancelled or taken over: roll back
      },
    });
    // The batch is not in the owner's scope any more (moved to another county, say): nothing was imported.
    if (!result) throw new JobRefusedError(OWNER_WORDS.scopeLost('import'));
  } catch (error) {
    if (stop?.aborted) throw new JobInterruptedError(); // rolled back; run again (the queue's retry, or PGlite's next start)
    if (progress.signal.aborted || error instanceof CommitJobLostError) return; // cancelled, or another run has it
    const words = error instanceof JobRefusedError || error instanceof ImportRejectedError ? error.words
      : error instanceof InvalidReferencesError ? { zh: '导入的数据引用了已不存在的项目，请重新检查预览', en: 'The import names something that no longer exists: check the preview again' }
      : null;
    if (!words) app.log.error({ err: error, job: id }, 'import commit job failed');
    await app.exportJobs.fail(id, attempt, words ? jobErrorText(words) : error instanceof Error ? error.message : String(error));
  } finally {
    progress.end();
    if (app.liveImportCommits.get(batchId)?.job === live) app.liveImportCommits.delete(batchId);
  }
}
