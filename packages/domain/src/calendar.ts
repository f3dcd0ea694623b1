// When a campaign runs in a given year, and which campaigns a date suggests.
import type { CampaignRule } from './catalogs/campaigns.ts';
import { daysBetween, daysInMonth, isoDate, yearOf, type IsoDate } from './dates.ts';

export interface CampaignTiming {
  id: number;
  rule: CampaignRule | null;
  periods: readonly { year: number; startDate: IsoDate; endDate: IsoDate }[];
}

export interface Period {
  startDate: IsoDate;
  endDate: IsoDate;
}

/** The campaign's period in `year`: the year's recorded period if any, else the yearly rule. */
export function campaignPeriodForYear(campaign: CampaignTiming, year: number): Period | null {
  const recorded = campaign.periods.find((p) => p.year === year);
  if (recorded) return { startDate: recorded.startDate, endDate: recorded.endDate };
  const { rule } = campaign;
  if (!rule) return null;
  const startDate = isoDate(year, rule.startMonth, rule.startDay ?? 1);
  if (rule.endMonth !== undefined) {
    return { startDate, endDate: isoDate(year, rule.endMonth, rule.endDay ?? daysInMonth(year, rule.endMonth)) };
  }
  if (rule.startDay !== undefined) return { startDate, endDate: startDate };
  return { startDate, endDate: isoDate(year, rule.startMonth, daysInMonth(year, rule.startMonth)) };
}

/** How far before or after a named day a date still suggests it. */
export const SUGGESTION_WINDOW_DAYS = 7;

export interface CampaignSuggestion {
  campaignId: number;
  /** 0 when the date falls inside the period, else days to its nearest end. */
  distance: number;
  periodLength: number;
}

/**
 * Campaigns to offer for an event on `date`, best first: periods containing the
 * date (shortest, i.e. most specific, first), then named days within a week.
 */
export function suggestCampaigns(date: IsoDate, campaigns: readonly CampaignTiming[]): CampaignSuggestion[] {
  const year = yearOf(date);
  const suggestions: CampaignSuggestion[] = [];
  for (const campaign of campaigns) {
    // A named day near New Year belongs to the neighbouring year's calendar.
    for (const y of [year - 1, year, year + 1]) {
      const period = campaignPeriodForYear(campaign, y);
      if (!period) continue;
      const before = daysBetween(date, period.startDate);
      const after = daysBetween(period.endDate, date);
      const distance = Math.max(0, before, after);
      if (distance > SUGGESTION_WINDOW_DAYS) continue;
      suggestions.push({ campaignId: campaign.id, distance, periodLength: daysBetween(period.startDate, period.endDate) + 1 });
      break;
    }
  }
  return suggestions.sort((a, b) => a.distance - b.distance || a.periodLength - b.periodLength);
}
