// Dates as ledgers write them: Excel dates (the reader gives 'YYYY-MM-DD'),
// "2021.3.15", "2021/3/15", "2021年3月15日", "3月15日", "3.15", "三月十五日",
// ranges "11月29日-12月5日" / "2021.11.29—12.5" / "3.15-16", a whole month
// "2021年3月". A date without a year takes the sheet's or the clerk's year.
import { isoDate, isRealDate, type IsoDate } from '../dates.ts';
import { MAX_YEAR, MIN_YEAR } from '../schemas/common.ts';
import type { Bilingual } from '../validation-messages.ts';
import { chineseNumeral } from './numbers.ts';
import { cellText } from './text.ts';

export type LedgerDateResult =
  | { kind: 'blank' }
  /** wholeMonth: only a month was written; its first day is no real day of the event. */
  | { kind: 'date'; startDate: IsoDate; endDate: IsoDate | null; interpreted?: Bilingual; wholeMonth?: true }
  | { kind: 'error'; words: Bilingual };

const YEAR_MISSING: Bilingual = { zh: '日期没有年份，请在上方填写年度', en: 'the date has no year; set the year above' };
const unreadable = (text: string): Bilingual => ({ zh: `读不出日期：“${text}”`, en: `cannot read a date in “${text}”` });

