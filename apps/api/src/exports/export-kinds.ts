// The long exports, one shape each: what to load (and refuse with a 400) before
// anything is written, the file's name, how many events it writes, and the
// writer. The direct download endpoints and the background jobs both go
// through here, so a job's file is byte for byte what the endpoint sends.
import type { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { InvalidReferencesError, type Actor, type EventRepository } from '@pufa/db';
import { fieldError, isUpperLevel, isWholeYear, REFERENCE_MESSAGES, type ExportJobKind, type LedgerCsvQuery, type OrgUnitNode, type PeriodQuery } from '@pufa/domain';
import { HttpError } from '../http-errors.ts';
import { CONTENT_TYPES } from '../file-download.ts';
import { loadAnnualReport, loadWorkbookData } from './annual-data.ts';
import { loadEvidenceBook } from './evidence-book.ts';
import { findCjkFont, NO_CJK_FONT } from './cjk-font.ts';
import { writeLedgerCsv } from './ledger-csv.ts';
import { createNames, type Names } from './scope-names.ts';

// ExcelJS, archiver and pdfkit are loaded on the first export, not at start: memory an idle server does not need.
const loadWorkbookWriter = async () => (await import('./annual-workbook.ts')).writeAnnualWorkbook;
const loadZipWriter = async () => (await import('./evidence-zip.ts')).writeEvidenceZip;
const loadPdfWriter = async () => (await import('./evidence-pdf.ts')).writeEvidencePdf;
const loadDocxWriter = async () => (await import('./report-docx.ts')).annualReportDocx;

export const ZIP = 'application/zip';
export const PDF = 'application/pdf';

export type ExportParams<K extends ExportJobKind> = K extends 'ledger-csv' ? LedgerCsvQuery : PeriodQuery;

export interface PreparedExport {
  fileName: string;
  /** The name for clients that cannot read a UTF-8 file name. */
  asciiName: string;
  contentType: string;
  /** How many events the writer goes through (a pack goes through them twice: workbook, then folders); the report counts its one document. */
  total: () => Promise<number>;
  write: (out: Writable, signal: AbortSignal) => Promise<void>;
}

/** 2026 for a whole year, else 2026-01-01_2026-03-31: the period in a file's name. */
export const periodName = (from: string, to: string) => (isWholeYear(from, to) ? from.slice(0, 4) : `${from}_${to}`);

/** 活动台账-东镇-2026.csv: the unit (the org unit asked for, the filter's township, or the user's only one) and the dates the filter names. */
function ledgerFileName(names: Names, filter: { townshipId?: number | undefined; from?: string | undefined; to?: string | undefined }, lang: string | undefined, orgUnit?: OrgUnitNode): string {
  const townships = names.units.filter((u) => u.level === 'township');
  const unit = orgUnit ?? names.unit(filter.townshipId) ?? (townships.length === 1 ? townships[0] : undefined);
  const dates = filter.from && filter.to ? periodName(filter.from, filter.to) : filter.from || filter.to ? `${filter.from ?? ''}_${filter.to ?? ''}` : '';
  return [lang === 'en' ? 'ledger' : '活动台账', unit ? names.name(unit) : '', dates].filter(Boolean).join('-') + '.csv';
}

const townshipsBelow = (unit: OrgUnitNode): number[] => (unit.level === 'township' ? [unit.id] : unit.children.flatMap(townshipsBelow));

/**
 * The ledger's org unit: a county, city or province the user may choose (their own or one below
 * it, checked as /api/stats checks it: 400 on orgUnitId otherwise). A township or a village is
 * named with the list's own filters (townshipId, villageId).
 */
async function unitOfLedger(app: FastifyInstance, actor: Actor, names: Names, orgUnitId: number): Promise<OrgUnitNode> {
  const unit = names.unit(orgUnitId);
  const refuse = () => new InvalidReferencesError([fieldError(['orgUnitId'], REFERENCE_MESSAGES.unknownIds([orgUnitId]))]);
  if (!unit || !isUpperLevel(unit.level)) throw refuse();
  // The stats' scope check with no breakdown reads nothing but the unit.
  await app.stats.statsByGroups(actor, { from: '', to: '', orgUnitId }, []);
  return unit;
}

/** The event repository with every batch it yields counted (a job's progress); the writers see no difference. */
export function countingEvents(events: EventRepository, onRows: (rows: number) => void | Promise<void>): EventRepository {
  return {
    ...events,
    async *iterate(actor, filter, batchSize) {
      for await (const batch of events.iterate(actor, filter, batchSize)) {
        yield batch;
        await onRows(batch.length);
      }
    },
  };
}

/**
 * Loads what an export needs and answers how to write it; throws the endpoint's 400s (period,
 * filter, scope) and 503 (no CJK font for the PDF) before anything is written. `events` replaces
 * the app's repository for the writing (a job counts rows through it).
 */
export async function prepareExport<K extends ExportJobKind>(app: FastifyInstance, actor: Actor, kind: K, params: ExportParams<K>, events: EventRepository = app.events): Promise<PreparedExport> {
  // The app with the counted repository in place of its own: the loaders read app.events.
  const view: FastifyInstance = events === app.events ? app : (Object.create(app, { events: { value: events } }) as FastifyInstance);
  const count = (filter: Parameters<EventRepository['totals']>[1], as: Actor = actor) => async () => (await app.events.totals(as, filter)).activities;
  switch (kind) {
    case 'ledger-csv': {
      const { lang, orgUnitId, ...filter } = params as LedgerCsvQuery;
      await app.events.checkFilter(actor, filter);
      const names = createNames(await app.reference.get(actor), lang);
      const unit = orgUnitId === undefined ? undefined : await unitOfLedger(app, actor, names, orgUnitId);
      // A county, city or province: the same filter over the townships below it (the user's scope narrowed, as for approved figures).
      const as: Actor = unit ? { ...actor, townshipIds: townshipsBelow(unit).filter((id) => actor.townshipIds === 'all' || actor.townshipIds.includes(id)) } : actor;
      return {
        fileName: ledgerFileName(names, filter, lang, unit), asciiName: 'ledger.csv', contentType: CONTENT_TYPES.csv,
        total: count(filter, as),
        write: (out, signal) => writeLedgerCsv(out, events, as, filter, names, lang, signal),
      };
    }
    case 'workbook': {
      const query = params as PeriodQuery;
      const data = await loadWorkbookData(app, actor, query);
      const period = periodName(data.from, data.to);
      const ledgerActor = data.approval ? { ...actor, townshipIds: data.approval.approvedIds } : actor;
      return {
        fileName: `${query.lang === 'en' ? 'legal-publicity' : '普法宣传统计'}-${query.lang === 'en' ? data.unitNameEn : data.unitName}-${period}.xlsx`,
        asciiName: `pufa-${period}.xlsx`, contentType: CONTENT_TYPES.xlsx,
        // Above the county the workbook lists no events (its finest rows are townships): nothing to count.
        total: data.rollUp ? async () => 0 : count(data.ledgerFilter, ledgerActor),
        write: async (out, signal) => (await loadWorkbookWriter())(out, data, events, actor, query.lang, signal),
      };
    }
    case 'evidence-zip': {
      const query = params as PeriodQuery;
      const [book, workbookData] = await Promise.all([loadEvidenceBook(view, actor, query), loadWorkbookData(app, actor, query)]);
      const { lang } = query;
      const unit = lang === 'en' ? book.data.unitNameEn : book.data.unitName;
      const period = periodName(book.data.from, book.data.to);
      const workbookName = `${lang === 'en' ? 'legal-publicity' : '普法宣传统计'}-${unit}-${period}.xlsx`;
      const ledgerActor = workbookData.approval ? { ...actor, townshipIds: workbookData.approval.approvedIds } : actor;
      return {
        fileName: `${lang === 'en' ? 'evidence' : '佐证材料'}-${unit}-${period}.zip`, asciiName: `evidence-${period}.zip`, contentType: ZIP,
        total: async () => (workbookData.rollUp ? 0 : await count(workbookData.ledgerFilter, ledgerActor)()) + (await count(book.data.ledgerFilter)()),
        write: async (out, signal) => {
          const writeWorkbook = await loadWorkbookWriter();
          await (await loadZipWriter())(out, book, app.fileStore, (workbook, abort) => writeWorkbook(workbook, workbookData, events, actor, lang, abort), workbookName, signal);
        },
      };
    }
    case 'report-docx': {
      // Figures only (the dashboard's aggregation): no event is read one by one, so its progress is the one document.
      const query = params as PeriodQuery;
      const data = await loadAnnualReport(app, actor, query);
      const period = periodName(data.from, data.to);
      return {
        fileName: `${query.lang === 'en' ? 'legal-publicity-report' : '法治宣传工作情况'}-${period}.docx`, asciiName: `pufa-report-${period}.docx`, contentType: CONTENT_TYPES.docx,
        total: async () => 1,
        write: async (out, signal) => {
          const buffer = await (await loadDocxWriter())(data.report, query.lang);
          if (!signal.aborted) out.end(buffer);
        },
      };
    }
    case 'evidence-pdf': {
      const font = findCjkFont();
      if (!font) throw new HttpError(503, NO_CJK_FONT);
      const query = params as PeriodQuery;
      const book = await loadEvidenceBook(view, actor, query);
      const unit = query.lang === 'en' ? book.data.unitNameEn : book.data.unitName;
      const period = periodName(book.data.from, book.data.to);
      return {
        fileName: `${query.lang === 'en' ? 'evidence-book' : '图文台账'}-${unit}-${period}.pdf`, asciiName: `evidence-book-${period}.pdf`, contentType: PDF,
        total: count(book.data.ledgerFilter),
        write: async (out, signal) => (await loadPdfWriter())(out, book, app.fileStore, font, signal),
      };
    }
  }
  throw new Error(`unknown export kind ${String(kind)}`);
}
