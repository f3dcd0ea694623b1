// One pass over the sheets of an uploaded ledger: find each sheet's header,
// map its columns, read every row into the event it would become, and mark
// every problem and every interpretation on its cell. Pure: the API gives it
// the file's cells, the office's catalogs and the keys of existing events.
import { EventCreateSchema, type EventCreate } from '../schemas/event.ts';
import type { ImportCellIssue, ImportEventPreview, ImportRow, ImportSheetSummary, ImportSummary, ImportTotalCheck } from '../schemas/import.ts';
import { describeIssues, type Bilingual } from '../validation-messages.ts';
import { lockingPeriod, periodLockedMessage, type PeriodStatus } from '../submissions.ts';
import { createCampaignGuesser, type GuessableCampaign } from './campaign-guess.ts';
import { checkColumnContents } from './column-contents.ts';
import {
  guessMapping,
  HEADER_SEARCH_ROWS,
  headerKey,
  headerScore,
  IMPORT_FIELD_LABELS,
  materialIdOf,
  MIN_HEADER_SCORE,
  type ImportBaseField,
  type ImportField,
  type MaterialTypeLike,
} from './columns.ts';
import { parseLedgerDate } from './dates.ts';
import { matchName, matchNameList, matchVillages, type NamedEntry, type NameListMatch } from './matching.ts';
import { parseQuantity } from './numbers.ts';
import { cellText, interpretation, normalizeText, type Interpretation } from './text.ts';

export type ImportCell = string | number | boolean | null;

export interface ImportSheetRow {
  /** 1-based, as the spreadsheet shows it. */
  number: number;
  cells: ImportCell[];
  /** Columns whose value is a formula's saved result (never evaluated here). */
  formulas?: number[];
}

export interface ImportSheet {
  name: string;
  rows: ImportSheetRow[];
  /** Every cell is text (a CSV): a plain number's text is the number a spreadsheet makes of it. */
  textOnly?: boolean;
}

export interface ImportCatalogs {
  townshipId: number;
  villages: readonly NamedEntry[];
  departments: readonly NamedEntry[];
  campaigns: readonly GuessableCampaign[];
  materialTypes: readonly MaterialTypeLike[];
  forms: readonly NamedEntry[];
  laws: readonly NamedEntry[];
  targetGroups: readonly NamedEntry[];
  sixInto: readonly { code: string; name: string }[];
}

export interface ImportSettings {
  mapping: Readonly<Record<string, ImportField>>;
  year: number | null;
  excludedRows: readonly string[];
  keepDuplicateRows: readonly string[];
  cellEdits: Readonly<Record<string, Readonly<Record<string, string>>>>;
  aliases: { villages?: Readonly<Record<string, number>>; departments?: Readonly<Record<string, number | null>> };
}

export const EMPTY_IMPORT_SETTINGS: ImportSettings = { mapping: {}, year: null, excludedRows: [], keepDuplicateRows: [], cellEdits: {}, aliases: {} };

export interface ImportAnalysis {
  sheets: ImportSheetSummary[];
  rows: ImportRow[];
  summary: ImportSummary;
  /** The events of the rows to create, in file order, with their row ids. */
  toCreate: { rowId: string; event: EventCreate }[];
}

/** Same day, same title (spacing and width aside), same township: the same event. */
export const duplicateKey = (startDate: string, title: string) => `${startDate}|${normalizeText(title)}`;

const TOTAL_ROW = /^(?:合计|总计|小计|共计|累计|总数)/;
/** The totals of the whole sheet (not a 小计 of one month): what the paper ledger reports. */
const GRAND_TOTAL_ROW = /^(?:合计|总计|共计|总数)/;
const NOTE_ROW = /^(?:注|备注|说明|填表说明|制表|填表人|审核人)[:：]?/;

function yearIn(text: string): number | null {
  const match = /((?:19|20)\d{2})\s*年?/.exec(text.normalize('NFKC'));
  return match ? Number(match[1]) : null;
}

