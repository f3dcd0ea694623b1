// The undo window of an import, and who may undo it. (A row dated in a
// submitted or approved period is marked 'locked' by finishImport in
// analyze.ts, before the 合计 check, so the check counts it as not imported.)

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
