// An event's evidence files: the list, and the changes (caption, order, delete,
// restore). Uploads go through antd Upload's XHR (progress per file), see
// evidence-panel.tsx, and then invalidate these keys.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EventFile, EventFilePatch } from '@pufa/domain';
import { apiFetch } from '../../../lib/api-client.ts';
import { eventKeys } from '../../events/api/query-keys.ts';

export const fileKeys = {
  ofEvent: (eventId: number) => ['events', 'files', eventId] as const,
};

export const eventFilesQueryOptions = (eventId: number) =>
  queryOptions({ queryKey: fileKeys.ofEvent(eventId), queryFn: () => apiFetch<EventFile[]>(`/events/${eventId}/files`, { query: { deleted: 'include' } }) });

export const useEventFiles = (eventId: number) => useQuery(eventFilesQueryOptions(eventId));

/** After any change: this event's files, and the ledger's photo counts. */
export function useInvalidateFiles(eventId: number) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: fileKeys.ofEvent(eventId) }), queryClient.invalidateQueries({ queryKey: eventKeys.lists() })]);
}

export function useFileChange(eventId: number) {
  const invalidate = useInvalidateFiles(eventId);
  return useMutation({
    mutationFn: async (change: { id: number } & ({ kind: 'patch'; patch: EventFilePatch } | { kind: 'delete' } | { kind: 'restore' })): Promise<void> => {
      if (change.kind === 'patch') await apiFetch<EventFile>(`/files/${change.id}`, { method: 'PATCH', body: change.patch });
      else if (change.kind === 'delete') await apiFetch<void>(`/files/${change.id}`, { method: 'DELETE' });
      else await apiFetch<EventFile>(`/files/${change.id}/restore`, { method: 'POST' });
    },
    onSettled: () => invalidate(),
  });
}

export const fileUrl = (id: number) => `/api/files/${id}`;
export const thumbnailUrl = (id: number, size: 'small' | 'large' = 'small') => `/api/files/${id}/thumbnail?size=${size}`;
