import { describe, expect, it } from 'vitest';
import {
  autoLinkPlanItem,
  planItemStatus,
  reminderWindow,
  shiftPlanTiming,
  suggestPlanItems,
  upcomingReminders,
  REMINDER_HORIZON_DAYS,
  type MatchablePlanItem,
  type NamedPeriod,
  type ReminderPlanItem,
} from '../src/plans.ts';
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

describe('the reminder (未来14天): what is running or coming, with its plan items', () => {
  // 2026-12-07: 宪法宣传周 (12.1–12.7) ends today; 12·4 ended three days ago.
  const today = '2026-12-07';
  const week: NamedPeriod = { campaignId: 13, startDate: '2026-12-01', endDate: '2026-12-07' };
  const day = (campaignId: number, date: string): NamedPeriod => ({ campaignId, startDate: date, endDate: date });
  const item = (id: number, campaignId: number | null, targetDate: string | null, targetMonth = Number((targetDate ?? '2026-12').slice(5, 7))): ReminderPlanItem => ({
    id, year: 2026, campaignId, targetDate, targetMonth,
  });
  const brief = (rows: ReturnType<typeof upcomingReminders>) => rows.map((r) => [r.campaignId ?? `plan ${r.items[0]!.id}`, r.startDate, r.timing, r.daysAhead, r.items.map((i) => i.id)]);

  it('a period that began before today and ends today is 进行中, with the plan item planned before today inside it (12.6)', () => {
    const rows = upcomingReminders(today, [week, day(12, '2026-12-04')], [item(1, 13, '2026-12-06'), item(2, 12, '2026-12-04')]);
    expect(brief(rows)).toEqual([[13, '2026-12-01', 'ongoing', 0, [1]]]);
  });

  it('a period that began yesterday is 进行中; one that begins today is 今天; one ahead counts its days', () => {
    const rows = upcomingReminders(today, [day(20, '2026-12-06'), { campaignId: 21, startDate: '2026-12-06', endDate: '2026-12-08' }, day(22, today), day(23, '2026-12-08')], []);
    expect(brief(rows)).toEqual([
      [21, '2026-12-06', 'ongoing', 0, []],
      [22, today, 'today', 0, []],
      [23, '2026-12-08', 'ahead', 1, []],
    ]);
  });

  it(`looks ${REMINDER_HORIZON_DAYS} days ahead, that day included`, () => {
    const rows = upcomingReminders(today, [day(30, '2026-12-21'), day(31, '2026-12-22')], [item(5, null, '2026-12-21'), item(6, null, '2026-12-22')]);
    expect(brief(rows)).toEqual([
      [30, '2026-12-21', 'ahead', 14, []],
      ['plan 5', '2026-12-21', 'ahead', 14, [5]],
    ]);
  });

  it("counts a campaign's plan items only inside its period; any other item from today on, on a row of its own", () => {
    const rows = upcomingReminders(today, [week], [
      item(1, 13, '2026-11-30'), // the day before the week: not the week's, and past
      item(2, 13, '2026-12-01'), // its first day
      item(3, 13, '2026-12-08'), // the day after: its own row
      item(4, null, '2026-12-06'), // yesterday, no campaign: past
      item(5, null, today),
      item(6, 13, null, 12), // December, no day: the week is in December
      item(7, 13, null, 11),
    ]);
    expect(brief(rows)).toEqual([
      [13, '2026-12-01', 'ongoing', 0, [2, 6]],
      ['plan 5', today, 'today', 0, [5]],
      ['plan 3', '2026-12-08', 'ahead', 1, [3]],
    ]);
  });

  it('a month-only item counts for a period overlapping its month, in its own year', () => {
    const across = { campaignId: 40, startDate: '2026-11-29', endDate: '2026-12-05' };
    const rows = upcomingReminders('2026-12-01', [across], [item(1, 40, null, 11), item(2, 40, null, 12), item(3, 40, null, 10), { ...item(4, 40, null, 12), year: 2025 }]);
    expect(brief(rows)).toEqual([[40, '2026-11-29', 'ongoing', 0, [1, 2]]]);
  });

  it('drops a period that ended yesterday', () => {
    expect(upcomingReminders('2026-12-08', [week], [item(1, 13, '2026-12-06')])).toEqual([]);
  });
});

describe('reminderWindow: the dates the reminder reads', () => {
  const march: CampaignTiming = { id: 1, rule: { startMonth: 3 }, periods: [] };
  const crossing: CampaignTiming = { id: 2, rule: null, periods: [{ year: 2025, startDate: '2025-12-29', endDate: '2026-01-04' }] };

  it('starts at the start of the earliest period running today, and ends at the horizon', () => {
    expect(reminderWindow('2026-12-07', [constitutionWeek, constitutionDay])).toEqual({ from: '2026-12-01', to: '2026-12-21' });
    expect(reminderWindow('2026-12-01', [constitutionWeek])).toEqual({ from: '2026-12-01', to: '2026-12-15' });
    expect(reminderWindow('2026-12-08', [constitutionWeek, constitutionDay])).toEqual({ from: '2026-12-08', to: '2026-12-22' });
    expect(reminderWindow('2026-03-31', [march, constitutionWeek])).toEqual({ from: '2026-03-01', to: '2026-04-14' });
    expect(reminderWindow('2026-03-31', [march], 3)).toEqual({ from: '2026-03-01', to: '2026-04-03' });
  });

  it("reaches back into last year for a period running over New Year", () => {
    expect(reminderWindow('2026-01-04', [crossing, march])).toEqual({ from: '2025-12-29', to: '2026-01-18' });
    expect(reminderWindow('2026-01-05', [crossing])).toEqual({ from: '2026-01-05', to: '2026-01-19' });
  });
});
