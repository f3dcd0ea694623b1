import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Reference } from '@pufa/domain';
import { apiFetch } from '../../../lib/api-client.ts';

export const referenceQueryOptions = () =>
  queryOptions({
    queryKey: ['reference'],
    queryFn: () => apiFetch<Reference>('/reference'),
    staleTime: 5 * 60_000,
  });

export const useReference = () => useQuery(referenceQueryOptions());