const isBlank = (cell: ImportCell | undefined) => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

/** The row, among the first ones, that reads best as a header; null when none reads well enough. */
function findHeader(sheet: ImportSheet, materialTypes: readonly MaterialTypeLike[]): number | null {
  let bestIndex: number | null = null;
  let bestScore = MIN_HEADER_SCORE - 1;
  sheet.rows.slice(0, HEADER_SEARCH_ROWS).forEach((row, index) => {
    const score = headerScore(row.cells, materialTypes);
    if (score > bestScore) [bestIndex, bestScore] = [index, score];
  });
  return bestIndex;
}

const label = (field: string, catalogs: ImportCatalogs): Bilingual => {
  const materialId = materialIdOf(field);
  if (materialId !== null) {
    const type = catalogs.materialTypes.find((t) => t.id === materialId);
    return { zh: type ? `${type.name}（${type.unit}）` : '资料', en: type ? (type.nameEn ?? type.name) : 'Material' };
  }
  return IMPORT_FIELD_LABELS[field as ImportBaseField] ?? { zh: field, en: field };
};

const issue = (field: string, catalogs: ImportCatalogs, words: Bilingual, extra: Partial<ImportCellIssue> = {}): ImportCellIssue => {
  const name = label(field, catalogs);
  return { field, message: `${name.zh}：${words.zh}`, messageEn: `${name.en}: ${words.en}`, ...extra };
};

/** Names split into entries, so "咨询台/摆摊" is found as either. */
const expandNames = (entries: readonly NamedEntry[]): NamedEntry[] =>
  entries.flatMap((e) => e.name.split('/').filter(Boolean).map((name) => ({ id: e.id, name })));

/** The rows of a file read and judged, before duplicates are looked for (they need the ledger). */
export interface ImportReading {
  sheets: ImportSheetSummary[];
  rows: ImportRow[];
  /** The event of each row that is valid so far, by row id. */
  valid: Map<string, EventCreate>;
  /** Each quantity of each 合计 row, with the file's cells of the rows it sums. */
  totals: PendingTotal[];
}

/** One quantity of a 合计 row, before it is compared with what is imported (that needs the duplicates). */
export interface PendingTotal {
  sheetIndex: number;
  rowNumber: number;
  field: ImportField;
  fileTotal: number;
  /** The sheet's cells are all text (CSV): "300" counts as Excel would count the number 300. */
  textOnly: boolean;
  /** What is counted, and its unit in Chinese messages: 宣传资料 in 份, 受众 in 人次. */
  name: Bilingual;
  unit: string;
  /** The data rows above it, each with the file's own cell of the column. */
  rows: { id: string; rowNumber: number; raw: ImportCell }[];
}

interface SheetLine {
  row: ImportSheetRow;
  cellTexts: string[];
  rawTexts: string[];
  kind: 'data' | 'note' | 'total' | 'grandTotal';
}

const isQuantityField = (field: ImportField) => field === 'audience' || field === 'consultations' || materialIdOf(field) !== null;

export function analyzeImport(
  sheets: readonly ImportSheet[],
  settings: ImportSettings,
  catalogs: ImportCatalogs,
  existingKeys: ReadonlySet<string>,
  periodStatus?: (period: string) => PeriodStatus | undefined,
): ImportAnalysis {
  return finishImport(readImport(sheets, settings, catalogs), settings, existingKeys, periodStatus);
}

/** The days the rows fall on: where existing events could duplicate them. */
export const readingDates = (reading: ImportReading) => [...new Set([...reading.valid.values()].map((e) => e.startDate))];

