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
});
