import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AuditEntry } from '@pufa/domain';
import { apiFetch } from '../../../lib/api-client.ts';
import { eventKeys } from './query-keys.ts';

export const eventHistoryQueryOptions = (id: number) =>
  queryOptions({ queryKey: [...eventKeys.detail(id), 'history'], queryFn: () => apiFetch<AuditEntry[]>(`/events/${id}/history`) });

export const useEventHistory = (id: number) => useQuery(eventHistoryQueryOptions(id));
