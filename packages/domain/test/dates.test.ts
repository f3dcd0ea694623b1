import { describe, expect, it } from 'vitest';
import { addDays, dateToIso, daysBetween, endOfMonth, isoDate, isRealDate, isWholeYear, todayInChina, formatMoment, dayOfMoment } from '../src/dates.ts';

describe('isRealDate', () => {
  it.each(['2026-12-04', '2024-02-29', '2000-01-01', '2026-12-31'])('accepts %s', (d) => expect(isRealDate(d)).toBe(true));
  it.each(['2026-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-1', '2026/12/04', '20261204', '', ' 2026-12-04', '02026-12-04', '2026-12-04 ', '2026-12-04\n'])(
    'rejects %s',
    (d) => expect(isRealDate(d)).toBe(false),
  );
});

describe('todayInChina', () => {
  it('is already tomorrow in Beijing at 16:30 UTC', () => {
    expect(todayInChina(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12-01');
    expect(todayInChina(new Date('2026-11-30T15:59:00Z'))).toBe('2026-11-30');
  });
});

describe('day arithmetic', () => {
  it('crosses months and leap days', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(addDays('2025-12-29', 7)).toBe('2026-01-05');
  });
});

describe('isoDate, endOfMonth, dateToIso', () => {
  it('writes four-digit years and two-digit months and days', () => {
    expect(isoDate(2026, 3, 5)).toBe('2026-03-05');
    expect(isoDate(987, 12, 31)).toBe('0987-12-31');
  });
  it('finds the last day of a month, leap years included', () => {
    expect(endOfMonth('2026-02-10')).toBe('2026-02-28');
    expect(endOfMonth('2024-02-10')).toBe('2024-02-29');
    expect(endOfMonth('2026-12-01')).toBe('2026-12-31');
  });
  it('reads a database DATE (midnight UTC) as its calendar day', () => {
    expect(dateToIso(new Date('2026-06-26T00:00:00Z'))).toBe('2026-06-26');
  });
});

describe('isWholeYear', () => {
  it('is 1 January to 31 December of one year, nothing shorter or longer', () => {
    expect(isWholeYear('2026-01-01', '2026-12-31')).toBe(true);
    expect(isWholeYear('2026-01-01', '2027-12-31')).toBe(false);
    expect(isWholeYear('2026-01-02', '2026-12-31')).toBe(false);
    expect(isWholeYear('2026-01-01', '2026-12-30')).toBe(false);
    expect(isWholeYear('2026-03-01', '2026-06-30')).toBe(false);
  });
});

describe('formatMoment and dayOfMoment (how the app shows a moment)', () => {
  it('writes YYYY-MM-DD HH:mm in China Standard Time, whatever the machine zone', () => {
    expect(formatMoment('2026-12-06T16:05:09.123Z')).toBe('2026-12-07 00:05');
    expect(formatMoment(new Date('2026-12-07T08:35:00Z'))).toBe('2026-12-07 16:35');
    expect(formatMoment('2026-12-31T15:59:59Z')).toBe('2026-12-31 23:59');
    expect(dayOfMoment('2026-12-31T16:00:00Z')).toBe('2027-01-01');
    expect(formatMoment('not a date')).toBe('');
  });
});
