// The annual plan, the calendar and the year-end check.
import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Calendar, PlanCheck, PlanCopy, PlanItem, PlanItemCreate, PlanItemPatch } from '@pufa/domain';
import { ActionKeys, apiCreate, apiFetch } from '../../../lib/api-client.ts';

export const planKeys = {
  all: ['plans'] as const,
  year: (townshipId: number, year: number) => [...planKeys.all, 'year', townshipId, year] as const,
  check: (townshipId: number, year: number) => [...planKeys.all, 'check', townshipId, year] as const,
  calendar: (townshipId: number, from: string, to: string) => [...planKeys.all, 'calendar', townshipId, from, to] as const,
  suggestions: (eventId: number) => [...planKeys.all, 'suggestions', eventId] as const,
};

export const usePlan = (townshipId: number | undefined, year: number) =>
  useQuery({
    queryKey: planKeys.year(townshipId ?? 0, year),
    queryFn: () => apiFetch<PlanItem[]>('/plans', { query: { townshipId, year } }),
    enabled: !!townshipId,
    placeholderData: keepPreviousData,
  });

export const usePlanCheck = (townshipId: number | undefined, year: number) =>
  useQuery({ queryKey: planKeys.check(townshipId ?? 0, year), queryFn: () => apiFetch<PlanCheck>('/plans/check', { query: { townshipId, year } }), enabled: !!townshipId });

export const useCalendar = (townshipId: number | undefined, from: string, to: string) =>
  useQuery({
    queryKey: planKeys.calendar(townshipId ?? 0, from, to),
    queryFn: () => apiFetch<Calendar>('/calendar', { query: { townshipId, from, to } }),
    enabled: !!townshipId,
    placeholderData: keepPreviousData,
  });

export const usePlanSuggestions = (eventId: number) =>
  useQuery({ queryKey: planKeys.suggestions(eventId), queryFn: () => apiFetch<PlanItem[]>('/plans/suggestions', { query: { eventId } }) });

/** Every plan change can move statuses, the calendar and the check: refresh all plan queries. */
function usePlanMutation<T, R = unknown>(request: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: request, onSuccess: () => queryClient.invalidateQueries({ queryKey: planKeys.all }) });
}

export function useCreatePlanItem() {
  const [keys] = useState(() => new ActionKeys());
  return usePlanMutation((input: PlanItemCreate) => apiCreate<PlanItem>('/plans', input, keys));
}
export const useUpdatePlanItem = () =>
  usePlanMutation(({ id, ...patch }: PlanItemPatch & { id: number }) => apiFetch<PlanItem>(`/plans/${id}`, { method: 'PATCH', body: patch }));
export const useDeletePlanItem = () => usePlanMutation((id: number) => apiFetch<void>(`/plans/${id}`, { method: 'DELETE' }));
export const useCopyPlan = () => usePlanMutation((input: PlanCopy) => apiFetch<PlanItem[]>('/plans/copy', { method: 'POST', body: input }));
export const useLinkPlanItem = () =>
  usePlanMutation(({ planItemId, eventId }: { planItemId: number; eventId: number }) => apiFetch<PlanItem>(`/plans/${planItemId}/events`, { method: 'POST', body: { eventId } }));
export const useUnlinkPlanItem = () =>
  usePlanMutation(({ planItemId, eventId }: { planItemId: number; eventId: number }) => apiFetch<PlanItem>(`/plans/${planItemId}/events/${eventId}`, { method: 'DELETE' }));
