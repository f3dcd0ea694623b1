// What the calendar shows on one day: named days, plan items and events, from one /api/calendar answer.
import { daysBetween, type Calendar, type PlanItem } from '@pufa/domain';

/** Periods longer than this (a publicity month) are shown on their first day only, not on every cell. */
const LONG_PERIOD_DAYS = 7;

export interface DayEntries {
  namedDays: Calendar['namedDays'];
  planItems: PlanItem[];
  events: Calendar['events'];
}

export function entriesOn(calendar: Calendar | undefined, date: string): DayEntries {
  if (!calendar) return { namedDays: [], planItems: [], events: [] };
  return {
    namedDays: calendar.namedDays.filter((d) =>
      daysBetween(d.startDate, d.endDate) + 1 > LONG_PERIOD_DAYS ? d.startDate === date : d.startDate <= date && date <= d.endDate,
    ),
    planItems: calendar.planItems.filter((item) => item.targetDate === date),
    events: calendar.events.filter((e) => e.startDate <= date && date <= (e.endDate ?? e.startDate)),
  };
}

/** A month's entries for the year view; month-only plan items count in their month. */
export function entriesInMonth(calendar: Calendar | undefined, year: number, month: number): DayEntries {
  if (!calendar) return { namedDays: [], planItems: [], events: [] };
  const prefix = `${year}-${String(month).padStart(2, '0')}`;
  return {
    namedDays: calendar.namedDays.filter((d) => d.startDate.startsWith(prefix)),
    planItems: calendar.planItems.filter((item) => item.year === year && item.targetMonth === month),
    events: calendar.events.filter((e) => e.startDate.startsWith(prefix)),
  };
}
