// Whether a submitted or approved period (上报) locks an event, and why: the event page
// disables its edit and delete with the reason instead of letting the save be refused.
import { lockingPeriod, periodLockedMessage, type Bilingual } from '@pufa/domain';
import { useSubmissionGrid } from '../submissions/api/submissions.ts';

export function useEventLock(event: { townshipId: number; startDate: string } | undefined): Bilingual | null {
  const grid = useSubmissionGrid(Number(event?.startDate.slice(0, 4) ?? 0), event !== undefined);
  const row = grid.data?.rows.find((r) => r.townshipId === event?.townshipId);
  const lock = event && row ? lockingPeriod(event.startDate, (period) => row.cells.find((c) => c.period === period)?.status) : null;
  return lock && periodLockedMessage(lock.period, lock.status);
}
