import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuditEntry, Event, User, UserCreate, UserPatch } from '@pufa/domain';
import { apiFetch } from '../../../lib/api-client.ts';
import { eventKeys } from '../../events/api/query-keys.ts';

const keys = { users: ['admin', 'users'] as const, deleted: ['admin', 'deleted-events'] as const, audit: (page: number) => ['admin', 'audit', page] as const };

export const useUsers = () => useQuery({ queryKey: keys.users, queryFn: () => apiFetch<User[]>('/users') });

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UserCreate) => apiFetch<User>('/users', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.users }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: UserPatch & { id: number }) => apiFetch<User>(`/users/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.users }),
  });
}

export type DeletedEvent = Event & { deletedAt: string; deletedById: number | null };

export const useDeletedEvents = () => useQuery({ queryKey: keys.deleted, queryFn: () => apiFetch<DeletedEvent[]>('/events/deleted') });

export function useRestoreEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiFetch<Event>(`/events/${id}/restore`, { method: 'POST' }),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: keys.deleted }), queryClient.invalidateQueries({ queryKey: eventKeys.all })]),
  });
}

export const useAuditLog = (page: number) =>
  useQuery({ queryKey: keys.audit(page), queryFn: () => apiFetch<{ items: AuditEntry[]; total: number }>('/audit', { query: { page, pageSize: 50 } }) });
