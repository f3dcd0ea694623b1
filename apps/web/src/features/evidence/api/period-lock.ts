// Whether an event's files are locked: the month or the year of its start date
// is submitted or approved (上报). The database refuses the change anyway (409);
// this only lets the panel hide what would be refused and say why.
import { isLockingStatus, periodLockedMessage, type Bilingual, type SubmissionStatus } from '@pufa/domain';
import { useSubmissionGrid } from '../../submissions/api/submissions.ts';

export function useEventPeriodLock(townshipId: number, startDate: string, enabled: boolean): Bilingual | null {
  const year = Number(startDate.slice(0, 4));
  const grid = useSubmissionGrid(year, enabled);
  const row = grid.data?.rows.find((r) => r.townshipId === townshipId);
  // The year first, as the database names it first.
  const cell = [startDate.slice(0, 4), startDate.slice(0, 7)].map((period) => row?.cells.find((c) => c.period === period)).find((c) => c && isLockingStatus(c.status));
  return cell ? periodLockedMessage(cell.period, cell.status as SubmissionStatus) : null;
}