/** Reads every row of every sheet into the event it becomes, with its problems and interpretations. */
export function readImport(sheets: readonly ImportSheet[], settings: ImportSettings, catalogs: ImportCatalogs): ImportReading {
  const summaries: ImportSheetSummary[] = [];
  const rows: ImportRow[] = [];
  const valid = new Map<string, EventCreate>();
  const totals: PendingTotal[] = [];
  const excluded = new Set(settings.excludedRows);
  const sixIntoEntries = catalogs.sixInto.map((c, i) => ({ id: i + 1, name: c.name }));
  const context: Omit<RowContext, 'year'> = {
    catalogs,
    settings,
    sixIntoEntries,
    lists: { forms: expandNames(catalogs.forms), laws: expandNames(catalogs.laws), targetGroups: expandNames(catalogs.targetGroups) },
    guessCampaign: createCampaignGuesser(catalogs.campaigns),
    // A ledger names the same villages and departments over and over: each text is matched once.
    names: new Map(),
  };

  sheets.forEach((sheet, sheetIndex) => {
    const headerIndex = findHeader(sheet, catalogs.materialTypes);
    const titleRows = sheet.rows.slice(0, headerIndex ?? 0);
    const title = titleRows.map((r) => r.cells.filter((c) => !isBlank(c)).map((c) => cellText(c)).join(' ')).filter(Boolean).join(' / ');
    const titleYear = yearIn(title);
    const nameYear = yearIn(sheet.name);
    const year = titleYear ?? nameYear ?? settings.year;
    const yearSource = titleYear ? 'title' : nameYear ? 'sheetName' : settings.year ? 'request' : null;
    if (headerIndex === null) {
      summaries.push({ index: sheetIndex, name: sheet.name, title, headerRow: null, year, yearSource, columns: [], dataRows: 0, totals: [] });
      return;
    }
    const headerRow = sheet.rows[headerIndex]!;
    const headers = headerRow.cells.map((c) => cellText(c));
    const mapping = guessMapping(headers, catalogs.materialTypes, settings.mapping);
    const headerTexts = new Set(headers.filter(Boolean));

    // The rows under the header: blank rows and repeated headers go; totals and notes are told apart from data.
    const lines: SheetLine[] = [];
    for (const row of sheet.rows.slice(headerIndex + 1)) {
      // Each cell's text once: the checks below all read it.
      const cellTexts = row.cells.map((c) => (isBlank(c) ? '' : cellText(c)));
      const rawTexts = cellTexts.filter(Boolean);
      if (rawTexts.length === 0) continue;
      // A repeated header (sheets pasted together) is not data either.
      if (row.cells.filter((c, i) => typeof c === 'string' && headerTexts.has(cellTexts[i]!)).length >= 2) continue;
      const first = normalizeText(rawTexts[0]!);
      const kind = TOTAL_ROW.test(first) ? (GRAND_TOTAL_ROW.test(first) ? 'grandTotal' : 'total') : NOTE_ROW.test(first) ? 'note' : 'data';
      lines.push({ row, cellTexts, rawTexts, kind });
    }

    // What the header says, checked against what the data cells hold (a 地点 column full of village names).
    const headed = headers
      .map((header, index) => ({ index, header, key: headerKey(header), field: mapping[index]!.field, guessed: mapping[index]!.guessed }))
      .filter((c) => c.header !== '');
    const data = lines.filter((l) => l.kind === 'data');
    const checked = checkColumnContents(
      headed.map((c) => ({ field: c.field, header: c.header, guessed: c.guessed, texts: data.map((l) => l.cellTexts[c.index] ?? '') })),
      { villages: catalogs.villages, departments: catalogs.departments, aliases: settings.aliases },
    );
    const columns: ImportSheetSummary['columns'] = headed.map((c, i) => {
      const { field, hint } = checked[i]!;
      return { ...c, field, ...(hint ? { hint } : {}) };
    });
    const quantityColumns = columns.filter((c) => isQuantityField(c.field));
    let dataRows = 0;
    let covered: { id: string; rowNumber: number; cells: readonly ImportCell[] }[] = [];

    for (const { row, cellTexts, rawTexts, kind } of lines) {
      const id = `${sheetIndex}:${row.number}`;
      const base = { id, sheet: sheet.name, rowNumber: row.number };
      // Totals and notes are listed as skipped, so the clerk sees nothing vanished unseen.
      if (kind !== 'data') {
        const isTotal = kind !== 'note';
        rows.push({
          ...base,
          status: 'skipped',
          reason: isTotal ? { message: '合计行，不导入', messageEn: 'a totals row: not imported' } : { message: '说明文字，不导入', messageEn: 'a note: not imported' },
          cells: { title: rawTexts.join(' ') },
          event: emptyPreview(catalogs.townshipId),
          errors: [],
          interpretations: [],
        });
        // A grand total (合计/总计) is checked against the rows above it, down from the header or the previous one.
        if (kind === 'grandTotal') {
          for (const column of quantityColumns) {
            const total = parseQuantity(row.cells[column.index] ?? null);
            if (total.kind !== 'value') continue;
            totals.push({
              sheetIndex, rowNumber: row.number, field: column.field, fileTotal: total.value, textOnly: sheet.textOnly === true, ...quantityWords(column.field, catalogs),
              rows: covered.map((r) => ({ id: r.id, rowNumber: r.rowNumber, raw: r.cells[column.index] ?? null })),
            });
          }
          covered = [];
        }
        continue;
      }
      const edits = settings.cellEdits[id] ?? {};
      const values = new Map<string, ImportCell[]>();
      const cells: Record<string, string> = {};
      const formulaFields = new Set<string>();
      for (const column of columns) {
        if (column.field === 'ignore' || column.field === 'serial') continue;
        const text = cellTexts[column.index] ?? '';
        if (text === '') continue;
        const list = values.get(column.field);
        if (list) list.push(row.cells[column.index]!);
        else values.set(column.field, [row.cells[column.index]!]);
        cells[column.field] = cells[column.field] ? `${cells[column.field]}；${text}` : text;
        if (row.formulas?.includes(column.index)) formulaFields.add(column.field);
      }
      for (const [field, text] of Object.entries(edits)) {
        values.set(field, text === '' ? [] : [text]);
        cells[field] = text;
      }
      const texts = Object.values(cells).filter(Boolean);
      if (texts.length === 0) continue;
      dataRows++;
      covered.push({ id, rowNumber: row.number, cells: row.cells });
      const read = readRow(values, { ...context, year });
      for (const field of formulaFields) {
        read.interpretations.push(interpretation(field, texts.join(''), { zh: '公式单元格：取文件中保存的计算结果（不重新计算）', en: 'a formula cell: its saved result is used (never recalculated)' }));
      }
      const status: ImportRow['status'] = excluded.has(id) ? 'excluded' : read.errors.length ? 'invalid' : 'valid';
      if (status === 'valid') valid.set(id, read.valid!);
      rows.push({ ...base, status, cells, event: read.event, errors: read.errors, interpretations: read.interpretations });
    }
    summaries.push({ index: sheetIndex, name: sheet.name, title, headerRow: headerRow.number, year, yearSource, columns, dataRows, totals: [] });
  });
  return { sheets: summaries, rows, valid, totals };
}

