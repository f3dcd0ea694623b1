// Which submitted period holds an event: the web app disables its edit and delete by it.
import { describe, expect, it } from 'vitest';
import { lockingPeriod, type PeriodStatus } from '../src/index.ts';

const cells = (statuses: Record<string, PeriodStatus>) => (period: string): PeriodStatus | undefined => statuses[period];

describe('lockingPeriod', () => {
  it('is the month of the start date when that month is submitted or approved', () => {
    expect(lockingPeriod('2026-11-30', cells({ '2026-11': 'submitted' }))).toEqual({ period: '2026-11', status: 'submitted' });
    expect(lockingPeriod('2026-11-01', cells({ '2026-11': 'approved' }))).toEqual({ period: '2026-11', status: 'approved' });
  });

  it('is nothing for a returned or unsubmitted month, or a neighbouring month', () => {
    expect(lockingPeriod('2026-11-15', cells({ '2026-11': 'returned', '2026-10': 'approved', '2026-12': 'submitted' }))).toBeNull();
    expect(lockingPeriod('2026-11-15', cells({ '2026-11': 'none' }))).toBeNull();
    expect(lockingPeriod('2026-11-15', cells({}))).toBeNull();
  });

  it('takes the whole year first, as the database does', () => {
    expect(lockingPeriod('2026-03-08', cells({ '2026': 'approved', '2026-03': 'submitted' }))).toEqual({ period: '2026', status: 'approved' });
    expect(lockingPeriod('2026-03-08', cells({ '2026': 'returned', '2026-03': 'submitted' }))).toEqual({ period: '2026-03', status: 'submitted' });
    expect(lockingPeriod('2025-03-08', cells({ '2026': 'approved' }))).toBeNull();
  });
});
