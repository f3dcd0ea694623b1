// The rules of the annual plan (年度普法计划): when a plan item falls in
// another year, which events may fulfil it, and whether it is done.
import { campaignPeriodForYear, type CampaignTiming } from './calendar.ts';
import { daysBetween, daysInMonth, isoDate, type IsoDate } from './dates.ts';

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