/** Marks rows equal to an existing event or to an earlier row as duplicates (unless kept), and sums up. */
export function finishImport(
  reading: ImportReading,
  settings: ImportSettings,
  existingKeys: ReadonlySet<string>,
  periodStatus: (period: string) => PeriodStatus | undefined = () => undefined,
): ImportAnalysis {
  const keepDuplicates = new Set(settings.keepDuplicateRows);
  const seen = new Map<string, string>();
  const toCreate: ImportAnalysis['toCreate'] = [];
  const rows = reading.rows.map((row): ImportRow => {
    const event = reading.valid.get(row.id);
    if (row.status !== 'valid' || !event) return row;
    // A row in a submitted or approved period: marked with the lock's words, not left to fail the commit.
    const lock = lockingPeriod(event.startDate, periodStatus);
    if (lock) {
      const words = periodLockedMessage(lock.period, lock.status);
      return { ...row, status: 'locked', reason: { message: words.zh, messageEn: words.en } };
    }
    const key = duplicateKey(event.startDate, event.title);
    const earlier = seen.get(key);
    if (!keepDuplicates.has(row.id) && existingKeys.has(key)) {
      return { ...row, status: 'duplicate', reason: { message: '与已登记的活动重复（同日期、同主题），默认不导入', messageEn: 'the same as an event already logged (same date and title): skipped by default' } };
    }
    if (!keepDuplicates.has(row.id) && earlier) {
      return { ...row, status: 'duplicate', reason: { message: `与本文件第 ${earlier} 行重复，默认不导入`, messageEn: `the same as row ${earlier} of this file: skipped by default` } };
    }
    seen.set(key, `${row.sheet} ${row.rowNumber}`);
    toCreate.push({ rowId: row.id, event });
    return row;
  });
  const count = (status: ImportRow['status']) => rows.filter((r) => r.status === status).length;
  const created = new Map(toCreate.map((c) => [c.rowId, c.event]));
  const statusOf = new Map(rows.map((r) => [r.id, r.status]));
  const checks = reading.totals.map((pending) => ({ sheetIndex: pending.sheetIndex, check: reconcileTotal(pending, created, statusOf) }));
  return {
    sheets: reading.sheets.map((sheet) => ({ ...sheet, totals: checks.filter((c) => c.sheetIndex === sheet.index).map((c) => c.check) })),
    rows,
    toCreate,
    summary: {
      rows: rows.filter((r) => r.status !== 'skipped').length,
      valid: count('valid'),
      invalid: count('invalid'),
      duplicates: count('duplicate'),
      excluded: count('excluded'),
      skipped: count('skipped'),
      locked: count('locked'),
    },
  };
}

