import { describe, expect, it } from 'vitest';
import { campaignPeriodForYear, SUGGESTION_WINDOW_DAYS, suggestCampaigns, type CampaignTiming } from '../src/calendar.ts';
import { BUILTIN_CAMPAIGNS } from '../src/catalogs/campaigns.ts';

// The built-in calendar with ids as the API would give them.
const calendar: CampaignTiming[] = BUILTIN_CAMPAIGNS.map((c, i) => ({ id: i + 1, rule: c.rule, periods: c.periods ?? [] }));
const idOf = (code: string) => BUILTIN_CAMPAIGNS.findIndex((c) => c.code === code) + 1;
const timing = (code: string) => calendar[idOf(code) - 1]!;

describe('campaignPeriodForYear', () => {
  it('uses the recorded dates of a year when the period moves (宪法宣传周)', () => {
    expect(campaignPeriodForYear(timing('constitution-week'), 2022)).toEqual({ startDate: '2022-12-04', endDate: '2022-12-10' });
    expect(campaignPeriodForYear(timing('constitution-week'), 2025)).toEqual({ startDate: '2025-12-01', endDate: '2025-12-07' });
    expect(campaignPeriodForYear(timing('constitution-week'), 2021)).toEqual({ startDate: '2021-11-29', endDate: '2021-12-05' });
  });
  it('falls back to the yearly rule: a day, a month, a span', () => {
    expect(campaignPeriodForYear(timing('constitution-day'), 2027)).toEqual({ startDate: '2027-12-04', endDate: '2027-12-04' });
    expect(campaignPeriodForYear(timing('legal-publicity-month'), 2026)).toEqual({ startDate: '2026-03-01', endDate: '2026-03-31' });
    expect(campaignPeriodForYear(timing('womens-rights-week'), 2026)).toEqual({ startDate: '2026-03-01', endDate: '2026-03-08' });
  });
  it('has no period for a campaign without a time of year', () => {
    expect(campaignPeriodForYear(timing('law-at-the-market'), 2026)).toBeNull();
  });
});

describe('suggestCampaigns', () => {
  it('puts the named day first on the day itself, before the week and the neighbouring day', () => {
    const ids = suggestCampaigns('2026-12-04', calendar).map((s) => s.campaignId);
    expect(ids[0]).toBe(idOf('constitution-day'));
    expect(ids).toContain(idOf('constitution-week'));
    expect(ids).toContain(idOf('traffic-safety-day'));
  });
  it('suggests 6.26 a few days early, and the month of March inside it', () => {
    expect(suggestCampaigns('2026-06-22', calendar)[0]?.campaignId).toBe(idOf('anti-drug-day'));
    expect(suggestCampaigns('2026-03-27', calendar).map((s) => s.campaignId)).toEqual([idOf('legal-publicity-month')]);
    expect(suggestCampaigns('2026-03-18', calendar).map((s) => s.campaignId)).toEqual([idOf('legal-publicity-month'), idOf('consumer-rights-day')]);
  });
  it('suggests nothing far from any named day', () => {
    expect(suggestCampaigns('2026-08-10', calendar)).toEqual([]);
  });
  it('looks across New Year', () => {
    const lateDecember = suggestCampaigns('2026-12-09', calendar).map((s) => s.campaignId);
    expect(lateDecember).toContain(idOf('constitution-day'));
  });
  it('looks into the previous and the next year for a named day a few days away', () => {
    const newYearsEve: CampaignTiming = { id: 90, rule: { startMonth: 12, startDay: 31 }, periods: [] };
    const newYearsDay: CampaignTiming = { id: 91, rule: { startMonth: 1, startDay: 1 }, periods: [] };
    expect(suggestCampaigns('2027-01-03', [newYearsEve])).toEqual([{ campaignId: 90, distance: 3, periodLength: 1 }]);
    expect(suggestCampaigns('2026-12-29', [newYearsDay])).toEqual([{ campaignId: 91, distance: 3, periodLength: 1 }]);
  });
  it(`suggests a named day exactly ${SUGGESTION_WINDOW_DAYS} days away, not ${SUGGESTION_WINDOW_DAYS + 1}`, () => {
    const day: CampaignTiming = { id: 92, rule: { startMonth: 6, startDay: 26 }, periods: [] };
    expect(suggestCampaigns('2026-06-19', [day])).toEqual([{ campaignId: 92, distance: 7, periodLength: 1 }]);
    expect(suggestCampaigns('2026-07-03', [day]).map((s) => s.distance)).toEqual([7]);
    expect(suggestCampaigns('2026-06-18', [day])).toEqual([]);
  });
  it('puts the shortest period containing the date first, whatever the order of the calendar', () => {
    const month: CampaignTiming = { id: 93, rule: { startMonth: 3 }, periods: [] };
    const week: CampaignTiming = { id: 94, rule: { startMonth: 3, startDay: 1, endMonth: 3, endDay: 8 }, periods: [] };
    expect(suggestCampaigns('2026-03-05', [month, week])).toEqual([
      { campaignId: 94, distance: 0, periodLength: 8 },
      { campaignId: 93, distance: 0, periodLength: 31 },
    ]);
  });
});
