// 「我的导出」: the user's background export jobs, polled while one is on; start and cancel.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ExportJob, ExportJobKind, ExportJobList } from '@pufa/domain';
import { apiFetch } from '../../../lib/api-client.ts';

/** While a job is queued or running the list is asked again this often (the bar moves at least every 2 s). */
export const EXPORT_JOBS_POLL_MS = 1_000;

const isLive = (job: ExportJob) => job.status === 'queued' || job.status === 'running';

export const exportJobsQueryOptions = () =>
  queryOptions({
    queryKey: ['export-jobs', 'list'],
    queryFn: () => apiFetch<ExportJobList>('/export-jobs'),
    refetchInterval: (query) => (query.state.data?.items.some(isLive) ? EXPORT_JOBS_POLL_MS : false),
  });

export const useExportJobs = () => useQuery(exportJobsQueryOptions());

export function useStartExportJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, query }: { kind: ExportJobKind; query: Record<string, string | number | undefined> }) =>
      apiFetch<ExportJob>(`/export-jobs/${kind}`, { method: 'POST', query }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: exportJobsQueryOptions().queryKey }),
  });
}

export function useCancelExportJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<ExportJob>(`/export-jobs/${id}/cancel`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: exportJobsQueryOptions().queryKey }),
  });
}
