// Exports for the annual report and the county bureau: the workbook, the
// ledger CSV, the report paragraph and its .docx. Every figure comes from the
// stats repository, the dashboard's own aggregation.
import { PassThrough, type Writable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AnnualReportSchema, ApiErrorSchema, EvidenceBookSchema, LedgerCsvQuerySchema, PeriodQuerySchema, type EvidenceBookJson, type ExportJobKind } from '@pufa/domain';
import { loadEvidenceBook, printedPhotos } from '../exports/evidence-book.ts';
import { ACCESS } from '../plugins/auth.ts';
import { attachment, CONTENT_TYPES, download } from '../file-download.ts';
import { loadAnnualReport } from '../exports/annual-data.ts';
import { PDF, prepareExport, ZIP, type ExportParams } from '../exports/export-kinds.ts';

const tags = ['exports'];
const errors = { 400: ApiErrorSchema };
const { xlsx: XLSX, docx: DOCX, csv: CSV } = CONTENT_TYPES;

/**
 * Sends a body written as it is made. Headers go first; a failure half-way
 * ends the download broken (the browser shows it failed) and is logged. A
 * client that goes away stops the writing at the next batch of events.
 */
function stream(request: FastifyRequest, reply: FastifyReply, write: (out: Writable, signal: AbortSignal) => Promise<void>) {
  const out = new PassThrough();
  const gone = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) gone.abort();
  });
  write(out, gone.signal).catch((error: unknown) => {
    if (gone.signal.aborted) return;
    request.log.error(error, 'export failed while streaming');
    out.destroy(error as Error);
  });
  return reply.send(out);
}

/** Loads an export (its 400s come before the download starts), then streams it. */
async function sendExport<K extends ExportJobKind>(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, kind: K, params: ExportParams<K>) {
  const prepared = await prepareExport(app, request.actor, kind, params);
  attachment(reply, prepared.contentType, prepared.fileName, prepared.asciiName);
  return stream(request, reply, prepared.write);
}

export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/exports/annual.xlsx',
    {
      config: { access: ACCESS.signedIn },
      schema: { operationId: 'exportAnnualWorkbook', tags, summary: 'The annual workbook: summary, months, villages, campaigns, 六进, departments, county roll-up, year-end check, ledger', querystring: PeriodQuerySchema, response: { 200: download(XLSX, 'The workbook, as an attachment'), ...errors } },
    },
    async (request, reply) => sendExport(app, request, reply, 'workbook', request.query),
  );

  app.get(
    '/api/exports/ledger.csv',
    { config: { access: ACCESS.signedIn }, schema: { operationId: 'exportLedgerCsv', tags, summary: 'The ledger as CSV (UTF-8 with BOM) for any filter of the event list', querystring: LedgerCsvQuerySchema, response: { 200: download(CSV, 'The ledger, as an attachment'), ...errors } } },
    async (request, reply) => sendExport(app, request, reply, 'ledger-csv', request.query),
  );

  app.get(
    '/api/reports/annual',
    {
      config: { access: ACCESS.signedIn },
      schema: { operationId: 'getAnnualReport', tags, summary: 'The figures of the annual report and ready-to-paste paragraphs (exact, rounded 余 style, English)', querystring: PeriodQuerySchema, response: { 200: AnnualReportSchema, ...errors } },
    },
    async (request) => (await loadAnnualReport(app, request.actor, request.query)).report,
  );

  app.get(
    '/api/reports/annual.docx',
    { config: { access: ACCESS.signedIn }, schema: { operationId: 'exportAnnualReportDocx', tags, summary: 'The report section as a Word document', querystring: PeriodQuerySchema, response: { 200: download(DOCX, 'The report, as an attachment'), ...errors } } },
    async (request, reply) => sendExport(app, request, reply, 'report-docx', request.query),
  );

  app.get(
    '/api/exports/evidence.zip',
    {
      config: { access: ACCESS.signedIn },
      schema: {
        operationId: 'exportEvidencePack',
        tags,
        summary: 'The evidence pack (佐证材料): the ledger workbook and one folder per event (date and title) with its files and captions.txt',
        description: 'Streamed as it is made; files are the originals byte for byte (their SHA-256 in captions.txt).',
        querystring: PeriodQuerySchema,
        response: { 200: download(ZIP, 'The pack, as an attachment'), ...errors },
      },
    },
    async (request, reply) => sendExport(app, request, reply, 'evidence-zip', request.query),
  );

  app.get(
    '/api/exports/evidence.pdf',
    {
      config: { access: ACCESS.signedIn },
      schema: {
        operationId: 'exportEvidenceBookPdf',
        tags,
        summary: '图文台账 as a PDF: each event on its own page with its figures and up to 4 photos, in date order, with page numbers and the office',
        description: 'Needs a Chinese font on the server (fonts-noto-cjk, or PDF_FONT): without one, 503 saying so.',
        querystring: PeriodQuerySchema,
        response: { 200: download(PDF, 'The book, as an attachment'), ...errors, 503: ApiErrorSchema },
      },
    },
    async (request, reply) => sendExport(app, request, reply, 'evidence-pdf', request.query),
  );

  app.get(
    '/api/reports/evidence',
    {
      config: { access: ACCESS.signedIn },
      schema: { operationId: 'getEvidenceBook', tags, summary: 'The 图文台账 of a period for the print page: events in date order with their figures and up to 4 photos', querystring: PeriodQuerySchema, response: { 200: EvidenceBookSchema, ...errors } },
    },
    async (request): Promise<EvidenceBookJson> => {
      const book = await loadEvidenceBook(app, request.actor, request.query);
      const events: EvidenceBookJson['events'] = [];
      for await (const batch of book.events()) {
        for (const entry of batch) {
          const { event } = entry;
          events.push({
            id: event.id, startDate: event.startDate, endDate: event.endDate, title: event.title, notes: event.notes, township: entry.township,
            figures: entry.figures, photos: printedPhotos(entry).map((p) => p.file), fileCount: entry.files.length,
          });
        }
      }
      const { figures } = book.data.report;
      return { unitName: book.data.unitName, unitNameEn: book.data.unitNameEn, from: book.data.from, to: book.data.to, totals: { activities: figures.activities, audience: figures.audience, leaflets: figures.leaflets }, events };
    },
  );
};