/** Excel's day numbers count from 1899-12-30 (its 1900 leap-year bug is before any ledger). */
export function excelSerialToIso(serial: number): IsoDate {
  return new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

// One date: optional year, month, day; separators . / - 年 月; an optional 日 or 号.
const ONE_DATE = /^(?:(\d{4})\s*[年./-]\s*)?(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*[日号]?/;
/** "21.3.15": a two-digit year, only when the same separator joins all three parts ("11.29-12" is a range). */
const SHORT_YEAR_DATE = /^(\d{2})([./-])(\d{1,2})\2(\d{1,2})$/;
const DAY_ONLY = /^(\d{1,2})\s*[日号]?$/;
const RANGE_SEPARATOR = /^\s*(?:-|~|—+|–|至|到)\s*/;
const WHOLE_MONTH = /^(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月份?$/;

interface Parts {
  year: number | null;
  month: number;
  day: number;
}

/** Chinese numerals before 年/月/日 become digits: 二〇二一年三月十五日 → 2021年3月15日. */
function arabicDates(text: string): string {
  return text.replace(/[零〇一二两三四五六七八九十]+(?=\s*[年月日号])/g, (m) => String(chineseNumeral(m) ?? m));
}

/** Drops what follows a date and is no part of it: a time, a weekday, a half-day. */
function stripDecorations(text: string): string {
  return text
    .replace(/[(（][^)）]*[)）]\s*$/, '')
    .replace(/\s*(?:上午|下午|晚上|全天|\d{1,2}[:：]\d{2}(?::\d{2})?)+\s*$/, '')
    .replace(/\s*(?:星期|周)[一二三四五六日天]\s*$/, '')
    .trim();
}

/**
 * A date outside the years an event may have (MIN_YEAR..MAX_YEAR, as the API's date schema) is
 * refused here, where the typed text is still known: "19000101" is a real day but no event's.
 */
export function parseLedgerDate(value: unknown, options: { year?: number | null } = {}): LedgerDateResult {
  const result = parseAnyLedgerDate(value, options);
  if (result.kind !== 'date') return result;
  const outside = [result.startDate, result.endDate].find((d) => d !== null && (Number(d.slice(0, 4)) < MIN_YEAR || Number(d.slice(0, 4)) > MAX_YEAR));
  if (!outside) return result;
  const text = typeof value === 'number' ? String(value) : cellText(value);
  return {
    kind: 'error',
    words: {
      zh: `日期超出允许范围：“${text}”读作 ${outside}，年份应在 ${MIN_YEAR} 至 ${MAX_YEAR} 之间`,
      en: `date out of the allowed range: “${text}” reads as ${outside}; the year must be between ${MIN_YEAR} and ${MAX_YEAR}`,
    },
  };
}

function parseAnyLedgerDate(value: unknown, options: { year?: number | null }): LedgerDateResult {
  const defaultYear = options.year ?? null;
  if (typeof value === 'number') return parseNumberDate(value, defaultYear);
  const original = cellText(value);
  if (original === '') return { kind: 'blank' };
  if (/^\d{4}-\d{2}-\d{2}$/.test(original)) {
    return isRealDate(original) ? { kind: 'date', startDate: original, endDate: null } : { kind: 'error', words: unreadable(original) };
  }
  const text = stripDecorations(arabicDates(original));
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (compact) return finish(original, { year: Number(compact[1]), month: Number(compact[2]), day: Number(compact[3]) }, null, defaultYear, false);

  const shortYear = SHORT_YEAR_DATE.exec(text);
  if (shortYear) return finish(original, { year: 2000 + Number(shortYear[1]), month: Number(shortYear[3]), day: Number(shortYear[4]) }, null, defaultYear, true);

  const month = WHOLE_MONTH.exec(text);
  if (month) {
    const year = month[1] ? Number(month[1]) : defaultYear;
    if (year === null) return { kind: 'error', words: YEAR_MISSING };
    const m = Number(month[2]);
    if (m < 1 || m > 12) return { kind: 'error', words: unreadable(original) };
    const start = isoDate(year, m, 1);
    const end = isoDate(year, m, new Date(Date.UTC(year, m, 0)).getUTCDate());
    return { kind: 'date', startDate: start, endDate: end, wholeMonth: true, interpreted: { zh: `“${original}”只写了月份，按整月 ${start} 至 ${end} 计`, en: `“${original}” names only a month: read as ${start} to ${end}` } };
  }

  const first = ONE_DATE.exec(text);
  if (!first) return { kind: 'error', words: unreadable(original) };
  const start: Parts = { year: first[1] ? Number(first[1]) : null, month: Number(first[2]), day: Number(first[3]) };
  let rest = text.slice(first[0].length);
  let end: Parts | null = null;
  if (rest.trim() !== '') {
    const separator = RANGE_SEPARATOR.exec(rest);
    if (!separator) return { kind: 'error', words: unreadable(original) };
    rest = rest.slice(separator[0].length).trim();
    const second = ONE_DATE.exec(rest);
    const dayOnly = DAY_ONLY.exec(rest);
    if (second && second[0].length === rest.length) {
      end = { year: second[1] ? Number(second[1]) : null, month: Number(second[2]), day: Number(second[3]) };
    } else if (dayOnly) {
      end = { year: null, month: start.month, day: Number(dayOnly[1]) };
    } else return { kind: 'error', words: unreadable(original) };
  }
  return finish(original, start, end, defaultYear, false);
}

function finish(original: string, start: Parts, end: Parts | null, defaultYear: number | null, shortYear: boolean): LedgerDateResult {
  const startYear = start.year ?? defaultYear;
  if (startYear === null) return { kind: 'error', words: YEAR_MISSING };
  const startDate = isoDate(startYear, start.month, start.day);
  if (!isRealDate(startDate)) return { kind: 'error', words: { zh: `日历上没有这一天：“${original}”`, en: `no such day in the calendar: “${original}”` } };
  let endDate: IsoDate | null = null;
  if (end) {
    // "12.28-1.3": a range that passes New Year ends in the next year.
    const endYear = end.year ?? (end.month < start.month ? startYear + 1 : startYear);
    endDate = isoDate(endYear, end.month, end.day);
    if (!isRealDate(endDate)) return { kind: 'error', words: { zh: `日历上没有这一天：“${original}”`, en: `no such day in the calendar: “${original}”` } };
  }
  const plainIso = /^\d{4}[./-]\d{1,2}[./-]\d{1,2}$|^\d{4}年\d{1,2}月\d{1,2}日$/.test(original);
  if (plainIso && !end) return { kind: 'date', startDate, endDate: null };
  const read = endDate ? `${startDate} 至 ${endDate}` : startDate;
  const readEn = endDate ? `${startDate} to ${endDate}` : startDate;
  const notes: Bilingual[] = [];
  if (start.year === null) notes.push({ zh: `年份按 ${startYear} 年`, en: `year taken as ${startYear}` });
  if (shortYear) notes.push({ zh: `两位年份按 ${startYear} 年`, en: `two-digit year read as ${startYear}` });
  const why = notes.length ? { zh: `（${notes.map((n) => n.zh).join('，')}）`, en: ` (${notes.map((n) => n.en).join(', ')})` } : { zh: '', en: '' };
  return { kind: 'date', startDate, endDate, interpreted: { zh: `“${original}”读作 ${read}${why.zh}`, en: `“${original}” read as ${readEn}${why.en}` } };
}

/** A number in a date column: an Excel day number without a date format, 20210315, or 3.15 typed as a number. */
function parseNumberDate(value: number, defaultYear: number | null): LedgerDateResult {
  if (Number.isInteger(value) && value >= 19_000_101 && value <= 21_001_231) return parseLedgerDate(String(value), { year: defaultYear });
  if (Number.isInteger(value) && value >= 36_526 && value <= 73_415) {
    // 2000-01-01 … 2100-12-31 as Excel day numbers.
    const iso = excelSerialToIso(value);
    return { kind: 'date', startDate: iso, endDate: null, interpreted: { zh: `数字 ${value} 按 Excel 日期读作 ${iso}`, en: `the number ${value} read as an Excel date: ${iso}` } };
  }
  // 3.15 typed in a cell Excel took for a number: month.day (3.1 is 3月1日; 3.10 was lost as 3.1).
  const match = /^(\d{1,2})\.(\d{1,2})$/.exec(String(value));
  if (match) {
    const result = parseLedgerDate(`${match[1]}月${match[2]}日`, { year: defaultYear });
    if (result.kind !== 'date') return result;
    return { ...result, interpreted: { zh: `数字 ${value} 读作 ${result.startDate}（月.日）`, en: `the number ${value} read as ${result.startDate} (month.day)` } };
  }
  return { kind: 'error', words: unreadable(String(value)) };
}
