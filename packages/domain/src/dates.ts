// Calendar dates travel as 'YYYY-MM-DD' strings everywhere (API, forms, rules).
// They are days in China Standard Time with no time of day, so no conversion
// through a time zone can move an event to another day or month.

export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export type IsoDate = string;

/** True for a real calendar day in the Gregorian calendar, e.g. rejects 2026-02-30. */
export function isRealDate(value: string): boolean {
  if (!ISO_DATE_PATTERN.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days from a to b (b - a), both 'YYYY-MM-DD'. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The period from 1 January to 31 December of one year. */
export function isWholeYear(from: IsoDate, to: IsoDate): boolean {
  return from.slice(0, 4) === to.slice(0, 4) && from.endsWith('-01-01') && to.endsWith('-12-31');
}

/** The last day of the date's month. */
export function endOfMonth(date: IsoDate): IsoDate {
  const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  return isoDate(year, month, daysInMonth(year, month));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** Today's date in China Standard Time (UTC+8, no daylight saving). */
export function todayInChina(now: Date = new Date()): IsoDate {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A database DATE read through Prisma arrives as midnight UTC: format it without local time. */
export function dateToIso(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

export function isoToDate(date: IsoDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/**
 * How the app shows a moment (created, changed, submitted, imported): 'YYYY-MM-DD HH:mm' in China
 * Standard Time, in both languages, like the calendar days beside it (never 2026/12/7 or 07/12/2026,
 * whatever the browser's locale). `at` is an ISO timestamp or a Date.
 */
export function formatMoment(at: string | Date): string {
  const time = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(time)) return '';
  return new Date(time + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The China Standard Time day of a moment, 'YYYY-MM-DD' (e.g. the last day an import can be undone). */
export function dayOfMoment(at: string | Date): IsoDate {
  return formatMoment(at).slice(0, 10);
}
