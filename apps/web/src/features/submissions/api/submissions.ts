// Submissions (上报) and the county's views: the grid, one period's summary and
// history, the steps, the ranking, the named-day matrix and the due days.
import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NamedDayMatrix, NamedDayProgress, PeriodSummary, Ranking, ReportingSetting, Submission, SubmissionDetail, SubmissionGrid, SubmissionProgress } from '@pufa/domain';
import { ActionKeys, apiCreate, apiFetch } from '../../../lib/api-client.ts';

export const submissionKeys = {
  all: ['submissions'] as const,
  /** countyId undefined: the user's own county. */
  grid: (year: number, countyId?: number) => [...submissionKeys.all, 'grid', year, countyId ?? 'own'] as const,
  summary: (townshipId: number, period: string) => [...submissionKeys.all, 'summary', townshipId, period] as const,
  detail: (id: number) => [...submissionKeys.all, 'detail', id] as const,
  ranking: (period: string, countyId?: number) => [...submissionKeys.all, 'ranking', period, countyId ?? 'own'] as const,
  namedDays: (year: number, countyId?: number) => [...submissionKeys.all, 'named-days', year, countyId ?? 'own'] as const,
  /** Above the county: the units one level down of `unitId`. */
  progress: (unitId: number, year: number) => [...submissionKeys.all, 'progress', unitId, year] as const,
  namedDayProgress: (unitId: number, year: number) => [...submissionKeys.all, 'named-day-progress', unitId, year] as const,
  settings: () => [...submissionKeys.all, 'settings'] as const,
};

export const useSubmissionGrid = (year: number, enabled = true, countyId?: number) =>
  useQuery({ queryKey: submissionKeys.grid(year, countyId), queryFn: () => apiFetch<SubmissionGrid>('/submissions', { query: { year, countyId } }), placeholderData: keepPreviousData, enabled });

export const usePeriodSummary = (townshipId: number | undefined, period: string | undefined) =>
  useQuery({
    queryKey: submissionKeys.summary(townshipId ?? 0, period ?? ''),
    queryFn: () => apiFetch<PeriodSummary>('/submissions/summary', { query: { townshipId, period } }),
    enabled: !!townshipId && !!period,
  });

export const useSubmission = (id: number | null) =>
  useQuery({ queryKey: submissionKeys.detail(id ?? 0), queryFn: () => apiFetch<SubmissionDetail>(`/submissions/${id}`), enabled: id !== null });

export const useRanking = (period: string, { countyId, enabled = true }: { countyId?: number; enabled?: boolean } = {}) =>
  useQuery({ queryKey: submissionKeys.ranking(period, countyId), queryFn: () => apiFetch<Ranking>('/county/ranking', { query: { period, countyId } }), placeholderData: keepPreviousData, enabled });

export const useNamedDays = (year: number, { countyId, enabled = true }: { countyId?: number; enabled?: boolean } = {}) =>
  useQuery({ queryKey: submissionKeys.namedDays(year, countyId), queryFn: () => apiFetch<NamedDayMatrix>('/county/named-days', { query: { year, countyId } }), placeholderData: keepPreviousData, enabled });

/** A city's counties or a province's cities: their townships' submissions counted per period. */
export const useSubmissionProgress = (unitId: number | undefined, year: number) =>
  useQuery({
    queryKey: submissionKeys.progress(unitId ?? 0, year),
    queryFn: () => apiFetch<SubmissionProgress>(`/org-units/${unitId}/submission-progress`, { query: { year } }),
    placeholderData: keepPreviousData,
    enabled: unitId !== undefined,
  });

/** A city's counties or a province's cities: how many of their townships marked each named day. */
export const useNamedDayProgress = (unitId: number | undefined, year: number) =>
  useQuery({
    queryKey: submissionKeys.namedDayProgress(unitId ?? 0, year),
    queryFn: () => apiFetch<NamedDayProgress>(`/org-units/${unitId}/named-day-progress`, { query: { year } }),
    placeholderData: keepPreviousData,
    enabled: unitId !== undefined,
  });

export const useReportingSettings = () =>
  useQuery({ queryKey: submissionKeys.settings(), queryFn: () => apiFetch<ReportingSetting & { countyId: number }>('/reporting-settings') });

/** A step changes the grid, the period's summary and its history: refresh every submission query. */
function useSubmissionMutation<T>(request: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: request, onSuccess: () => queryClient.invalidateQueries({ queryKey: submissionKeys.all }) });
}

export function useSubmitPeriod() {
  const [keys] = useState(() => new ActionKeys());
  return useSubmissionMutation((input: { townshipId: number; period: string; note?: string }) => apiCreate<Submission>('/submissions', input, keys));
}
export const useApproveSubmission = () => useSubmissionMutation((id: number) => apiFetch<Submission>(`/submissions/${id}/approve`, { method: 'POST' }));
export const useReturnSubmission = () =>
  useSubmissionMutation(({ id, reason }: { id: number; reason: string }) => apiFetch<Submission>(`/submissions/${id}/return`, { method: 'POST', body: { reason } }));
export const useSaveReportingSettings = () =>
  useSubmissionMutation((rules: ReportingSetting) => apiFetch<ReportingSetting>('/reporting-settings', { method: 'PUT', body: rules }));
