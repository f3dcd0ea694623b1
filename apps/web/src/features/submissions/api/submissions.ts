// Submissions (上报) and the county's views: the grid, one period's summary and
// history, the steps, the ranking, the named-day matrix and the due days.
import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NamedDayMatrix, PeriodSummary, Ranking, ReportingSetting, Submission, SubmissionDetail, SubmissionGrid } from '@pufa/domain';
import { ActionKeys, apiCreate, apiFetch } from '../../../lib/api-client.ts';

export const submissionKeys = {
  all: ['submissions'] as const,
  grid: (year: number) => [...submissionKeys.all, 'grid', year] as const,
  summary: (townshipId: number, period: string) => [...submissionKeys.all, 'summary', townshipId, period] as const,
  detail: (id: number) => [...submissionKeys.all, 'detail', id] as const,
  ranking: (period: string) => [...submissionKeys.all, 'ranking', period] as const,
  namedDays: (year: number) => [...submissionKeys.all, 'named-days', year] as const,
  settings: () => [...submissionKeys.all, 'settings'] as const,
};

export const useSubmissionGrid = (year: number, enabled = true) =>
  useQuery({ queryKey: submissionKeys.grid(year), queryFn: () => apiFetch<SubmissionGrid>('/submissions', { query: { year } }), placeholderData: keepPreviousData, enabled });

export const usePeriodSummary = (townshipId: number | undefined, period: string | undefined) =>
  useQuery({
    queryKey: submissionKeys.summary(townshipId ?? 0, period ?? ''),
    queryFn: () => apiFetch<PeriodSummary>('/submissions/summary', { query: { townshipId, period } }),
    enabled: !!townshipId && !!period,
  });

export const useSubmission = (id: number | null) =>
  useQuery({ queryKey: submissionKeys.detail(id ?? 0), queryFn: () => apiFetch<SubmissionDetail>(`/submissions/${id}`), enabled: id !== null });

export const useRanking = (period: string) =>
  useQuery({ queryKey: submissionKeys.ranking(period), queryFn: () => apiFetch<Ranking>('/county/ranking', { query: { period } }), placeholderData: keepPreviousData });

export const useNamedDays = (year: number) =>
  useQuery({ queryKey: submissionKeys.namedDays(year), queryFn: () => apiFetch<NamedDayMatrix>('/county/named-days', { query: { year } }), placeholderData: keepPreviousData });

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
