// Rows in a submitted or approved period, and who may undo an import.
import { describe, expect, it } from 'vitest';
import { importUndoDeadline, mayUndoImport } from '../src/import/locks.ts';
import { analyzeImport, EMPTY_IMPORT_SETTINGS, type ImportCatalogs, type ImportSheet } from '../src/import/analyze.ts';
import { lockingPeriod } from '../src/submissions.ts';
import type { ImportRow } from '../src/schemas/import.ts';
import type { PeriodStatus } from '../src/submissions.ts';

const row = (id: string, startDate: string | null, status: ImportRow['status'] = 'valid'): ImportRow => ({
  id, sheet: 'S', rowNumber: Number(id.split(':')[1]), status, cells: {}, errors: [], interpretations: [],
  event: { startDate, endDate: null, title: id, townshipId: 1, campaignId: null, location: '', villageIds: [], sixInto: [], formIds: [], lawIds: [], departmentIds: [], targetGroupIds: [], audience: null, consultations: null, materials: [], notes: '' },
});
const statuses = (map: Record<string, PeriodStatus>) => (period: string) => map[period];

describe('lockingPeriod', () => {
  it('is the year when submitted or approved, else the month; a returned period is open', () => {
    expect(lockingPeriod('2026-11-30', statuses({ '2026-11': 'submitted' }))).toEqual({ period: '2026-11', status: 'submitted' });
    expect(lockingPeriod('2026-11-30', statuses({ '2026-11': 'returned', '2026': 'approved' }))).toEqual({ period: '2026', status: 'approved' });
    expect(lockingPeriod('2026-12-01', statuses({ '2026-11': 'submitted' }))).toBeNull();
    expect(lockingPeriod('2026-11-01', statuses({ '2026-11': 'returned', '2026': 'none' }))).toBeNull();
  });
});

describe('rows in a submitted period', () => {
  const catalogs: ImportCatalogs = {
    townshipId: 7, villages: [{ id: 1, name: '银杏村' }], departments: [], campaigns: [],
    materialTypes: [{ id: 11, name: '宣传资料/传单', nameEn: 'Leaflets', unit: '份', countsAsLeaflet: true }],
    forms: [], laws: [], targetGroups: [], sixInto: [],
  };
  const sheet: ImportSheet = {
    name: 'Sheet1',
    rows: [
      { number: 1, cells: ['活动时间', '活动主题', '涉及村', '发放资料（份）'] },
      { number: 2, cells: ['2026-11-03', '十一月活动', '银杏村', 100] },
      { number: 3, cells: ['2026-12-01', '十二月活动', '银杏村', 50] },
      { number: 4, cells: ['2026-11-05', '', '银杏村', 7] },
      { number: 5, cells: ['合计', null, null, 157] },
    ],
  };

  it("are marked with the lock's words, left out of the commit and of the 合计 check's imported total", () => {
    const analysis = analyzeImport([sheet], EMPTY_IMPORT_SETTINGS, catalogs, new Set(), statuses({ '2026-11': 'submitted' }));
    expect(analysis.rows.map((r) => r.status)).toEqual(['locked', 'valid', 'invalid', 'skipped']);
    expect(analysis.rows[0]!.reason).toEqual({ message: '2026年11月已上报，需县级退回后才能修改', messageEn: 'November 2026 has been submitted; it can be changed only after the county returns it' });
    expect(analysis.toCreate.map((c) => c.event.title)).toEqual(['十二月活动']);
    expect(analysis.summary).toMatchObject({ valid: 1, invalid: 1, locked: 1 });
    const [total] = analysis.sheets[0]!.totals;
    expect(total).toMatchObject({ fileTotal: 157, importedTotal: 50, matches: false });
    expect(total!.message).toContain('第 2 行不导入（所在月份已上报）');
  });

  it('are imported when the period is open or returned', () => {
    const analysis = analyzeImport([sheet], EMPTY_IMPORT_SETTINGS, catalogs, new Set(), statuses({ '2026-11': 'returned' }));
    expect(analysis.rows.map((r) => r.status)).toEqual(['valid', 'valid', 'invalid', 'skipped']);
  });
});

describe('undo', () => {
  it('an administrator, or the clerk who committed it; never a leader', () => {
    const batch = { committedBy: { id: 7 } };
    expect(mayUndoImport({ id: 1, role: 'admin' }, batch)).toBe(true);
    expect(mayUndoImport({ id: 7, role: 'clerk' }, batch)).toBe(true);
    expect(mayUndoImport({ id: 8, role: 'clerk' }, batch)).toBe(false);
    expect(mayUndoImport({ id: 7, role: 'leader' }, batch)).toBe(false);
    expect(mayUndoImport({ id: 7, role: 'clerk' }, { committedBy: null })).toBe(false);
  });
  it('within 30 days of the commit', () => {
    expect(importUndoDeadline(new Date('2026-01-01T00:00:00Z')).toISOString()).toBe('2026-01-31T00:00:00.000Z');
  });
});
