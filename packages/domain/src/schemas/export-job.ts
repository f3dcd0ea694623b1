// Long exports as background jobs (「我的导出」): what a job is, as the API answers it.
import { z } from 'zod';

/** The exports that can run as a job; each takes the query of its direct endpoint. */
export const EXPORT_JOB_KINDS = ['workbook', 'ledger-csv', 'evidence-zip', 'evidence-pdf', 'report-docx'] as const;
export type ExportJobKind = (typeof EXPORT_JOB_KINDS)[number];

export const EXPORT_JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type ExportJobStatus = (typeof EXPORT_JOB_STATUSES)[number];

/** A finished job's file is kept this many days (EXPORT_RETENTION_DAYS on the server), then removed. */
export const EXPORT_RETENTION_DAYS = 7;

export const ExportJobSchema = z
  .object({
    id: z.string(),
    kind: z.enum(EXPORT_JOB_KINDS),
    status: z.enum(EXPORT_JOB_STATUSES),
    /** Events written so far, of `total` (0 of 0 until the worker has counted them); the report .docx counts its one document. */
    done: z.number().int(),
    total: z.number().int(),
    fileName: z.string(),
    bytes: z.number().int().nullable(),
    /** Why it failed; a refusal of the job's owner is in both languages, Chinese then English on a second line (jobErrorIn). */
    error: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    /** When the file is removed. */
    expiresAt: z.string().nullable(),
  })
  .meta({ id: 'ExportJob' });
export type ExportJob = z.infer<typeof ExportJobSchema>;

export const ExportJobListSchema = z.object({ items: z.array(ExportJobSchema) }).meta({ id: 'ExportJobList' });
export type ExportJobList = z.infer<typeof ExportJobListSchema>;

export const ExportJobIdParamsSchema = z.strictObject({ id: z.uuid() });

/** A job's progress in percent: 0 until counted, 100 once done. */
export function exportJobPercent(job: Pick<ExportJob, 'status' | 'done' | 'total'>): number {
  if (job.status === 'done') return 100;
  if (job.total <= 0) return 0;
  return Math.min(99, Math.floor((job.done / job.total) * 100));
}

/** A job's error in the page's language: the Chinese line, or the English one when there is one and the page is in English. */
export function jobErrorIn(error: string, language: string): string {
  const [zh, en] = error.split('\n');
  return language.toLowerCase().startsWith('en') && en ? en : (zh ?? error);
}
