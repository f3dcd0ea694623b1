import { describe, expect, it } from 'vitest';
import { autoLinkPlanItem, planItemStatus, shiftPlanTiming, suggestPlanItems, type MatchablePlanItem } from '../src/plans.ts';
import type { CampaignTiming } from '../src/calendar.ts';

const constitutionWeek: CampaignTiming = {
  id: 13,
  rule: { startMonth: 12, startDay: 1, endMonth: 12, endDay: 7 },
  periods: [
    { year: 2022, startDate: '2022-12-04', endDate: '2022-12-10' },
    { year: 2025, startDate: '2025-12-01', endDate: '2025-12-07' },
  ],
};
const constitutionDay: CampaignTiming = { id: 12, rule: { startMonth: 12, startDay: 4 }, periods: [] };

describe('shiftPlanTiming', () => {
  it('keeps 12.4 on 12.4', () => {
    expect(shiftPlanTiming({ targetDate: '2025-12-04', targetMonth: 12 }, 2025, 2026, constitutionDay)).toEqual({ targetDate: '2026-12-04', targetMonth: 12 });
  });
  it('keeps a day of a moving week at its place in the week', () => {
    // Third day of the 2022 week (12.4-12.10) → third day of the 2025 week (12.1-12.7).
    expect(shiftPlanTiming({ targetDate: '2022-12-06', targetMonth: 12 }, 2022, 2025, constitutionWeek)).toEqual({ targetDate: '2025-12-03', targetMonth: 12 });
  });
  it('keeps a month-only item in its month', () => {
    expect(shiftPlanTiming({ targetDate: null, targetMonth: 3 }, 2025, 2026)).toEqual({ targetDate: null, targetMonth: 3 });
  });
  it('moves the first and the last day of a moving week to the first and last day of its new dates', () => {
    expect(shiftPlanTiming({ targetDate: '2022-12-04', targetMonth: 12 }, 2022, 2025, constitutionWeek)).toEqual({ targetDate: '2025-12-01', targetMonth: 12 });
    expect(shiftPlanTiming({ targetDate: '2022-12-10', targetMonth: 12 }, 2022, 2025, constitutionWeek)).toEqual({ targetDate: '2025-12-07', targetMonth: 12 });
  });
  it("keeps a day outside its campaign's period on its month and day", () => {
    // 12.3 is before the 2022 week (12.4-12.10): not a day of the week, so not moved into the 2025 week.
    expect(shiftPlanTiming({ targetDate: '2022-12-03', targetMonth: 12 }, 2022, 2025, constitutionWeek)).toEqual({ targetDate: '2025-12-03', targetMonth: 12 });
    expect(shiftPlanTiming({ targetDate: '2022-12-11', targetMonth: 12 }, 2022, 2025, constitutionWeek)).toEqual({ targetDate: '2025-12-11', targetMonth: 12 });
  });
  it('keeps the month and day when the campaign has no dates in one of the years', () => {
    const onlyIn2022: CampaignTiming = { id: 14, rule: null, periods: [{ year: 2022, startDate: '2022-12-04', endDate: '2022-12-10' }] };
    expect(shiftPlanTiming({ targetDate: '2022-12-06', targetMonth: 12 }, 2022, 2025, onlyIn2022)).toEqual({ targetDate: '2025-12-06', targetMonth: 12 });
    expect(shiftPlanTiming({ targetDate: '2025-12-06', targetMonth: 12 }, 2025, 2022, onlyIn2022)).toEqual({ targetDate: '2022-12-06', targetMonth: 12 });
  });
  it('moves 29 February to the 28th in a common year', () => {
    expect(shiftPlanTiming({ targetDate: '2024-02-29', targetMonth: 2 }, 2024, 2025)).toEqual({ targetDate: '2025-02-28', targetMonth: 2 });
  });
});

