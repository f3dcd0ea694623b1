import { describe, expect, it } from 'vitest';
import { addDays, describeIssues, EventCreateSchema, EventPatchSchema, futureDateLevel, latestEventDate, todayInChina } from '../src/index.ts';

describe('the future-date rule of an event (one schema for the form, the API and imports)', () => {
  it('warns on any day after today and refuses more than a year ahead', () => {
    expect(futureDateLevel('2026-11-27', '2026-11-27')).toBeNull();
    expect(futureDateLevel('2025-01-01', '2026-11-27')).toBeNull();
    expect(futureDateLevel('2026-11-28', '2026-11-27')).toBe('warn');
    expect(futureDateLevel('2027-11-27', '2026-11-27')).toBe('warn');
    expect(futureDateLevel('2027-11-28', '2026-11-27')).toBe('refuse');
    expect(futureDateLevel('2062-12-04', '2026-11-27')).toBe('refuse');
  });

  it('a year after 29 February is 28 February', () => {
    expect(latestEventDate('2028-02-29')).toBe('2029-02-28');
    expect(latestEventDate('2026-12-31')).toBe('2027-12-31');
  });

  const event = (startDate: string) => ({ startDate, title: '宪法宣传', townshipId: 1 });
  const today = todayInChina();

  it('EventCreateSchema refuses a start date more than a year ahead, with a field-level message, and accepts next week', () => {
    const far = EventCreateSchema.safeParse(event(addDays(latestEventDate(today), 1)), { reportInput: true });
    expect(far.success).toBe(false);
    const [error] = describeIssues(far.error!.issues);
    expect(error).toEqual({
      field: 'startDate',
      message: '开始日期：不能晚于一年以后；尚未开展的活动请列入年度计划',
      messageEn: 'Start date: cannot be more than a year ahead; put what is still to come in the annual plan',
    });
    expect(EventCreateSchema.safeParse(event(addDays(today, 7))).success).toBe(true);
    expect(EventCreateSchema.safeParse(event(latestEventDate(today))).success).toBe(true);
  });

  it('an edit cannot move an event there either', () => {
    expect(EventPatchSchema.safeParse({ version: 1, startDate: '2062-12-04' }).success).toBe(false);
  });
});
