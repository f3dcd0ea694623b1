import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { StatsGroup, StatsResponse } from '@pufa/domain';
import { apiFetch } from '../../../lib/api-client.ts';

export interface StatsParams {
  from: string;
  to: string;
  orgUnitId?: number;
}

export const statsKeys = { all: ['stats'] as const };

export const useStats = (params: StatsParams, groupBy: StatsGroup, { enabled = true }: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: [...statsKeys.all, params, groupBy],
    queryFn: () => apiFetch<StatsResponse>('/stats', { query: { ...params, groupBy } }),
    placeholderData: keepPreviousData,
    enabled,
  });
