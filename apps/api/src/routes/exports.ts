// Exports for the annual report and the county bureau: the workbook, the
// ledger CSV, the report paragraph and its .docx. Every figure comes from the
// stats repository, the dashboard's own aggregation.
import { PassThrough, type Writable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AnnualReportSchema, ApiErrorSchema, EvidenceBookSchema, isWholeYear, LedgerCsvQuerySchema, PeriodQuerySchema, type EvidenceBookJson } from '@pufa/domain';
import { HttpError } from '../http-errors.ts';
import { loadEvidenceBook, printedPhotos } from '../exports/evidence-book.ts';
import { findCjkFont, NO_CJK_FONT } from '../exports/cjk-font.ts';
import { ACCESS } from '../plugins/auth.ts';
import { attachment, CONTENT_TYPES, download } from '../file-download.ts';
import { loadAnnualReport, loadWorkbookData } from '../exports/annual-data.ts';
import { writeLedgerCsv } from '../exports/ledger-csv.ts';
import { createNames } from '../exports/scope-names.ts';

// ExcelJS and docx are loaded on the first export, not at start: ~30 MB an idle server does not need.
const loadWorkbookWriter = async () => (await import('../exports/annual-workbook.ts')).writeAnnualWorkbook;
const loadDocxWriter = async () => (await import('../exports/report-docx.ts')).annualReportDocx;
const loadZipWriter = async () => (await import('../exports/evidence-zip.ts')).writeEvidenceZip;
const loadPdfWriter = async () => (await import('../exports/evidence-pdf.ts')).writeEvidencePdf;

const tags = ['exports'];
const errors = { 400: ApiErrorSchema };
const { xlsx: XLSX, docx: DOCX, csv: CSV } = CONTENT_TYPES;
const ZIP = 'application/zip';
const PDF = 'application/pdf';

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

const periodName = (from: string, to: string) => (isWholeYear(from, to) ? from.slice(0, 4) : `${from}_${to}`);

/** 活动台账-东镇-2026.csv: the township (the filter's, or the user's only one) and the dates the filter names. */
function ledgerFileName(names: ReturnType<typeof createNames>, filter: { townshipId?: number | undefined; from?: string | undefined; to?: string | undefined }, lang: string | undefined): string {
  const townships = names.units.filter((u) => u.level === 'township');
  const unit = names.unit(filter.townshipId) ?? (townships.length === 1 ? townships[0] : undefined);
  const dates = filter.from && filter.to ? periodName(filter.from, filter.to) : filter.from || filter.to ? `${filter.from ?? ''}_${filter.to ?? ''}` : '';
  return [lang === 'en' ? 'ledger' : '活动台账', unit ? names.name(unit) : '', dates].filter(Boolean).join('-') + '.csv';
}

export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/exports/annual.xlsx',
    {
      config: { access: ACCESS.signedIn },
      schema: { operationId: 'exportAnnualWorkbook', tags, summary: 'The annual workbook: summary, months, villages, campaigns, 六进, departments, county roll-up, year-end check, ledger', querystring: PeriodQuerySchema, response: { 200: download(XLSX, 'The workbook, as an attachment'), ...errors } },
    },
    async (request, reply) => {
      const data = await loadWorkbookData(app, request.actor, request.query);
      const name = `${request.query.lang === 'en' ? 'legal-publicity' : '普法宣传统计'}-${request.query.lang === 'en' ? data.unitNameEn : data.unitName}-${periodName(data.from, data.to)}.xlsx`;
      attachment(reply, XLSX, name, `pufa-${periodName(data.from, data.to)}.xlsx`);
      return stream(request, reply, async (out, signal) => (await loadWorkbookWriter())(out, data, app.events, request.actor, request.query.lang, signal));
    },
  );

  app.get(
    '/api/exports/ledger.csv',
    { config: { access: ACCESS.signedIn }, schema: { operationId: 'exportLedgerCsv', tags, summary: 'The ledger as CSV (UTF-8 with BOM) for any filter of the event list', querystring: LedgerCsvQuerySchema, response: { 200: download(CSV, 'The ledger, as an attachment'), ...errors } } },
    async (request, reply) => {
      const { lang, ...filter } = request.query;
      await app.events.checkFilter(request.actor, filter); // a 400 must come before the download starts
      const names = createNames(await app.reference.get(request.actor), lang);
      attachment(reply, CSV, ledgerFileName(names, filter, lang), 'ledger.csv');
      return stream(request, reply, (out, signal) => writeLedgerCsv(out, app.events, request.actor, filter, names, lang, signal));
    },
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
    async (request, reply) => {
      const data = await loadAnnualReport(app, request.actor, request.query);
      const buffer = await (await loadDocxWriter())(data.report, request.query.lang);
      const name = `${request.query.lang === 'en' ? 'legal-publicity-report' : '法治宣传工作情况'}-${periodName(data.from, data.to)}.docx`;
      attachment(reply, DOCX, name, `pufa-report-${periodName(data.from, data.to)}.docx`);
      return reply.send(buffer as never); // a binary body: not serialized
    },
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
    async (request, reply) => {
      const [book, workbookData] = await Promise.all([loadEvidenceBook(app, request.actor, request.query), loadWorkbookData(app, request.actor, request.query)]);
      const { lang } = request.query;
      const unit = lang === 'en' ? book.data.unitNameEn : book.data.unitName;
      const period = periodName(book.data.from, book.data.to);
      const workbookName = `${lang === 'en' ? 'legal-publicity' : '普法宣传统计'}-${unit}-${period}.xlsx`;
      attachment(reply, ZIP, `${lang === 'en' ? 'evidence' : '佐证材料'}-${unit}-${period}.zip`, `evidence-${period}.zip`);
      return stream(request, reply, async (out, signal) => {
        const writeWorkbook = await loadWorkbookWriter();
        await (await loadZipWriter())(out, book, app.fileStore, (workbook, abort) => writeWorkbook(workbook, workbookData, app.events, request.actor, lang, abort), workbookName, signal);
      });
    },
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
    async (request, reply) => {
      const font = findCjkFont();
      if (!font) throw new HttpError(503, NO_CJK_FONT);
      const book = await loadEvidenceBook(app, request.actor, request.query);
      const { lang } = request.query;
      const unit = lang === 'en' ? book.data.unitNameEn : book.data.unitName;
      const period = periodName(book.data.from, book.data.to);
      attachment(reply, PDF, `${lang === 'en' ? 'evidence-book' : '图文台账'}-${unit}-${period}.pdf`, `evidence-book-${period}.pdf`);
      return stream(request, reply, async (out, signal) => (await loadPdfWriter())(out, book, app.fileStore, font, signal));
    },
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
