import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Screen } from '@pufa/domain';
import { apiFetch } from '../../../lib/api-client.ts';

export const screenQueryOptions = () =>
  queryOptions({
    queryKey: ['screen'] as const,
    queryFn: () => apiFetch<Screen>('/screen'),
    // The stream says when to fetch again; a slow minute's poll covers a stream that cannot open.
    staleTime: Infinity,
    refetchInterval: 60_000,
  });

export const useScreen = () => useQuery(screenQueryOptions());
