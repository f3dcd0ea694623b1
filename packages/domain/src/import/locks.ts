// What a submitted period and the undo window mean for an import. A row dated
// in a month (or year) the township has submitted or approved cannot be
// written (the database's period lock refuses it), so the preview marks it
// with the lock's words and the commit leaves it out instead of failing the
// whole batch on it.
import type { ImportRow, ImportSummary } from '../schemas/import.ts';
import { lockingPeriod, periodLockedMessage, type PeriodStatus } from '../submissions.ts';
import type { EventCreate } from '../schemas/event.ts';

/** Days an import can be undone after its commit (the same as restoring a deleted event). */
export const IMPORT_UNDO_DAYS = 30;

/** The last moment an import committed at `committedAt` can be undone. */
export const importUndoDeadline = (committedAt: Date): Date => new Date(committedAt.getTime() + IMPORT_UNDO_DAYS * 86_400_000);

/**
 * Who may undo an import: an administrator (in scope), or the clerk who committed it,
 * since a clerk may delete the events of their township one by one anyway.
 */
export const mayUndoImport = (user: { id: number; role: string }, batch: { committedBy: { id: number } | null }): boolean =>
  user.role === 'admin' || (user.role === 'clerk' && batch.committedBy?.id === user.id);

interface Analysis {
  rows: ImportRow[];
  summary: ImportSummary;
  toCreate: { rowId: string; event: EventCreate }[];
}

/** Valid rows dated in a submitted or approved period become 'locked', with the lock's words; they are not created. */
export function markLockedRows<T extends Analysis>(analysis: T, statusOf: (period: string) => PeriodStatus | undefined): T {
  const locked = new Set<string>();
  const rows = analysis.rows.map((row): ImportRow => {
    if (row.status !== 'valid' || !row.event.startDate) return row;
    const lock = lockingPeriod(row.event.startDate, statusOf);
    if (!lock) return row;
    locked.add(row.id);
    const words = periodLockedMessage(lock.period, lock.status);
    return { ...row, status: 'locked', reason: { message: words.zh, messageEn: words.en } };
  });
  if (locked.size === 0) return analysis;
  return {
    ...analysis,
    rows,
    toCreate: analysis.toCreate.filter((c) => !locked.has(c.rowId)),
    summary: { ...analysis.summary, valid: analysis.summary.valid - locked.size, locked: analysis.summary.locked + locked.size },
  };
}
