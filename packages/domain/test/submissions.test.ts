import { describe, expect, it } from 'vitest';
import { DEFAULT_REPORTING_RULES, isApprovedThrough, isLate, isPeriodRequired, monthPeriod, periodLabel, periodState, reportParagraphs, parsePeriod, periodDueDate, periodHasBegun, periodLockedMessage, periodRange, periodsOfYear, rankTownships, SubmissionCreateSchema, isNamedDayRequired, lastStartAsking, namedDayLastStart } from '../src/index.ts';

describe('reporting periods', () => {
  it('reads months and years, and refuses anything else', () => {
    expect(parsePeriod('2026-11')).toEqual({ year: 2026, month: 11 });
    expect(parsePeriod('2026')).toEqual({ year: 2026, month: null });
    for (const bad of ['2026-13', '2026-00', '2026-1', '26-11', '2026-11-01', '']) expect(SubmissionCreateSchema.safeParse({ townshipId: 1, period: bad }).success).toBe(false);
  });

  it('gives each period its days and its due day, clamped to short months', () => {
    expect(periodRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodRange('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodDueDate('2026-11', DEFAULT_REPORTING_RULES)).toBe('2026-12-05');
    expect(periodDueDate('2026-12', DEFAULT_REPORTING_RULES)).toBe('2027-01-05');
    expect(periodDueDate('2026', DEFAULT_REPORTING_RULES)).toBe('2027-03-01');
    expect(periodDueDate('2026-01', { ...DEFAULT_REPORTING_RULES, monthDueDay: 31 })).toBe('2026-02-28');
    expect(periodsOfYear(2026)).toHaveLength(13);
  });

  it('is late only past the due day and while the county has nothing it can accept', () => {
    expect(isLate('none', '2026-12-05', '2026-12-05')).toBe(false);
    expect(isLate('none', '2026-12-05', '2026-12-06')).toBe(true);
    expect(isLate('returned', '2026-12-05', '2026-12-06')).toBe(true);
    expect(isLate('submitted', '2026-12-05', '2026-12-06')).toBe(false);
    expect(isLate('approved', '2026-12-05', '2027-12-06')).toBe(false);
    expect(periodHasBegun('2026-11', '2026-11-01')).toBe(true);
    expect(periodHasBegun('2026-12', '2026-11-30')).toBe(false);
  });

  it('requires a township\'s months from its first reporting month, and its years from that month\'s year', () => {
    expect(isPeriodRequired('2026-05', '2026-06')).toBe(false);
    expect(isPeriodRequired('2026-06', '2026-06')).toBe(true);
    expect(isPeriodRequired('2026-07', '2026-06')).toBe(true);
    expect(isPeriodRequired('2025-12', '2026-06')).toBe(false);
    expect(isPeriodRequired('2026', '2026-06')).toBe(true);
    expect(isPeriodRequired('2025', '2026-06')).toBe(false);
    expect(isPeriodRequired('2027', '2026-12')).toBe(true);
  });

  it('names the latest start month a period or a named day is asked of (what the SQL one level up compares with)', () => {
    expect(lastStartAsking('2026-06')).toBe('2026-06');
    expect(lastStartAsking('2026')).toBe('2026-12');
    expect(namedDayLastStart({ endDate: '2026-12-07' }, 2026)).toBe('2026-12');
    expect(namedDayLastStart({ endDate: '2026-04-15' }, 2026)).toBe('2026-04');
    expect(namedDayLastStart(null, 2026)).toBe('2026-12');
  });

  it('is never late before the township\'s reporting starts, however long past due', () => {
    expect(periodState('2025-03', 'none', DEFAULT_REPORTING_RULES, '2026-12-07', '2026-12')).toEqual({ dueDate: '2025-04-05', required: false, late: false });
    expect(periodState('2025', 'returned', DEFAULT_REPORTING_RULES, '2026-12-07', '2026-12')).toEqual({ dueDate: '2026-03-01', required: false, late: false });
    expect(periodState('2026-11', 'none', DEFAULT_REPORTING_RULES, '2026-12-07', '2026-11')).toEqual({ dueDate: '2026-12-05', required: true, late: true });
    expect(periodState('2026-11', 'none', DEFAULT_REPORTING_RULES, '2026-12-05', '2026-11')).toEqual({ dueDate: '2026-12-05', required: true, late: false });
    expect(periodState('2026-11', 'submitted', DEFAULT_REPORTING_RULES, '2026-12-07', '2026-11')).toEqual({ dueDate: '2026-12-05', required: true, late: false });
  });

  it('words the lock as the clerk reads it', () => {
    expect(periodLockedMessage('2026-11', 'submitted').zh).toBe('2026年11月已上报，需县级退回后才能修改');
    expect(periodLockedMessage('2026-11', 'submitted').en).toBe('November 2026 has been submitted; it can be changed only after the county returns it');
    expect(periodLockedMessage('2026', 'approved').zh).toBe('2026年已通过县级审核，需县级退回后才能修改');
    expect(periodLockedMessage('2026', 'approved').en).toBe('2026 has been approved by the county; it can be changed only after the county returns it');
  });

  it('names periods in both languages, lists a year\'s periods in order, and refuses what is not a period', () => {
    expect(periodLabel('2026')).toEqual({ zh: '2026年', en: '2026' });
    expect(periodLabel('2026-01')).toEqual({ zh: '2026年1月', en: 'January 2026' });
    expect(periodLabel('2026-12')).toEqual({ zh: '2026年12月', en: 'December 2026' });
    expect(monthPeriod(2026, 3)).toBe('2026-03');
    expect(periodsOfYear(2026)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2026']);
    expect(() => parsePeriod('2026-13')).toThrow('Not a period: 2026-13');
    expect(() => periodRange('26')).toThrow('Not a period: 26');
  });

  it('clamps a year\'s due day to the due month of the next year (29 February only in a leap year)', () => {
    expect(periodDueDate('2023', { ...DEFAULT_REPORTING_RULES, yearDueMonth: 2, yearDueDay: 29 })).toBe('2024-02-29');
    expect(periodDueDate('2024', { ...DEFAULT_REPORTING_RULES, yearDueMonth: 2, yearDueDay: 29 })).toBe('2025-02-28');
  });
});

describe('rankTownships', () => {
  const row = (townshipId: number, activities: number, leaflets: number, audience: number, villagesReached = 0, villagesTotal = 0) =>
    ({ townshipId, name: `t${townshipId}`, nameEn: `t${townshipId}`, activities, leaflets, audience, villagesReached, villagesTotal });

  it('orders by activities, leaflets, audience; equal figures share a rank', () => {
    const ranked = rankTownships([row(1, 3, 10, 5), row(2, 5, 0, 0), row(3, 3, 10, 5), row(4, 3, 10, 6), row(5, 1, 0, 0)]);
    expect(ranked.map((r) => [r.townshipId, r.rank])).toEqual([[2, 1], [4, 2], [1, 3], [3, 3], [5, 5]]);
  });

  it('gives different ranks to equal leaflets and audience when the activities differ (and likewise down the keys)', () => {
    expect(rankTownships([row(1, 2, 100, 50), row(2, 3, 100, 50)]).map((r) => [r.townshipId, r.rank])).toEqual([[2, 1], [1, 2]]);
    expect(rankTownships([row(1, 3, 90, 50), row(2, 3, 100, 50)]).map((r) => [r.townshipId, r.rank])).toEqual([[2, 1], [1, 2]]);
    expect(rankTownships([row(1, 3, 100, 40), row(2, 3, 100, 50)]).map((r) => [r.townshipId, r.rank])).toEqual([[2, 1], [1, 2]]);
    // Equal on every key: the same rank, listed by township id.
    expect(rankTownships([row(7, 3, 100, 50), row(2, 3, 100, 50)]).map((r) => [r.townshipId, r.rank])).toEqual([[2, 1], [7, 1]]);
  });

  it('gives coverage and per-village figures, and zeros for a township without villages', () => {
    const [withVillages] = rankTownships([row(1, 2, 100, 50, 2, 3)]);
    expect(withVillages).toMatchObject({ coverage: 0.667, activitiesPerVillage: 0.7, leafletsPerVillage: 33.3, audiencePerVillage: 16.7 });
    const [without] = rankTownships([row(1, 2, 100, 50, 0, 0)]);
    expect(without).toMatchObject({ coverage: 0, activitiesPerVillage: 0, leafletsPerVillage: 0, audiencePerVillage: 0 });
  });
});

describe('the report of approved figures', () => {
  const figures = { unitName: '示范县', unitNameEn: 'Demo County', from: '2026-01-01', to: '2026-12-31', activities: 0, leaflets: 0, audience: 0, consultations: 0, materials: [], villagesReached: 0, villagesTotal: 0, campaigns: [], sixInto: [], laws: [] };
  it('says nothing is approved yet rather than nothing was done, and names who is left out', () => {
    const p = reportParagraphs({ ...figures, notApproved: [{ name: '石门乡', nameEn: 'Shimen' }] });
    expect(p.exact).toBe('2026年，示范县尚无已通过县级审核的法治宣传数据。（以上为已通过县级审核的数据，未含未通过审核的石门乡。）');
    expect(reportParagraphs(figures).exact).toBe('2026年，示范县尚未登记法治宣传活动。');
    expect(reportParagraphs({ ...figures, notApproved: [] }).exact).toBe('2026年，示范县尚未登记法治宣传活动。（以上数据均已通过县级审核。）');
  });

  it('reads a range as approved only when every month is, by itself or through its year', () => {
    const statuses: Record<string, 'approved'> = { '2026-01': 'approved', '2026-02': 'approved', '2025': 'approved' };
    const statusOf = (p: string) => statuses[p] ?? 'none';
    expect(isApprovedThrough(statusOf, '2026-01-01', '2026-02-28')).toBe(true);
    expect(isApprovedThrough(statusOf, '2026-01-01', '2026-03-31')).toBe(false);
    expect(isApprovedThrough(statusOf, '2025-11-01', '2026-02-10')).toBe(true);
  });
});

describe('isNamedDayRequired', () => {
  it('asks a named day of a township when its dates end in or after the reporting start month', () => {
    expect(isNamedDayRequired({ endDate: '2025-05-31' }, 2025, '2025-06')).toBe(false);
    expect(isNamedDayRequired({ endDate: '2025-06-01' }, 2025, '2025-06')).toBe(true);
    // A week that runs into the start month is asked.
    expect(isNamedDayRequired({ endDate: '2026-12-05' }, 2026, '2026-12')).toBe(true);
    // A day without dates this year (market days): from the start month's year on.
    expect(isNamedDayRequired(null, 2025, '2025-06')).toBe(true);
    expect(isNamedDayRequired(null, 2024, '2025-06')).toBe(false);
  });
});
