import { describe, expect, it } from 'vitest';
import { periodOf, samePeriodLastYear } from './dashboard-params.ts';

describe('dashboard periods', () => {
  it('a month and a year around a day', () => {
    expect(periodOf('month', '2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodOf('year', '2026-11-26')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('compares with the same period last year, whole months staying whole', () => {
    expect(samePeriodLastYear({ from: '2024-02-01', to: '2024-02-29' }, '2030-01-01')).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    expect(samePeriodLastYear({ from: '2025-03-05', to: '2025-03-20' }, '2030-01-01')).toEqual({ from: '2024-03-05', to: '2024-03-20' });
  });

  it('compares a period still under way up to the same day last year', () => {
    expect(samePeriodLastYear({ from: '2026-01-01', to: '2026-12-31' }, '2026-11-26')).toEqual({ from: '2025-01-01', to: '2025-11-26' });
    expect(samePeriodLastYear({ from: '2026-11-01', to: '2026-11-30' }, '2026-11-26')).toEqual({ from: '2025-11-01', to: '2025-11-26' });
  });
});
