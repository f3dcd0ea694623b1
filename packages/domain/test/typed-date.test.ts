// The event form's date fields read what clerks type as the import reads a ledger's dates.
import { describe, expect, it } from 'vitest';
import { readTypedDate } from '../src/index.ts';

const today = '2026-12-07';

describe('readTypedDate', () => {
  it.each(['2026-12-4', '2026.12.4', '2026/12/4', '20261204', '2026年12月4日', '2026-12-04', ' 2026.12.04 ', '二〇二六年十二月四日'])('reads %s as 2026-12-04', (text) => {
    expect(readTypedDate(text, today)).toEqual({ kind: 'date', startDate: '2026-12-04', endDate: null });
  });

  it('takes this year for a date typed without one', () => {
    expect(readTypedDate('3月15日', today)).toEqual({ kind: 'date', startDate: '2026-03-15', endDate: null });
    expect(readTypedDate('3月15日', '2027-01-02')).toEqual({ kind: 'date', startDate: '2027-03-15', endDate: null });
  });

  it('reads a range as a start and an end', () => {
    expect(readTypedDate('2026.12.1-5', today)).toEqual({ kind: 'date', startDate: '2026-12-01', endDate: '2026-12-05' });
  });

  it('says why a date cannot be read, in both languages', () => {
    expect(readTypedDate('2026-2-30', today)).toEqual({ kind: 'error', words: { zh: '日历上没有这一天：“2026-2-30”', en: 'no such day in the calendar: “2026-2-30”' } });
    expect(readTypedDate('下周', today)).toMatchObject({ kind: 'error', words: { zh: '读不出日期：“下周”' } });
    expect(readTypedDate('  ', today)).toEqual({ kind: 'blank' });
  });

  it('refuses a real day outside the years an event may have, saying what it read and the bounds', () => {
    expect(readTypedDate('19000101', today)).toEqual({
      kind: 'error',
      words: {
        zh: '日期超出允许范围：“19000101”读作 1900-01-01，年份应在 2000 至 2100 之间',
        en: 'date out of the allowed range: “19000101” reads as 1900-01-01; the year must be between 2000 and 2100',
      },
    });
    expect(readTypedDate('1999-12-31', today)).toMatchObject({ kind: 'error', words: { zh: expect.stringContaining('1999-12-31') } });
    expect(readTypedDate('2101.1.1', today)).toMatchObject({ kind: 'error' });
    expect(readTypedDate('2100.12.28-1.3', today)).toMatchObject({ kind: 'error', words: { zh: expect.stringContaining('2101-01-03') } });
    expect(readTypedDate('20000101', today)).toEqual({ kind: 'date', startDate: '2000-01-01', endDate: null });
    expect(readTypedDate('2100-12-31', today)).toEqual({ kind: 'date', startDate: '2100-12-31', endDate: null });
  });
});