/** The name and unit a total is given in: 宣传资料 in 份 (its type's unit), 受众人次 and 咨询人次 in 人次. */
function quantityWords(field: ImportField, catalogs: ImportCatalogs): { name: Bilingual; unit: string } {
  const materialId = materialIdOf(field);
  const type = catalogs.materialTypes.find((t) => t.id === materialId);
  if (type) return { name: { zh: type.name, en: type.nameEn ?? type.name }, unit: type.unit };
  return { name: label(field, catalogs), unit: '人次' };
}

/** How much of a quantity a created event carries. */
function quantityOf(event: EventCreate, field: ImportField): number {
  if (field === 'audience') return event.audience ?? 0;
  if (field === 'consultations') return event.consultations ?? 0;
  return (event.materials ?? []).find((m) => m.materialTypeId === materialIdOf(field))?.quantity ?? 0;
}

const NOT_IMPORTED: Record<ImportRow['status'], Bilingual> = {
  valid: { zh: '', en: '' },
  skipped: { zh: '', en: '' },
  invalid: { zh: '有问题', en: 'it has problems' },
  duplicate: { zh: '重复', en: 'a duplicate' },
  excluded: { zh: '已排除', en: 'excluded' },
  locked: { zh: '所在月份已上报', en: 'its month is submitted' },
};

/** What Excel's SUM takes of a cell: a number; text is left out, unless the whole file is text (CSV), where a plain number is a number. */
function excelNumber(raw: ImportCell, textOnly: boolean): number {
  if (typeof raw === 'number') return raw;
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (textOnly && /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/.test(text)) return Number(text.replaceAll(',', ''));
  return 0;
}

/** Explanations listed in a message before "and N more". */
const MAX_EXPLANATIONS = 8;

/**
 * A file's 合计 against what is imported. The file's total is taken as Excel
 * made it: the sum of the number cells above it (text such as "300余份" is not
 * summed). From there each row that counts differently is named — text read as
 * a number, a decimal counted down, an edited cell, a row not imported — and
 * whatever those leave over is the file's own arithmetic, said so.
 */
