import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { EventListQuery, EventListResponse } from '@pufa/domain';
import { apiFetch } from '../../../lib/api-client.ts';
import { eventKeys } from './query-keys.ts';

export const eventsQueryOptions = (query: Partial<EventListQuery>) =>
  queryOptions({
    queryKey: eventKeys.list(query),
    queryFn: () => apiFetch<EventListResponse>('/events', { query }),
    placeholderData: keepPreviousData,
  });

export const useEvents = (query: Partial<EventListQuery>, { enabled = true } = {}) =>
  useQuery({ ...eventsQueryOptions(query), enabled });
