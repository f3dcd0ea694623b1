// 「我的导出」: long exports started as background jobs, their progress, cancel,
// and the finished file (kept EXPORT_RETENTION_DAYS). A job is its owner's
// alone: anyone else gets 404, as for a job that does not exist.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiErrorSchema, ExportJobIdParamsSchema, ExportJobListSchema, ExportJobSchema, LedgerCsvQuerySchema, PeriodQuerySchema, type ExportJobKind } from '@pufa/domain';
import { ACCESS } from '../plugins/auth.ts';
import { attachment, download } from '../file-download.ts';
import { notFound } from '../http-errors.ts';
import { prepareExport, type ExportParams } from '../exports/export-kinds.ts';
import { toExportJob } from '../jobs/export-job-store.ts';

const tags = ['exports'];
const errors = { 400: ApiErrorSchema, 404: ApiErrorSchema };
const JOB = { zh: '导出任务', en: 'Export job' };

/** Each job kind takes its direct endpoint's query. */
const KINDS: { kind: ExportJobKind; query: z.ZodType; what: string; operationId: string }[] = [
  { kind: 'workbook', query: PeriodQuerySchema, what: 'the annual workbook (GET /api/exports/annual.xlsx)', operationId: 'startWorkbookJob' },
  { kind: 'ledger-csv', query: LedgerCsvQuerySchema, what: 'the ledger CSV (GET /api/exports/ledger.csv)', operationId: 'startLedgerCsvJob' },
  { kind: 'evidence-zip', query: PeriodQuerySchema, what: 'the evidence pack (GET /api/exports/evidence.zip)', operationId: 'startEvidencePackJob' },
  { kind: 'evidence-pdf', query: PeriodQuerySchema, what: 'the 图文台账 PDF (GET /api/exports/evidence.pdf)', operationId: 'startEvidencePdfJob' },
  { kind: 'report-docx', query: PeriodQuerySchema, what: 'the report as a Word document (GET /api/reports/annual.docx)', operationId: 'startReportDocxJob' },
];

export const exportJobRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const { kind, query, what, operationId } of KINDS) {
    app.post(
      `/api/export-jobs/${kind}`,
      {
        config: { access: ACCESS.signedIn },
        schema: {
          operationId, tags,
          summary: `Starts ${what} as a background job`,
          description: 'Checked like the direct export (400 before anything runs). The same export by the same user while one is queued or running answers that job (200) instead of a new one (202).',
          querystring: query,
          response: { 200: ExportJobSchema, 202: ExportJobSchema, ...errors, 503: ApiErrorSchema },
        },
      },
      async (request, reply) => {
        const params = request.query as ExportParams<ExportJobKind>;
        // Loading it here gives the 400s of a bad period or scope now, and the file's name for the list.
        const prepared = await prepareExport(app, request.actor, kind, params);
        const { row, created } = await app.exportJobs.start({ kind, params: params as Record<string, unknown>, userId: request.user!.id, actor: request.actor, fileName: prepared.fileName, contentType: prepared.contentType });
        if (created) await app.jobQueue.send(row.id);
        return reply.code(created ? 202 : 200).send(toExportJob(row));
      },
    );
  }

  app.get(
    '/api/export-jobs',
    { config: { access: ACCESS.signedIn }, schema: { operationId: 'listExportJobs', tags, summary: 'My exports: my jobs, newest first, until their files are removed', response: { 200: ExportJobListSchema } } },
    async (request) => ({ items: (await app.exportJobs.list(request.user!.id)).map(toExportJob) }),
  );

  app.get(
    '/api/export-jobs/:id',
    { config: { access: ACCESS.signedIn }, schema: { operationId: 'getExportJob', tags, summary: 'One of my export jobs: status and progress', params: ExportJobIdParamsSchema, response: { 200: ExportJobSchema, ...errors } } },
    async (request) => {
      const row = await app.exportJobs.get(request.user!.id, request.params.id);
      if (!row) throw notFound(JOB);
      return toExportJob(row);
    },
  );

  app.post(
    '/api/export-jobs/:id/cancel',
    { config: { access: ACCESS.signedIn }, schema: { operationId: 'cancelExportJob', tags, summary: 'Cancels a queued or running job (a finished one stays as it is)', params: ExportJobIdParamsSchema, response: { 200: ExportJobSchema, ...errors } } },
    async (request) => {
      const row = await app.exportJobs.cancel(request.user!.id, request.params.id);
      if (!row) throw notFound(JOB);
      if (row.status === 'cancelled') await app.jobQueue.cancel(row.id);
      return toExportJob(row);
    },
  );

  app.get(
    '/api/export-jobs/:id/file',
    {
      config: { access: ACCESS.signedIn },
      schema: { operationId: 'downloadExportJob', tags, summary: "A finished job's file", params: ExportJobIdParamsSchema, response: { 200: download('application/octet-stream', 'The export, as an attachment'), ...errors } },
    },
    async (request, reply) => {
      const row = await app.exportJobs.get(request.user!.id, request.params.id);
      if (!row || row.status !== 'done' || !row.storageKey) throw notFound(JOB);
      const ascii = `export-${row.id.slice(0, 8)}${row.fileName.match(/\.[a-z]+$/)?.[0] ?? ''}`;
      attachment(reply, row.contentType, row.fileName, ascii);
      if (row.bytes !== null) reply.header('content-length', String(row.bytes));
      return reply.send(app.fileStore.read(row.storageKey) as never); // a stream: not serialized
    },
  );
};