function reconcileTotal(pending: PendingTotal, created: ReadonlyMap<string, EventCreate>, statusOf: ReadonlyMap<string, ImportRow['status']>): ImportTotalCheck {
  const { fileTotal, name, unit } = pending;
  const amount = (n: number) => `${n} ${unit}`;
  let excelSum = 0;
  let imported = 0;
  const why: Bilingual[] = [];
  for (const row of pending.rows) {
    const number = excelNumber(row.raw, pending.textOnly);
    const event = created.get(row.id);
    const value = event ? quantityOf(event, pending.field) : 0;
    excelSum += number;
    imported += value;
    if (value === number) continue;
    const n = row.rowNumber;
    if (!event) {
      const status = NOT_IMPORTED[statusOf.get(row.id) ?? 'invalid'];
      why.push({ zh: `第 ${n} 行不导入（${status.zh}），其 ${amount(number)}未计入`, en: `row ${n} is not imported (${status.en}): its ${number} is left out` });
    } else if (typeof row.raw === 'string' && number === 0) {
      const text = cellText(row.raw);
      why.push({ zh: `第 ${n} 行 “${text}” 按 ${value} 计入，Excel 求和时未计入文本`, en: `row ${n} “${text}” is counted as ${value}; Excel's sum leaves text out` });
    } else {
      why.push({ zh: `第 ${n} 行文件中为 ${number}，按 ${value} 计入`, en: `row ${n} reads ${number} in the file and is counted as ${value}` });
    }
  }
  const matches = imported === fileTotal;
  const head = { zh: `${name.zh}：文件合计 ${amount(fileTotal)}，导入 ${amount(imported)}`, en: `${name.en}: the file's total is ${fileTotal}, the import counts ${imported}` };
  if (matches) return { rowNumber: pending.rowNumber, field: pending.field, fileTotal, importedTotal: imported, matches, message: `${head.zh}，一致`, messageEn: `${head.en}: they agree` };
  if (excelSum !== fileTotal) {
    why.push({
      zh: `文件合计与各行数字之和 ${amount(excelSum)}相差 ${amount(fileTotal - excelSum)}，请核对文件的合计`,
      en: `the file's total differs by ${fileTotal - excelSum} from the sum of its rows' numbers (${excelSum}); check the file's total`,
    });
  }
  const shown = why.slice(0, MAX_EXPLANATIONS);
  const more = why.length - shown.length;
  const moreWords = more > 0 ? { zh: `；等另 ${more} 处`, en: `; and ${more} more` } : { zh: '', en: '' };
  return {
    rowNumber: pending.rowNumber,
    field: pending.field,
    fileTotal,
    importedTotal: imported,
    matches,
    message: `${head.zh}：${shown.map((w) => w.zh).join('；')}${moreWords.zh}`,
    messageEn: `${head.en}: ${shown.map((w) => w.en).join('; ')}${moreWords.en}`,
  };
}

function emptyPreview(townshipId: number): ImportEventPreview {
  return {
    startDate: null, endDate: null, title: '', townshipId, campaignId: null, location: '', villageIds: [], sixInto: [], formIds: [],
    lawIds: [], departmentIds: [], targetGroupIds: [], audience: null, consultations: null, materials: [], notes: '',
  };
}

interface RowContext {
  year: number | null;
  catalogs: ImportCatalogs;
  settings: ImportSettings;
  lists: Record<'forms' | 'laws' | 'targetGroups', NamedEntry[]>;
  sixIntoEntries: NamedEntry[];
  guessCampaign: ReturnType<typeof createCampaignGuesser>;
  names: Map<string, NameListMatch>;
}

/** A name match remembered for the rest of the file (same field, same text, same answer). */
function cached(context: RowContext, field: string, text: string, match: () => NameListMatch): NameListMatch {
  const key = `${field}\u0000${text}`;
  let result = context.names.get(key);
  if (!result) context.names.set(key, (result = match()));
  return result;
}

/** Event fields (schema paths) back to the import field whose cell they came from. */
const FIELD_OF_PATH: Record<string, string> = {
  startDate: 'date', endDate: 'endDate', title: 'title', location: 'location', villageIds: 'villages', departmentIds: 'departments',
  campaignId: 'campaign', sixInto: 'sixInto', formIds: 'forms', lawIds: 'laws', targetGroupIds: 'targetGroups',
  audience: 'audience', consultations: 'consultations', notes: 'notes',
};

