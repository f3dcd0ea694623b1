import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Event } from '@pufa/domain';
import { apiFetch } from '../../../lib/api-client.ts';
import { eventKeys } from './query-keys.ts';

export const eventQueryOptions = (id: number) =>
  queryOptions({ queryKey: eventKeys.detail(id), queryFn: () => apiFetch<Event>(`/events/${id}`) });

export const useEvent = (id: number) => useQuery(eventQueryOptions(id));
