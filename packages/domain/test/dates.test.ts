import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isRealDate, todayInChina } from '../src/dates.ts';

describe('isRealDate', () => {
  it.each(['2026-12-04', '2024-02-29', '2000-01-01', '2026-12-31'])('accepts %s', (d) => expect(isRealDate(d)).toBe(true));
  it.each(['2026-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-1', '2026/12/04', '20261204', ''])(
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
