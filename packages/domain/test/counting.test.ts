import { describe, expect, it } from 'vitest';
import { countingMonth, leafletTotal, summarize } from '../src/counting.ts';

const types = new Map([
  [1, { id: 1, countsAsLeaflet: true }], // 宣传资料 份
  [2, { id: 2, countsAsLeaflet: true }], // 手册 册
  [3, { id: 3, countsAsLeaflet: false }], // 横幅 条
]);

describe('counting rules', () => {
  it('count an event in the month it starts, even when it ends in the next', () => {
    expect(countingMonth('2026-01-31')).toBe('2026-01');
    expect(countingMonth('2026-12-01')).toBe('2026-12');
  });

  it('add up only the material types that count as leaflets', () => {
    expect(leafletTotal([{ materialTypeId: 1, quantity: 300 }, { materialTypeId: 2, quantity: 50 }, { materialTypeId: 3, quantity: 4 }], types)).toBe(350);
    expect(leafletTotal([{ materialTypeId: 99, quantity: 10 }], types)).toBe(0);
  });

  it('sum audience as person-times but count villages once', () => {
    const event = (villageIds: number[], audience: number) => ({ startDate: '2026-06-26', villageIds, audience, consultations: 2, materials: [{ materialTypeId: 1, quantity: 100 }] });
    expect(summarize([event([1, 2], 100), event([2, 3], 50), event([], 10)], types)).toEqual({
      activities: 3, leaflets: 300, audience: 160, consultations: 6, villagesReached: 3,
    });
    expect(summarize([], types)).toEqual({ activities: 0, leaflets: 0, audience: 0, consultations: 0, villagesReached: 0 });
  });
});
