// Rows in a submitted or approved period, and who may undo an import.
import { describe, expect, it } from 'vitest';
import { importUndoDeadline, markLockedRows, mayUndoImport } from '../src/import/locks.ts';
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

describe('markLockedRows', () => {
  it('marks only valid rows in a locked period, with the lock\'s words, and leaves them out of the commit', () => {
    const rows = [row('0:2', '2026-11-03'), row('0:3', '2026-12-01'), row('0:4', '2026-11-05', 'invalid'), row('0:5', '2026-11-09', 'duplicate')];
    const analysis = {
      rows,
      summary: { rows: 4, valid: 2, invalid: 1, duplicates: 1, excluded: 0, skipped: 0, locked: 0 },
      toCreate: [{ rowId: '0:2', event: { title: 'a' } }, { rowId: '0:3', event: { title: 'b' } }] as never[],
    };
    const marked = markLockedRows(analysis, statuses({ '2026-11': 'submitted' }));
    expect(marked.rows.map((r) => r.status)).toEqual(['locked', 'valid', 'invalid', 'duplicate']);
    expect(marked.rows[0]!.reason).toEqual({ message: '2026年11月已上报，需县级退回后才能修改', messageEn: 'November 2026 has been submitted; it can be changed only after the county returns it' });
    expect(marked.toCreate.map((c: { rowId: string }) => c.rowId)).toEqual(['0:3']);
    expect(marked.summary).toEqual({ rows: 4, valid: 1, invalid: 1, duplicates: 1, excluded: 0, skipped: 0, locked: 1 });
    expect(markLockedRows(analysis, statuses({}))).toBe(analysis);
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