function readRow(values: Map<string, ImportCell[]>, context: RowContext) {
  const { catalogs, settings } = context;
  const errors: ImportCellIssue[] = [];
  const interpretations: Interpretation[] = [];
  const event = emptyPreview(catalogs.townshipId);
  const one = (field: string): ImportCell => values.get(field)?.[0] ?? null;
  const text = (field: string) => (values.get(field) ?? []).map((c) => cellText(c)).join('；');

  // Date, and the end of a range written in the same cell.
  const date = parseLedgerDate(one('date'), { year: context.year });
  const dayUnknown = date.kind === 'date' && date.wholeMonth === true;
  if (date.kind === 'blank') errors.push(issue('date', catalogs, { zh: '必填，不能为空', en: 'required and cannot be blank' }));
  else if (date.kind === 'error') errors.push(issue('date', catalogs, date.words, { text: text('date') }));
  else {
    event.startDate = date.startDate;
    event.endDate = date.endDate;
    if (date.interpreted) interpretations.push(interpretation('date', text('date'), date.interpreted));
  }
  if (values.has('endDate')) {
    const end = parseLedgerDate(one('endDate'), { year: context.year });
    if (end.kind === 'error') errors.push(issue('endDate', catalogs, end.words, { text: text('endDate') }));
    else if (end.kind === 'date') {
      event.endDate = end.startDate;
      if (end.interpreted) interpretations.push(interpretation('endDate', text('endDate'), end.interpreted));
    }
  }
  if (event.endDate && event.endDate === event.startDate) event.endDate = null;

  event.title = text('title');
  event.location = text('location');
  event.notes = text('notes');

  const names = (field: string, match: NameListMatch, noun: Bilingual) => {
    if (match.error) errors.push(issue(field, catalogs, match.error, { text: text(field) }));
    for (const unknown of match.unknown) {
      errors.push(
        issue(field, catalogs, { zh: `不认识“${unknown.text}”，请从相近的${noun.zh}中选择`, en: `“${unknown.text}” is not a known ${noun.en}; pick the closest` }, {
          text: unknown.text,
          candidates: unknown.candidates.map((c) => ({ id: c.id, name: catalogNameOf(field, c.id, catalogs) ?? c.name })),
        }),
      );
    }
    if (match.interpreted) interpretations.push(interpretation(field, text(field), match.interpreted));
    return match.ids;
  };
  if (values.has('villages')) {
    const match = cached(context, 'villages', text('villages'), () => matchVillages(text('villages'), catalogs.villages, settings.aliases.villages));
    event.villageIds = names('villages', match, { zh: '村（社区）', en: 'village' });
  }
  if (values.has('departments')) {
    const aliases = settings.aliases.departments ? { aliases: settings.aliases.departments } : {};
    const match = cached(context, 'departments', text('departments'), () => matchNameList(text('departments'), catalogs.departments, { acceptContained: true, ...aliases }));
    event.departmentIds = names('departments', match, { zh: '单位', en: 'department' });
  }
  for (const field of ['forms', 'laws', 'targetGroups'] as const) {
    if (!values.has(field)) continue;
    const match = cached(context, field, text(field), () => matchNameList(text(field), context.lists[field], { acceptContained: true }));
    const ids = names(field, match, { zh: '选项', en: 'entry' });
    event[field === 'forms' ? 'formIds' : field === 'laws' ? 'lawIds' : 'targetGroupIds'] = ids;
  }
  if (values.has('sixInto')) {
    const ids = names('sixInto', matchNameList(text('sixInto').replace(/进/g, ''), context.sixIntoEntries, { acceptContained: true }), { zh: '六进类别', en: 'six-into place' });
    event.sixInto = ids.map((i) => catalogs.sixInto[i - 1]!.code);
  }

  for (const field of ['audience', 'consultations'] as const) {
    if (!values.has(field)) continue;
    const quantity = parseQuantity(one(field));
    if (quantity.kind === 'error') errors.push(issue(field, catalogs, quantity.words, { text: text(field) }));
    else if (quantity.kind === 'value') {
      event[field] = quantity.value;
      if (quantity.interpreted) interpretations.push(interpretation(field, text(field), quantity.interpreted));
    }
  }
  for (const field of values.keys()) {
    const materialTypeId = materialIdOf(field);
    if (materialTypeId === null) continue;
    const quantity = parseQuantity(one(field));
    if (quantity.kind === 'error') errors.push(issue(field, catalogs, quantity.words, { text: text(field) }));
    else if (quantity.kind === 'value') {
      if (quantity.value > 0) event.materials.push({ materialTypeId, quantity: quantity.value });
      if (quantity.interpreted) interpretations.push(interpretation(field, text(field), quantity.interpreted));
    }
  }

  // Campaign: the column's name, else a guess from title and date.
  const campaignText = text('campaign');
  if (campaignText) {
    const match = matchName(campaignText, catalogs.campaigns.map((c) => ({ id: c.id, name: c.name.replace(/^[\d·.]+/, '') })), { acceptContained: true });
    if (match.kind === 'match') event.campaignId = match.id;
    else errors.push(issue('campaign', catalogs, { zh: `不认识“${campaignText}”`, en: `“${campaignText}” is not a known campaign` }, {
      text: campaignText, candidates: match.candidates.map((c) => ({ id: c.id, name: catalogs.campaigns.find((x) => x.id === c.id)!.name })),
    }));
  } else if (dayUnknown) {
    // A month alone ("9月") is read as the whole month; its first day is invented, so no campaign is guessed from it.
    interpretations.push(interpretation('campaign', text('date'), {
      zh: '日期只写了月份，不据此推断宣传节点；如属某一节点，请在“宣传节点”列填写',
      en: 'the date names only a month, so no campaign is guessed from it; if it belongs to one, fill in the campaign column',
    }));
  } else if (event.startDate && event.title) {
    const guess = context.guessCampaign(event.startDate, event.title);
    if (guess) {
      event.campaignId = guess.campaignId;
      interpretations.push(interpretation('campaign', event.title, guess.interpreted));
    }
  }

  // Every rule of a hand-entered event applies: the API's own schema judges the row.
  let valid: EventCreate | undefined;
  if (errors.length === 0) {
    const candidate = {
      startDate: event.startDate ?? '',
      endDate: event.endDate,
      title: event.title,
      townshipId: event.townshipId,
      campaignId: event.campaignId,
      location: event.location,
      villageIds: event.villageIds,
      sixInto: event.sixInto,
      formIds: event.formIds,
      lawIds: event.lawIds,
      departmentIds: event.departmentIds,
      targetGroupIds: event.targetGroupIds,
      audience: event.audience ?? 0,
      consultations: event.consultations ?? 0,
      materials: event.materials,
      notes: event.notes,
    };
    const parsed = EventCreateSchema.safeParse(candidate, { reportInput: true });
    if (parsed.success) valid = parsed.data;
    else {
      for (const error of describeIssues(parsed.error.issues)) {
        const [head, index] = error.field.split('.');
        const line = head === 'materials' && index !== undefined ? event.materials[Number(index)] : undefined;
        const field = line ? `material:${line.materialTypeId}` : (FIELD_OF_PATH[head ?? ''] ?? head ?? '');
        errors.push({ field: field === 'endDate' && !values.has('endDate') ? 'date' : field, message: error.message, messageEn: error.messageEn });
      }
    }
  }
  return { event, errors, interpretations, valid };
}

function catalogNameOf(field: string, id: number, catalogs: ImportCatalogs): string | undefined {
  const list = field === 'villages' ? catalogs.villages : field === 'departments' ? catalogs.departments : undefined;
  return list?.find((e) => e.id === id)?.name;
}
