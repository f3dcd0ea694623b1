import { describe, expect, it } from 'vitest';
import { monthsBetween, rollupMonth, statContributions, type BreakdownEvent } from '../src/stats.ts';

const types = new Map([
  [1, { id: 1, countsAsLeaflet: true }], // 宣传资料 份
  [3, { id: 3, countsAsLeaflet: false }], // 横幅 条
]);

const event: BreakdownEvent = {
  startDate: '2026-06-30',
  villageIds: [11, 12],
  audience: 80,
  consultations: 5,
  materials: [{ materialTypeId: 1, quantity: 300 }, { materialTypeId: 3, quantity: 2 }],
  campaignId: null,
  sixInto: ['villages'],
  departmentIds: [7],
  formIds: [],
  lawIds: [21, 22],
};

describe('statContributions', () => {
  it('one row in the total and the campaign (none), one in each village, 六进 place, department, law and material type', () => {
    const whole = { activities: 1, leaflets: 300, audience: 80, consultations: 5, quantity: 0 };
    expect(statContributions(event, types)).toEqual([
      { dimension: 'total', key: '', ...whole },
      { dimension: 'campaign', key: 'none', ...whole },
      { dimension: 'village', key: '11', ...whole },
      { dimension: 'village', key: '12', ...whole },
      { dimension: 'sixInto', key: 'villages', ...whole },
      { dimension: 'department', key: '7', ...whole },
      { dimension: 'law', key: '21', ...whole },
      { dimension: 'law', key: '22', ...whole },
      // A material row carries its quantity, and counts it as leaflets only for a type that counts.
      { dimension: 'materialType', key: '1', ...whole, leaflets: 300, quantity: 300 },
      { dimension: 'materialType', key: '3', ...whole, leaflets: 0, quantity: 2 },
    ]);
  });

  it('a material type the rules do not know is handed out but not counted as leaflets', () => {
    const rows = statContributions({ ...event, materials: [{ materialTypeId: 99, quantity: 40 }] }, types);
    expect(rows.find((r) => r.dimension === 'total')!.leaflets).toBe(0);
    expect(rows.find((r) => r.dimension === 'materialType')).toMatchObject({ key: '99', leaflets: 0, quantity: 40 });
  });

  it('counts an event once per key even when a list names a key twice, and under its campaign id', () => {
    const rows = statContributions({ ...event, campaignId: 4, villageIds: [11, 11] }, types);
    expect(rows.filter((r) => r.dimension === 'village').map((r) => r.key)).toEqual(['11']);
    expect(rows.find((r) => r.dimension === 'campaign')!.key).toBe('4');
  });
});

describe('months', () => {
  it('an event is rolled up on the first of its start month', () => {
    expect(rollupMonth('2026-06-30')).toBe('2026-06-01');
  });

  it('every month between two dates, across a new year, ends included', () => {
    expect(monthsBetween('2025-11-15', '2026-02-03')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03-31', '2026-03-31')).toEqual(['2026-03']);
  });
});
