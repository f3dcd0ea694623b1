// The import endpoints: upload (multipart), one batch's preview, its changes,
// commit and undo, and the list of batches.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiError, ImportBatch, ImportBatchSummary, ImportCommitJob, ImportCommitResult, ImportPatch, ImportRemembered, ImportRememberedKind } from '@pufa/domain';
import { ActionKeys, ApiRequestError, apiCreate, apiFetch, unreachable } from '../../../lib/api-client.ts';

export const importKeys = {
  all: ['imports'] as const,
  list: () => [...importKeys.all, 'list'] as const,
  batch: (id: number) => [...importKeys.all, 'batch', id] as const,
  commitJob: (id: number) => [...importKeys.all, 'batch', id, 'commit-job'] as const,
  remembered: (townshipId: number) => [...importKeys.all, 'remembered', townshipId] as const,
};

export const useImportBatches = () => useQuery({ queryKey: importKeys.list(), queryFn: () => apiFetch<ImportBatchSummary[]>('/imports') });

export const useImportBatch = (id: number | undefined) =>
  useQuery({ queryKey: importKeys.batch(id ?? 0), queryFn: () => apiFetch<ImportBatch>(`/imports/${id}`), enabled: !!id });

/** The file goes as multipart/form-data, which apiFetch (JSON) does not send. */
async function uploadLedger(input: { file: File; townshipId?: number; year?: number }): Promise<ImportBatch> {
  const form = new FormData();
  if (input.townshipId) form.append('townshipId', String(input.townshipId));
  if (input.year) form.append('year', String(input.year));
  form.append('file', input.file, input.file.name);
  let response: Response;
  try {
    response = await fetch('/api/imports', { method: 'POST', body: form });
  } catch {
    throw unreachable();
  }
  const data: unknown = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiRequestError(response.status, data as ApiError);
  return data as ImportBatch;
}

export function useUploadLedger() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadLedger,
    onSuccess: (batch) => {
      queryClient.setQueryData(importKeys.batch(batch.id), batch);
      void queryClient.invalidateQueries({ queryKey: importKeys.list() });
    },
  });
}

export function usePatchImport(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ImportPatch) => apiFetch<ImportBatch>(`/imports/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: (batch) => queryClient.setQueryData(importKeys.batch(id), batch),
  });
}

/** A large file's commit answers a job (202) instead of the result: told apart by its status. */
export const isCommitJob = (answer: ImportCommitResult | ImportCommitJob): answer is ImportCommitJob => 'status' in answer;
const isLive = (job: ImportCommitJob | null | undefined) => job?.status === 'queued' || job?.status === 'running';

/** While the commit job is queued or running it is asked again this often (the bar moves at least every 2 s). */
export const COMMIT_JOB_POLL_MS = 1_000;

/** Commit and undo change the ledger and the dashboard: everything read before is stale (a job's commit: once it is done). */
export function useCommitImport(id: number) {
  const queryClient = useQueryClient();
  const [keys] = useState(() => new ActionKeys());
  return useMutation({
    mutationFn: () => apiCreate<ImportCommitResult | ImportCommitJob>(`/imports/${id}/commit`, undefined, keys),
    onSuccess: (answer) => {
      if (isCommitJob(answer)) queryClient.setQueryData(importKeys.commitJob(id), answer);
      else void queryClient.invalidateQueries();
    },
  });
}

/** The batch's commit job, followed while it is on; `known` is what the batch or the commit said last. */
export function useImportCommitJob(id: number, known: ImportCommitJob | null | undefined) {
  return useQuery({
    queryKey: importKeys.commitJob(id),
    queryFn: () => apiFetch<ImportCommitJob>(`/imports/${id}/commit-job`),
    enabled: !!known,
    ...(known ? { initialData: known } : {}),
    refetchInterval: (query) => (isLive(query.state.data) ? COMMIT_JOB_POLL_MS : false),
  });
}

export function useCancelImportCommit(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<ImportCommitJob>(`/imports/${id}/commit-job/cancel`, { method: 'POST' }),
    onSuccess: (job) => queryClient.setQueryData(importKeys.commitJob(id), job),
  });
}

export function useUndoImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiFetch<{ batchId: number; deletedEventIds: number[] }>(`/imports/${id}/undo`, { method: 'POST' }),
    onSuccess: () => void queryClient.invalidateQueries(),
  });
}

/** What the township's earlier imports taught (columns, names matched by hand). */
export const useImportRemembered = (townshipId: number | undefined) =>
  useQuery({
    queryKey: importKeys.remembered(townshipId ?? 0),
    queryFn: () => apiFetch<ImportRemembered>('/imports/remembered', { query: { townshipId } }),
    enabled: !!townshipId,
  });

/** Forgets one remembered match; previews still open are recomputed without it. */
export function useForgetRemembered(townshipId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, key }: { kind: ImportRememberedKind; key: string }) =>
      apiFetch<ImportRemembered>('/imports/remembered', { method: 'DELETE', query: { townshipId, kind, key } }),
    onSuccess: (remembered) => {
      queryClient.setQueryData(importKeys.remembered(townshipId), remembered);
      void queryClient.invalidateQueries({ queryKey: [...importKeys.all, 'batch'] });
    },
  });
}