describe('suggestPlanItems', () => {
  const item = (id: number, overrides: Partial<MatchablePlanItem>): MatchablePlanItem => ({ id, townshipId: 1, year: 2026, campaignId: null, targetDate: null, targetMonth: 1, ...overrides });
  const items = [
    item(1, { campaignId: 26, targetDate: '2026-06-26', targetMonth: 6 }), // 6.26 anti-drug day
    item(2, { targetDate: '2026-06-24', targetMonth: 6 }), // a planned day nearby, no campaign
    item(3, { targetMonth: 6 }), // month-only: June
    item(4, { campaignId: 26, targetDate: '2026-06-26', targetMonth: 6, townshipId: 2 }), // another township
    item(5, { campaignId: 12, targetDate: '2026-12-04', targetMonth: 12 }),
  ];

  it('puts the same campaign on the day first, then nearby days and the month', () => {
    expect(suggestPlanItems({ townshipId: 1, startDate: '2026-06-26', campaignId: 26 }, items).map((i) => i.id)).toEqual([1, 2, 3]);
  });
  it('matches the campaign even far from the planned day', () => {
    expect(suggestPlanItems({ townshipId: 1, startDate: '2026-06-05', campaignId: 26 }, items).map((i) => i.id)).toEqual([1, 3]);
  });
  it('sorts the matches best first whatever the order of the plan', () => {
    expect(suggestPlanItems({ townshipId: 1, startDate: '2026-06-26', campaignId: 26 }, [...items].reverse()).map((i) => i.id)).toEqual([1, 2, 3]);
  });
  it('suggests nothing for an event outside any plan', () => {
    expect(suggestPlanItems({ townshipId: 1, startDate: '2026-08-10', campaignId: null }, items)).toEqual([]);
    expect(suggestPlanItems({ townshipId: 1, startDate: '2025-06-26', campaignId: 26 }, items)).toEqual([]);
  });
});

describe('autoLinkPlanItem', () => {
  const item = (id: number, over: Partial<MatchablePlanItem>): MatchablePlanItem => ({ id, townshipId: 1, year: 2026, campaignId: null, targetDate: null, targetMonth: 1, ...over });
  const constitutionDay = item(1, { campaignId: 12, targetDate: '2026-12-04', targetMonth: 12 });
  it('links the one item of the same campaign and township within its window', () => {
    expect(autoLinkPlanItem({ townshipId: 1, startDate: '2026-12-04', campaignId: 12 }, [constitutionDay, item(2, { targetDate: '2026-12-05', targetMonth: 12 })])?.id).toBe(1);
    expect(autoLinkPlanItem({ townshipId: 1, startDate: '2026-12-11', campaignId: 12 }, [constitutionDay])?.id).toBe(1);
    expect(autoLinkPlanItem({ townshipId: 1, startDate: '2026-03-20', campaignId: 3 }, [item(3, { campaignId: 3, targetMonth: 3 })])?.id).toBe(3);
  });
  it('links nothing outside the window, in another township, without a campaign, or when two items match', () => {
    expect(autoLinkPlanItem({ townshipId: 1, startDate: '2026-12-12', campaignId: 12 }, [constitutionDay])).toBeNull();
    expect(autoLinkPlanItem({ townshipId: 2, startDate: '2026-12-04', campaignId: 12 }, [constitutionDay])).toBeNull();
    expect(autoLinkPlanItem({ townshipId: 1, startDate: '2026-12-04', campaignId: null }, [item(4, { targetDate: '2026-12-04', targetMonth: 12 })])).toBeNull();
    expect(autoLinkPlanItem({ townshipId: 1, startDate: '2026-12-04', campaignId: 12 }, [constitutionDay, item(5, { campaignId: 12, targetMonth: 12 })])).toBeNull();
  });
});

describe('planItemStatus', () => {
  it('is not done without events, partly done when some target villages are reached, done when all are', () => {
    expect(planItemStatus([1, 2, 3], [])).toEqual({ status: 'notDone', coveredVillageIds: [] });
    expect(planItemStatus([1, 2, 3], [{ villageIds: [1, 9] }])).toEqual({ status: 'partial', coveredVillageIds: [1] });
    expect(planItemStatus([1, 2, 3], [{ villageIds: [1, 2] }, { villageIds: [3] }])).toEqual({ status: 'done', coveredVillageIds: [1, 2, 3] });
  });
  it('is done with any event when no villages were targeted', () => {
    expect(planItemStatus([], [{ villageIds: [] }])).toEqual({ status: 'done', coveredVillageIds: [] });
  });
});
