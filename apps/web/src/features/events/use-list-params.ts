// The event list's filter, sort and page live in the URL, so a filtered list can
// be bookmarked, shared, and opened from elsewhere (e.g. a dashboard bar).
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { EVENT_SORTS, type EventListQuery, type EventSort } from '@pufa/domain';

export type ListParams = Partial<EventListQuery>;

const EVIDENCE_FILTERS = ['none', 'mismatch'] as const;

const positiveInt = (value: string | null) => {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
};

export function useListParams() {
  const [search, setSearch] = useSearchParams();
  const params = useMemo<ListParams>(() => {
    const sort = search.get('sort');
    return {
      from: search.get('from') ?? undefined,
      to: search.get('to') ?? undefined,
      campaignId: positiveInt(search.get('campaignId')),
      villageId: positiveInt(search.get('villageId')),
      townshipId: positiveInt(search.get('townshipId')),
      sixInto: search.get('sixInto') ?? undefined,
      departmentId: positiveInt(search.get('departmentId')),
      formId: positiveInt(search.get('formId')),
      lawId: positiveInt(search.get('lawId')),
      materialTypeId: positiveInt(search.get('materialTypeId')),
      q: search.get('q') ?? undefined,
      evidence: EVIDENCE_FILTERS.find((value) => value === search.get('evidence')),
      page: positiveInt(search.get('page')) ?? 1,
      pageSize: positiveInt(search.get('pageSize')) ?? 20,
      sort: EVENT_SORTS.includes(sort as EventSort) ? (sort as EventSort) : '-startDate',
    };
  }, [search]);

  /** Changing a filter goes back to page 1; changing only the page keeps the filter. */
  const update = useCallback(
    (changes: ListParams) => {
      const next = { ...params, ...(('page' in changes) ? {} : { page: 1 }), ...changes };
      const entries = Object.entries(next).filter(([key, v]) => v !== undefined && v !== '' && !(key === 'page' && v === 1) && !(key === 'pageSize' && v === 20) && !(key === 'sort' && v === '-startDate'));
      setSearch(new URLSearchParams(entries.map(([k, v]) => [k, String(v)])), { replace: true });
    },
    [params, setSearch],
  );

  const clear = useCallback(() => setSearch(new URLSearchParams(), { replace: true }), [setSearch]);
  const hasFilter = Boolean(
    params.from || params.to || params.campaignId || params.villageId || params.q || params.townshipId ||
      params.sixInto || params.departmentId || params.formId || params.lawId || params.materialTypeId || params.evidence,
  );
  return { params, update, clear, hasFilter };
}
