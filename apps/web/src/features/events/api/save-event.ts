// Create, update and delete: each refreshes the lists (their totals change) and
// puts the saved event straight into its detail cache.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Event, EventCreate, EventCreated, EventPatch } from '@pufa/domain';
import { ActionKeys, apiCreate, apiFetch } from '../../../lib/api-client.ts';
import { eventKeys } from './query-keys.ts';

export function useCreateEvent() {
  const queryClient = useQueryClient();
  const [keys] = useState(() => new ActionKeys());
  const mutation = useMutation({
    // A save sent again (after a 503, a lost answer, or the clerk pressing save again) is the same event.
    mutationFn: (input: EventCreate) => apiCreate<EventCreated>('/events', input, keys),
    onSuccess: ({ linkedPlanItem, ...event }: EventCreated) => {
      queryClient.setQueryData(eventKeys.detail(event.id), event);
      // Linked to a plan item on save: the plans feature's queries (root key 'plans') change too.
      if (linkedPlanItem) void queryClient.invalidateQueries({ queryKey: ['plans'] });
      return queryClient.invalidateQueries({ queryKey: eventKeys.lists() });
    },
  });
  return {
    ...mutation,
    /** The save's Idempotency-Key (the one its sends used): the outbox keeps it when the save is queued. */
    keyFor: (input: EventCreate) => keys.keyFor('/events', input),
    /** The save was queued: the next save is a new action. */
    queued: () => keys.done(),
  };
}

export function useUpdateEvent(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: EventPatch) => apiFetch<Event>(`/events/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: (event) => {
      queryClient.setQueryData(eventKeys.detail(id), event);
      // Its history (修改记录) has a new entry; its detail is the saved event itself.
      void queryClient.invalidateQueries({ queryKey: [...eventKeys.detail(id), 'history'] });
      return queryClient.invalidateQueries({ queryKey: eventKeys.lists() });
    },
  });
}

export function useDeleteEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiFetch<void>(`/events/${id}`, { method: 'DELETE' }),
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: eventKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: eventKeys.lists() });
    },
  });
}
