// The dashboard's period and org unit live in the URL, so a leader can bookmark
// "this year, my township" and a link can open the same view.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import dayjs from 'dayjs';
import { isRealDate, todayInChina } from '@pufa/domain';

export type PeriodKind = 'month' | 'year' | 'custom';

export interface DashboardParams {
  kind: PeriodKind;
  from: string;
  to: string;
  orgUnitId?: number;
}

const valid = (d: string | null): d is string => !!d && /^\d{4}-\d{2}-\d{2}$/.test(d) && isRealDate(d);

export function periodOf(kind: Exclude<PeriodKind, 'custom'>, anchor: string): { from: string; to: string } {
  const day = dayjs(anchor);
  return kind === 'month'
    ? { from: day.startOf('month').format('YYYY-MM-DD'), to: day.endOf('month').format('YYYY-MM-DD') }
    : { from: day.startOf('year').format('YYYY-MM-DD'), to: day.endOf('year').format('YYYY-MM-DD') };
}

/**
 * The same period one year earlier (29 February becomes the 28th). A period
 * still under way is compared up to today only: this year so far against last
 * year to the same day, not against all of last year.
 */
export function samePeriodLastYear({ from, to: end }: { from: string; to: string }, today = todayInChina()) {
  const to = end > today && from <= today ? today : end;
  const back = (d: string) => dayjs(d).subtract(1, 'year');
  // A whole month stays a whole month: 2024-02-29 -> 2023-02-28.
  const lastDay = dayjs(to).date() === dayjs(to).daysInMonth() ? back(to).endOf('month') : back(to);
  return { from: back(from).format('YYYY-MM-DD'), to: lastDay.format('YYYY-MM-DD') };
}

export function useDashboardParams() {
  const [search, setSearch] = useSearchParams();
  const params = useMemo<DashboardParams>(() => {
    const kind = (['month', 'year', 'custom'] as const).find((k) => k === search.get('period')) ?? 'year';
    const orgUnitId = Number(search.get('orgUnitId')) || undefined;
    const [from, to] = [search.get('from'), search.get('to')];
    if (valid(from) && valid(to) && from <= to) return { kind, from, to, orgUnitId };
    return { kind: kind === 'custom' ? 'year' : kind, ...periodOf(kind === 'month' ? 'month' : 'year', todayInChina()), orgUnitId };
  }, [search]);
  const update = useCallback(
    (next: Partial<DashboardParams>) => {
      const merged = { ...params, ...next };
      const entries: [string, string][] = [['period', merged.kind], ['from', merged.from], ['to', merged.to]];
      if (merged.orgUnitId) entries.push(['orgUnitId', String(merged.orgUnitId)]);
      setSearch(new URLSearchParams(entries), { replace: true });
    },
    [params, setSearch],
  );
  return { params, update };
}
