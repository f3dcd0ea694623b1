// The rules of the annual plan (年度普法计划): when a plan item falls in
// another year, which events may fulfil it, and whether it is done.
import { campaignPeriodForYear, type CampaignTiming } from './calendar.ts';
import { addDays, daysBetween, daysInMonth, isoDate, yearOf, type IsoDate } from './dates.ts';

export interface PlanTiming {
  targetDate: IsoDate | null;
  targetMonth: number;
}

/**
 * The item's timing in `toYear`. A day tied to a campaign whose dates move
 * (宪法宣传周) keeps its place in the campaign's period; any other day keeps
 * its month and day (29 February becomes the 28th); a month-only item keeps its month.
 */
export function shiftPlanTiming(item: PlanTiming, fromYear: number, toYear: number, campaign?: CampaignTiming | null): PlanTiming {
  if (!item.targetDate) return { targetDate: null, targetMonth: item.targetMonth };
  const [, month, day] = item.targetDate.split('-').map(Number) as [number, number, number];
  if (campaign) {
    const from = campaignPeriodForYear(campaign, fromYear);
    const to = campaignPeriodForYear(campaign, toYear);
    if (from && to && item.targetDate >= from.startDate && item.targetDate <= from.endDate) {
      const offset = Math.min(daysBetween(from.startDate, item.targetDate), daysBetween(to.startDate, to.endDate));
      const shifted = new Date(Date.parse(`${to.startDate}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
      return { targetDate: shifted, targetMonth: Number(shifted.slice(5, 7)) };
    }
  }
  const targetDate = isoDate(toYear, month, Math.min(day, daysInMonth(toYear, month)));
  return { targetDate, targetMonth: month };
}

/** How far from a planned day an event may be and still be suggested for it. */
export const PLAN_MATCH_WINDOW_DAYS = 7;

export interface MatchablePlanItem extends PlanTiming {
  id: number;
  townshipId: number;
  year: number;
  campaignId: number | null;
}

export interface MatchableEvent {
  townshipId: number;
  startDate: IsoDate;
  campaignId: number | null;
}

/**
 * Plan items an event may fulfil, best first: same township and year, and
 * either the same campaign or a date within the window of the planned day
 * (for a month-only item: the same month). Same campaign and close date beats either alone.
 */
export function suggestPlanItems<T extends MatchablePlanItem>(event: MatchableEvent, items: readonly T[]): T[] {
  const year = Number(event.startDate.slice(0, 4));
  const month = Number(event.startDate.slice(5, 7));
  const scored = items.flatMap((item) => {
    if (item.townshipId !== event.townshipId || item.year !== year) return [];
    const sameCampaign = item.campaignId !== null && item.campaignId === event.campaignId;
    // A month-only item matches anywhere in its month, but less closely than a planned day nearby.
    const distance = item.targetDate
      ? Math.abs(daysBetween(item.targetDate, event.startDate))
      : item.targetMonth === month
        ? PLAN_MATCH_WINDOW_DAYS
        : Infinity;
    const isNear = distance <= PLAN_MATCH_WINDOW_DAYS;
    if (!sameCampaign && !isNear) return [];
    return [{ item, score: (sameCampaign ? 100 : 0) + (isNear ? 50 - distance : 0) }];
  });
  return scored.sort((a, b) => b.score - a.score).map((s) => s.item);
}

/**
 * The plan item an event is linked to on save, without asking: the only item of the event's
 * township and year with the event's campaign whose planned day is within the window (for a
 * month-only item: in the same month). None when no item or several match; the clerk then links
 * by hand from the suggestions.
 */
export function autoLinkPlanItem<T extends MatchablePlanItem>(event: MatchableEvent, items: readonly T[]): T | null {
  if (event.campaignId === null) return null;
  const year = Number(event.startDate.slice(0, 4));
  const month = Number(event.startDate.slice(5, 7));
  const matches = items.filter(
    (item) =>
      item.townshipId === event.townshipId &&
      item.year === year &&
      item.campaignId === event.campaignId &&
      (item.targetDate ? Math.abs(daysBetween(item.targetDate, event.startDate)) <= PLAN_MATCH_WINDOW_DAYS : item.targetMonth === month),
  );
  return matches.length === 1 ? matches[0]! : null;
}

export const PLAN_STATUSES = ['done', 'partial', 'notDone'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/**
 * Done when linked events cover every target village (or, with no target
 * villages, when any event is linked); partly done when they cover some; not
 * done when no event is linked.
 */
export function planItemStatus(targetVillageIds: readonly number[], linkedEvents: readonly { villageIds: readonly number[] }[]): { status: PlanStatus; coveredVillageIds: number[] } {
  if (linkedEvents.length === 0) return { status: 'notDone', coveredVillageIds: [] };
  const reached = new Set(linkedEvents.flatMap((e) => e.villageIds));
  const coveredVillageIds = targetVillageIds.filter((id) => reached.has(id));
  const status = coveredVillageIds.length === targetVillageIds.length ? 'done' : 'partial';
  return { status, coveredVillageIds };
}

/** How far ahead the home page's reminder (未来14天) looks. */
export const REMINDER_HORIZON_DAYS = 14;

/**
 * The dates the reminder has to read (GET /api/calendar): from the start of the earliest named
 * period still running today, so that plan items anywhere in that period count, to the horizon.
 */
export function reminderWindow(today: IsoDate, campaigns: readonly CampaignTiming[], horizonDays = REMINDER_HORIZON_DAYS): { from: IsoDate; to: IsoDate } {
  let from = today;
  for (const campaign of campaigns) {
    // A period running today began this year or, across New Year, the year before.
    for (const year of [yearOf(today) - 1, yearOf(today)]) {
      const period = campaignPeriodForYear(campaign, year);
      if (period && period.startDate < from && period.endDate >= today) from = period.startDate;
    }
  }
  return { from, to: addDays(today, horizonDays) };
}

/** A named day as the calendar gives it: a campaign's period in one year. */
export interface NamedPeriod {
  campaignId: number;
  startDate: IsoDate;
  endDate: IsoDate;
}

export interface ReminderPlanItem {
  id: number;
  year: number;
  campaignId: number | null;
  targetDate: IsoDate | null;
  targetMonth: number;
}

/** 进行中: began before today and still running; 今天: begins today; else so many days ahead. */
export type ReminderTiming = 'ongoing' | 'today' | 'ahead';

export interface Reminder<T extends ReminderPlanItem> {
  /** A named day (its campaign), or a plan item on a day of its own (null). */
  campaignId: number | null;
  startDate: IsoDate;
  endDate: IsoDate;
  timing: ReminderTiming;
  /** Days from today to the start; 0 unless ahead. */
  daysAhead: number;
  /** A named day's plan items (none: 尚未计划); a plan item's row: the item itself. */
  items: T[];
}

/**
 * The reminder's rows, by start: every named period running today or starting within the
 * horizon, with the plan items of its campaign planned anywhere in the period (before today too:
 * 宪法宣传周机关干部学法 on 12.6 counts for the week that ends on 12.7); then every other plan item
 * dated from today to the horizon.
 */
export function upcomingReminders<T extends ReminderPlanItem>(today: IsoDate, namedDays: readonly NamedPeriod[], planItems: readonly T[], horizonDays = REMINDER_HORIZON_DAYS): Reminder<T>[] {
  const until = addDays(today, horizonDays);
  const when = (startDate: IsoDate) => ({
    timing: (startDate < today ? 'ongoing' : startDate === today ? 'today' : 'ahead') as ReminderTiming,
    daysAhead: Math.max(0, daysBetween(today, startDate)),
  });
  const inPeriod = (item: T, day: NamedPeriod) => {
    if (item.campaignId !== day.campaignId) return false;
    if (item.targetDate) return day.startDate <= item.targetDate && item.targetDate <= day.endDate;
    // A month-only item counts for a period that overlaps its month.
    const month = isoDate(item.year, item.targetMonth, 1).slice(0, 7);
    return day.startDate.slice(0, 7) <= month && month <= day.endDate.slice(0, 7);
  };
  const named = namedDays
    .filter((day) => day.endDate >= today && day.startDate <= until)
    .map((day): Reminder<T> => ({ campaignId: day.campaignId, startDate: day.startDate, endDate: day.endDate, ...when(day.startDate), items: planItems.filter((item) => inPeriod(item, day)) }));
  const shown = new Set(named.flatMap((row) => row.items.map((item) => item.id)));
  const own = planItems
    .filter((item) => !shown.has(item.id) && item.targetDate !== null && item.targetDate >= today && item.targetDate <= until)
    .map((item): Reminder<T> => ({ campaignId: null, startDate: item.targetDate!, endDate: item.targetDate!, ...when(item.targetDate!), items: [item] }));
  return [...named, ...own].sort((a, b) => a.startDate.localeCompare(b.startDate));
}
