// Reporting periods (上报期) and their statuses: when a township's month or year
// is due at the county, whether it is late, and what the lock's refusal says.
import { daysInMonth, isoDate, type IsoDate } from './dates.ts';
import type { Bilingual } from './validation-messages.ts';
import { monthsBetween } from './stats.ts';

/** "2026-11" (a month) or "2026" (a year). */
export type ReportPeriod = string;
export const PERIOD_PATTERN = /^(20\d\d|2100)(-(0[1-9]|1[0-2]))?$/;

export const SUBMISSION_STATUSES = ['submitted', 'approved', 'returned'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
/** A period's status on the grid: 'none' is 未上报 (no submission yet). */
export type PeriodStatus = SubmissionStatus | 'none';

/** Submitted and approved periods lock their events; a returned one is open again. */
export const isLockingStatus = (status: PeriodStatus): boolean => status === 'submitted' || status === 'approved';

export const PERIOD_STATUS_WORDS: Record<PeriodStatus, Bilingual> = {
  none: { zh: '未上报', en: 'Not submitted' },
  submitted: { zh: '已上报', en: 'Submitted' },
  approved: { zh: '已通过', en: 'Approved' },
  returned: { zh: '已退回', en: 'Returned' },
};

export interface ReportingRules {
  /** Day of the next month a month is due (clamped to the month's length). */
  monthDueDay: number;
  yearDueMonth: number;
  yearDueDay: number;
}
export const DEFAULT_REPORTING_RULES: ReportingRules = { monthDueDay: 5, yearDueMonth: 3, yearDueDay: 1 };

export interface ParsedPeriod {
  year: number;
  /** null for the whole year. */
  month: number | null;
}

export function parsePeriod(period: ReportPeriod): ParsedPeriod {
  if (!PERIOD_PATTERN.test(period)) throw new Error(`Not a period: ${period}`);
  return { year: Number(period.slice(0, 4)), month: period.length === 7 ? Number(period.slice(5, 7)) : null };
}

export const monthPeriod = (year: number, month: number): ReportPeriod => `${year}-${String(month).padStart(2, '0')}`;

/** The first and last day of the period. */
export function periodRange(period: ReportPeriod): { from: IsoDate; to: IsoDate } {
  const { year, month } = parsePeriod(period);
  if (month === null) return { from: isoDate(year, 1, 1), to: isoDate(year, 12, 31) };
  return { from: isoDate(year, month, 1), to: isoDate(year, month, daysInMonth(year, month)) };
}

/** The day the period's figures are due at the county. */
export function periodDueDate(period: ReportPeriod, rules: ReportingRules): IsoDate {
  const { year, month } = parsePeriod(period);
  if (month === null) return isoDate(year + 1, rules.yearDueMonth, Math.min(rules.yearDueDay, daysInMonth(year + 1, rules.yearDueMonth)));
  const [dueYear, dueMonth] = month === 12 ? [year + 1, 1] : [year, month + 1];
  return isoDate(dueYear, dueMonth, Math.min(rules.monthDueDay, daysInMonth(dueYear, dueMonth)));
}

/** Late: the due day has passed and the county has nothing it can accept (not submitted, or returned). */
export const isLate = (status: PeriodStatus, dueDate: IsoDate, today: IsoDate): boolean => today > dueDate && !isLockingStatus(status);

/**
 * A township's reporting starts in a month (its `reportingFrom`, "YYYY-MM": by default the month
 * the township was created). Its months from then on are required, and its years from that
 * month's year on; earlier periods are neither due nor late (they may still be submitted).
 */
export const isPeriodRequired = (period: ReportPeriod, reportingFrom: ReportPeriod): boolean => reportingFrom <= lastStartAsking(period);

/**
 * The latest reporting start month ("YYYY-MM") of a township that a period is asked of: the month
 * itself, or a year's December. A count in SQL compares reporting_from with it (the roll-up one level up).
 */
export const lastStartAsking = (period: ReportPeriod): string => (period.length === 4 ? `${period}-12` : period);

/**
 * Whether a named day of `year` is asked of a township whose reporting starts in `reportingFrom`:
 * a day whose dates end before that month is not (宣传节点落实 shows it as 无需上报, not missed);
 * a day without dates this year counts from the start month's year on.
 */
export function isNamedDayRequired(period: { endDate: IsoDate } | null, year: number, reportingFrom: ReportPeriod): boolean {
  return reportingFrom <= namedDayLastStart(period, year);
}

/** The latest reporting start month a named day of `year` is asked of: the month it ends in (a day without dates: the year's December). */
export const namedDayLastStart = (period: { endDate: IsoDate } | null, year: number): string => (period ? period.endDate.slice(0, 7) : `${year}-12`);

/** A period's due day, whether it is required of the township and whether it is late. */
export function periodState(period: ReportPeriod, status: PeriodStatus, rules: ReportingRules, today: IsoDate, reportingFrom: ReportPeriod) {
  const dueDate = periodDueDate(period, rules);
  const required = isPeriodRequired(period, reportingFrom);
  return { dueDate, required, late: required && isLate(status, dueDate, today) };
}

/** A period can be submitted once it has begun (a clerk may submit November on its last days). */
export const periodHasBegun = (period: ReportPeriod, today: IsoDate): boolean => periodRange(period).from <= today;

/** "2026年11月" / "November 2026"; "2026年" / "2026". */
export function periodLabel(period: ReportPeriod): Bilingual {
  const { year, month } = parsePeriod(period);
  if (month === null) return { zh: `${year}年`, en: String(year) };
  const monthName = new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' });
  return { zh: `${year}年${month}月`, en: `${monthName} ${year}` };
}

/** Why a write into a locked period is refused (the API's 409, shown as it is by the UI). */
export function periodLockedMessage(period: ReportPeriod, status: SubmissionStatus): Bilingual {
  const label = periodLabel(period);
  const done = status === 'approved' ? { zh: '已通过县级审核', en: 'has been approved by the county' } : { zh: '已上报', en: 'has been submitted' };
  return {
    zh: `${label.zh}${done.zh}，需县级退回后才能修改`,
    en: `${label.en} ${done.en}; it can be changed only after the county returns it`,
  };
}

/** The reporting periods of a year: its twelve months and the year itself. */
export const periodsOfYear = (year: number): ReportPeriod[] => [...Array.from({ length: 12 }, (_, i) => monthPeriod(year, i + 1)), String(year)];

export interface TownshipFigures {
  townshipId: number;
  name: string;
  nameEn: string;
  activities: number;
  leaflets: number;
  audience: number;
  villagesReached: number;
  villagesTotal: number;
}

const perVillage = (figure: number, villages: number) => (villages === 0 ? 0 : Math.round((figure / villages) * 10) / 10);

/**
 * The county's ranking of its townships for a period: by activities, then
 * leaflets, then audience; equal figures share a rank (1, 2, 2, 4). Coverage is
 * the share of the township's own villages reached; per-village figures have
 * one decimal.
 */
export function rankTownships(rows: readonly TownshipFigures[]) {
  const sorted = [...rows].sort((a, b) => b.activities - a.activities || b.leaflets - a.leaflets || b.audience - a.audience || a.townshipId - b.townshipId);
  const tie = (a: TownshipFigures, b: TownshipFigures) => a.activities === b.activities && a.leaflets === b.leaflets && a.audience === b.audience;
  let rank = 0;
  return sorted.map((row, index) => {
    if (index === 0 || !tie(row, sorted[index - 1]!)) rank = index + 1;
    return {
      rank,
      ...row,
      coverage: row.villagesTotal === 0 ? 0 : Math.round((row.villagesReached / row.villagesTotal) * 1000) / 1000,
      activitiesPerVillage: perVillage(row.activities, row.villagesTotal),
      leafletsPerVillage: perVillage(row.leaflets, row.villagesTotal),
      audiencePerVillage: perVillage(row.audience, row.villagesTotal),
    };
  });
}

/** Approved for a range: each of its months is approved, by itself or through its whole year. */
export const isApprovedThrough = (statusOf: (period: ReportPeriod) => PeriodStatus, from: IsoDate, to: IsoDate): boolean =>
  monthsBetween(from, to).every((month) => statusOf(month) === 'approved' || statusOf(month.slice(0, 4)) === 'approved');

/**
 * The submitted or approved period that holds an event of a township, or null: its start date's
 * year first, then its month, as the database's lock decides (pufa_check_period_open in the
 * submissions migration orders by the period's length). `statusOf` reads the township's periods
 * (GET /api/submissions's cells on the event page, the submissions table for an import).
 */
export function lockingPeriod(startDate: IsoDate, statusOf: (period: ReportPeriod) => PeriodStatus | undefined): { period: ReportPeriod; status: SubmissionStatus } | null {
  for (const period of [startDate.slice(0, 4), startDate.slice(0, 7)]) {
    const status = statusOf(period);
    if (status && isLockingStatus(status)) return { period, status: status as SubmissionStatus };
  }
  return null;
}
