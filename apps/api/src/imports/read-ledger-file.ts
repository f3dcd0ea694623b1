// From an uploaded file's bytes to the cells of its sheets (ImportSheet), with
// limits. .xlsx/.xls (Excel, WPS) are read by SheetJS (@e965/xlsx) after the
// zip is measured; CSV is decoded (UTF-8 with or without BOM, GB18030/GBK,
// UTF-16) and split by csv-parse. Only values are read: a formula's saved
// result is taken and noted, never recalculated; no macro or link is followed.
import { createHash } from 'node:crypto';
import * as XLSX from '@e965/xlsx';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { parse as parseCsv } from 'csv-parse/sync';
import { excelSerialToIso, IMPORT_LIMITS, isoDate, type Bilingual, type ImportCell, type ImportSheet, type ImportSheetRow } from '@pufa/domain';
import { checkZip } from './zip-guard.ts';
import { FILE_ERRORS, LedgerFileError } from './file-errors.ts';

export { FILE_ERRORS, LedgerFileError } from './file-errors.ts';

const fail = (statusCode: number, words: Bilingual) => new LedgerFileError(statusCode, words);

export type LedgerFormat = 'xlsx' | 'xls' | 'csv';

export interface LedgerFile {
  format: LedgerFormat;
  sha256: string;
  sheets: ImportSheet[];
  /** The CSV's encoding, as detected. */
  encoding?: string;
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Other files people pick by mistake: PDF, PNG, JPEG, GIF, RAR, 7z, gzip. */
const NOT_TEXT = [[0x25, 0x50, 0x44, 0x46], [0x89, 0x50, 0x4e, 0x47], [0xff, 0xd8, 0xff], [0x47, 0x49, 0x46, 0x38], [0x52, 0x61, 0x72, 0x21], [0x37, 0x7a, 0xbc, 0xaf], [0x1f, 0x8b]];

export async function readLedgerFile(bytes: Buffer): Promise<LedgerFile> {
  if (bytes.length === 0) throw fail(400, FILE_ERRORS.empty);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (bytes.subarray(0, 4).equals(ZIP)) {
    const verdict = await checkZip(bytes);
    if (verdict === 'tooLarge') throw fail(413, FILE_ERRORS.unzippedTooLarge);
    if (verdict === 'corrupt') throw fail(400, FILE_ERRORS.corrupt);
    return { format: 'xlsx', sha256, sheets: readWorkbook(bytes) };
  }
  if (bytes.subarray(0, 8).equals(CFB)) return { format: 'xls', sha256, sheets: readWorkbook(bytes) };
  if (NOT_TEXT.some((magic) => bytes.subarray(0, magic.length).equals(Buffer.from(magic)))) throw fail(415, FILE_ERRORS.notSpreadsheet);
  const { text, encoding } = decodeText(bytes);
  return { format: 'csv', sha256, encoding, sheets: [readCsv(text)] };
}

function readWorkbook(bytes: Buffer): ImportSheet[] {
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(bytes, {
      type: 'buffer',
      dense: true,
      cellNF: true,
      cellFormula: true,
      cellHTML: false,
      cellText: false,
      cellStyles: false,
      bookVBA: false,
      // One row past the limit, so a longer sheet is told apart without being read to the end.
      sheetRows: IMPORT_LIMITS.rows + 1,
    });
  } catch (error) {
    const message = String((error as Error)?.message ?? error);
    if (/password|encrypt/i.test(message)) throw fail(400, FILE_ERRORS.password);
    throw fail(400, FILE_ERRORS.corrupt);
  }
  if (workbook.SheetNames.length === 0) throw fail(400, FILE_ERRORS.noSheets);
  if (workbook.SheetNames.length > IMPORT_LIMITS.sheets) throw fail(413, FILE_ERRORS.tooManySheets);
  const sheets: ImportSheet[] = [];
  let rowCount = 0;
  let cellCount = 0;
  for (const name of workbook.SheetNames) {
    const data = (workbook.Sheets[name] as { '!data'?: (XLSX.CellObject | undefined)[][] } | undefined)?.['!data'];
    if (!data) continue; // a chart sheet
    const rows: ImportSheetRow[] = [];
    data.forEach((cells, index) => {
      if (!cells) return;
      const values: ImportCell[] = [];
      const formulas: number[] = [];
      cells.forEach((cell, column) => {
        const value = cellValue(cell);
        if (value === null && !cell?.f) return;
        if (column >= IMPORT_LIMITS.columns) throw fail(413, FILE_ERRORS.tooManyColumns);
        values[column] = value;
        if (cell?.f) formulas.push(column);
        cellCount++;
      });
      if (values.length === 0) return;
      rows.push({ number: index + 1, cells: Array.from(values, (v) => v ?? null), ...(formulas.length ? { formulas } : {}) });
    });
    rowCount += rows.length;
    if (rowCount > IMPORT_LIMITS.rows) throw fail(413, FILE_ERRORS.tooManyRows);
    if (cellCount > IMPORT_LIMITS.cells) throw fail(413, FILE_ERRORS.tooManyCells);
    sheets.push({ name, rows });
  }
  return sheets;
}

