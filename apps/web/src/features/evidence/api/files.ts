// An event's evidence files: the list, and the changes (caption, order, delete,
// restore). Uploads go through antd Upload's XHR (progress per file), see
// evidence-panel.tsx, and then invalidate these keys.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EventFile, EventFilePatch } from '@pufa/domain';
import type { UploadProps } from 'antd';
import { apiFetch, newUuid } from '../../../lib/api-client.ts';
import { eventKeys } from '../../events/api/query-keys.ts';

export const fileKeys = {
  ofEvent: (eventId: number) => ['events', 'files', eventId] as const,
};

type UploadRequest = Parameters<NonNullable<UploadProps['customRequest']>>[0];

/** One Idempotency-Key per chosen file: the same file sent again is the same upload. */
const uploadKeys = new WeakMap<object, string>();

/** The uploads waiting their turn: files chosen together are sent one after another. */
let uploadQueue: Promise<void> = Promise.resolve();

/** The chosen file's key (the outbox keeps it when the upload's answer was lost). */
export function uploadKeyFor(file: object): string {
  const key = uploadKeys.get(file) ?? newUuid();
  uploadKeys.set(file, key);
  return key;
}

/**
 * antd Upload's request (XHR, for the progress bar) with the file's
 * Idempotency-Key, so an upload whose answer was lost and is sent again is not
 * stored twice (docs/reliability.md). Uploads go one at a time, in the order the
 * files were chosen: the gallery then keeps that order (parallel uploads landed in
 * whichever order they finished), and one bar of signal is not split between them.
 */
export function uploadEvidence(request: UploadRequest) {
  let xhr: XMLHttpRequest | undefined;
  let aborted = false;
  uploadQueue = uploadQueue.then(
    () =>
      new Promise<void>((done) => {
        if (aborted) return done();
        xhr = send(request);
        xhr.addEventListener('loadend', () => done());
      }),
  );
  return {
    abort: () => {
      aborted = true;
      xhr?.abort();
    },
  };
}

function send({ action, file, filename = 'file', onProgress, onSuccess, onError }: UploadRequest): XMLHttpRequest {
  const key = uploadKeyFor(file as object);
  const form = new FormData();
  form.append(filename, file);
  const xhr = new XMLHttpRequest();
  xhr.upload.onprogress = (event) => event.total > 0 && onProgress?.({ percent: (event.loaded / event.total) * 100 });
  xhr.onerror = () => onError?.(new Error('network error'));
  xhr.onload = () => {
    let body: unknown = xhr.responseText;
    try {
      body = JSON.parse(xhr.responseText);
    } catch {
      // not JSON: keep the text
    }
    if (xhr.status >= 200 && xhr.status < 300) onSuccess?.(body, xhr);
    else onError?.(Object.assign(new Error(`HTTP ${xhr.status}`), { status: xhr.status }), body);
  };
  xhr.open('POST', action, true);
  xhr.withCredentials = true;
  xhr.setRequestHeader('idempotency-key', key);
  xhr.send(form);
  return xhr;
}

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
