// The queue's handler: takes the job (its attempt) if it is still to run, then
// runs it as what it is: an export (a file) or a large import's commit.
import type { FastifyInstance } from 'fastify';
import { IMPORT_COMMIT_KIND } from '@pufa/db';
import { runExportJob } from './run-export-job.ts';
import { runImportCommitJob } from './run-import-commit-job.ts';
import type { JobSettings } from './settings.ts';

export async function runJob(app: FastifyInstance, id: string, settings: JobSettings, stop?: AbortSignal): Promise<void> {
  const claimed = await app.exportJobs.claim(id);
  if (!claimed) return; // cancelled or done meanwhile
  if (claimed.row.kind === IMPORT_COMMIT_KIND) return runImportCommitJob(app, claimed, settings, stop);
  return runExportJob(app, claimed, settings, stop);
}