const clip = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').slice(0, IMPORT_LIMITS.cellChars);

/** A cell's value: text, a number, or a date as 'YYYY-MM-DD' when Excel formats the number as a date. */
function cellValue(cell: XLSX.CellObject | undefined): ImportCell {
  if (!cell) return null;
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' && cell.v.trim() !== '' ? clip(cell.v) : null;
    case 'n': {
      const value = cell.v as number;
      if (typeof cell.z === 'string' && XLSX.SSF.is_date(cell.z)) {
        const parts = XLSX.SSF.parse_date_code(value);
        if (parts && parts.y >= 1900) return isoDate(parts.y, parts.m, parts.d);
      }
      return Number.isFinite(value) ? value : null;
    }
    case 'd':
      return cell.v instanceof Date ? excelSerialToIso((cell.v.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000 + 0.5) : null;
    case 'b':
      return cell.v ? '是' : '否';
    default:
      // 'e' (an error like #REF!) and 'z' (blank): nothing to read.
      return null;
  }
}

/** UTF-8 (with or without BOM) first, since it validates strictly; then what chardet sees, GB18030 when unsure. */
export function decodeText(bytes: Buffer): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: checkText(bytes.subarray(3).toString('utf8')), encoding: 'UTF-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: checkText(iconv.decode(bytes.subarray(2), 'utf-16le')), encoding: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: checkText(iconv.decode(bytes.subarray(2), 'utf-16be')), encoding: 'UTF-16BE' };
  try {
    return { text: checkText(new TextDecoder('utf-8', { fatal: true }).decode(bytes)), encoding: 'UTF-8' };
  } catch (error) {
    if (error instanceof LedgerFileError) throw error;
  }
  // Short Chinese text often looks like a Latin code page to a detector: only Big5 overrides GB18030.
  const guess = chardet.detect(bytes.subarray(0, 64 * 1024));
  const encoding = guess === 'Big5' ? 'Big5' : 'GB18030';
  return { text: checkText(iconv.decode(bytes, encoding)), encoding };
}

/** Text with NUL bytes or many control characters is a binary file, whatever its name says. */
function checkText(text: string): string {
  const sample = text.slice(0, 8192);
  const control = sample.match(/[\u0000-\u0008\u000e-\u001f]/g)?.length ?? 0;
  if (sample.includes('\u0000') || control > sample.length / 100) throw fail(415, FILE_ERRORS.notSpreadsheet);
  return text;
}

function readCsv(text: string): ImportSheet {
  const firstLines = text.slice(0, 4096);
  const counts = [',', '\t', ';'].map((d) => ({ d, n: firstLines.split(d).length }));
  const delimiter = counts.sort((a, b) => b.n - a.n)[0]!.d;
  let records: string[][];
  try {
    records = parseCsv(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true, to_line: IMPORT_LIMITS.rows + 2, max_record_size: 1_000_000 });
  } catch {
    throw fail(400, FILE_ERRORS.corrupt);
  }
  if (records.length > IMPORT_LIMITS.rows) throw fail(413, FILE_ERRORS.tooManyRows);
  let cells = 0;
  const rows: ImportSheetRow[] = [];
  records.forEach((record, index) => {
    if (record.every((c) => c.trim() === '')) return;
    if (record.length > IMPORT_LIMITS.columns && record.slice(IMPORT_LIMITS.columns).some((c) => c.trim() !== '')) throw fail(413, FILE_ERRORS.tooManyColumns);
    const values = record.slice(0, IMPORT_LIMITS.columns).map((c) => (c.trim() === '' ? null : clip(c)));
    cells += values.filter((v) => v !== null).length;
    rows.push({ number: index + 1, cells: values });
  });
  if (cells > IMPORT_LIMITS.cells) throw fail(413, FILE_ERRORS.tooManyCells);
  // A CSV holds only text: "300" is the number a spreadsheet would make of it (for the 合计 check).
  return { name: 'CSV', rows, textOnly: true };
}
