import { describe, expect, it } from 'vitest';
import { dateRangeIssues, EventCreateSchema, EventPatchSchema } from '../src/schemas/event.ts';

describe('the event date range (dateRangeIssues, used by create, and by update after merging)', () => {
  it('allows one day and the longest span, 366 days counting both ends', () => {
    expect(dateRangeIssues({ startDate: '2026-06-26', endDate: '2026-06-26' })).toEqual([]);
    expect(dateRangeIssues({ startDate: '2026-03-01', endDate: '2027-03-01' })).toEqual([]);
    expect(dateRangeIssues({ startDate: '2026-06-26' })).toEqual([]);
  });

  it('refuses one day more, and an end before the start, on endDate', () => {
    expect(dateRangeIssues({ startDate: '2026-03-01', endDate: '2027-03-02' })).toEqual([{ path: ['endDate'], code: 'spanTooLong' }]);
    expect(dateRangeIssues({ startDate: '2026-06-26', endDate: '2026-06-25' })).toEqual([{ path: ['endDate'], code: 'endBeforeStart' }]);
  });

  it('is applied by the create and patch schemas', () => {
    const event = { startDate: '2026-03-01', title: '普法', townshipId: 1 };
    expect(EventCreateSchema.safeParse({ ...event, endDate: '2027-03-01' }).success).toBe(true);
    const refused = EventCreateSchema.safeParse({ ...event, endDate: '2027-03-02' });
    expect(refused.error?.issues.map((i) => i.path)).toEqual([['endDate']]);
    expect(EventPatchSchema.safeParse({ version: 1, startDate: '2026-03-01', endDate: '2027-03-02' }).success).toBe(false);
  });
});
