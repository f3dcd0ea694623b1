// Writes that cannot reach the server go to the outbox (docs/offline.md): the
// event form, the event page's delete and the photo upload call these.
import type { EventCreate, EventPatch } from '@pufa/domain';
import type { UploadProps } from 'antd';
import { ApiRequestError } from '../lib/api-client.ts';
import { uploadEvidence, uploadKeyFor } from '../features/evidence/api/files.ts';
import { isOffline, reportReachable } from './device-data.ts';
import { addToOutbox, listOutbox, updateOutboxItem } from './outbox-store.ts';
import { changedFields } from './outbox-logic.ts';
import { runOutbox } from './sync.ts';

/** The server could not be reached, or said it is away (after apiCreate's own retries). */
export const isUnreachableError = (error: unknown) => error instanceof ApiRequestError && [0, 502, 503, 504].includes(error.status);

/**
 * Sends now when the server is reachable; queues when it is not (known before,
 * or found out by this attempt). A refusal (400, 409…) is thrown as before: the
 * form shows it where the clerk is.
 */
export async function sendOrQueue<T>(attempt: () => Promise<T>, queue: () => Promise<number>): Promise<{ sent: T } | { queued: number }> {
  if (!isOffline()) {
    try {
      return { sent: await attempt() };
    } catch (error) {
      if (!isUnreachableError(error)) throw error;
      reportReachable(false);
    }
  }
  const queued = await queue();
  void runOutbox();
  return { queued };
}

/** Unsent items of this event already wait: a new change goes behind them, never past them. */
export async function hasQueued(eventId: number) {
  return (await listOutbox()).some((item) => item.eventId === eventId);
}

export function queueCreate(userId: number, body: EventCreate, idempotencyKey: string) {
  return addToOutbox({ userId, kind: 'create', body, idempotencyKey, title: body.title, startDate: body.startDate });
}

/** A queued create edited before it leaves: the same action (and key), with what the clerk typed now. */
export async function editQueuedCreate(id: number, body: EventCreate) {
  await updateOutboxItem(id, (item) => ({ ...item, body, title: body.title, startDate: body.startDate, refusal: undefined }));
  void runOutbox();
}

/**
 * An edit, kept as the fields the clerk changed (and the version they edited):
 * if someone changes the event at the office meanwhile, only the clerk's own
 * changes are reapplied on the event as it is then.
 */
export async function queueUpdate(userId: number, eventId: number, form: EventPatch, shown: { title: string; startDate: string } & Record<string, unknown>) {
  const patch = changedFields(form, shown);
  // An edit of an edit still waiting (not refused): one change, from the version first edited.
  const waiting = (await listOutbox()).find((item) => item.kind === 'update' && item.eventId === eventId && !item.refusal);
  const title = patch.title ?? shown.title;
  const startDate = patch.startDate ?? shown.startDate;
  if (waiting) {
    await updateOutboxItem(waiting.id, (item) => ({ ...item, body: { ...(item.body as EventPatch), ...patch, version: (item.body as EventPatch).version }, title, startDate }));
    return waiting.id;
  }
  return addToOutbox({ userId, kind: 'update', eventId, body: patch, title, startDate });
}

/** A refused edit corrected by the clerk (moved to another date, or with the version of now). */
export async function editQueuedUpdate(id: number, patch: EventPatch) {
  await updateOutboxItem(id, (item) => ({ ...item, body: patch, title: patch.title ?? item.title, startDate: patch.startDate ?? item.startDate, refusal: undefined }));
  void runOutbox();
}

export function queueDelete(userId: number, eventId: number, shown: { title: string; startDate: string }) {
  return addToOutbox({ userId, kind: 'delete', eventId, title: shown.title, startDate: shown.startDate });
}

export async function queueFile(userId: number, event: { eventId: number } | { localEventId: number }, file: File, shown: { title: string; startDate: string }) {
  const id = await addToOutbox({
    userId, kind: 'file', ...event, idempotencyKey: uploadKeyFor(file),
    file: { blob: file, name: file.name, type: file.type, size: file.size }, title: shown.title, startDate: shown.startDate,
  });
  void runOutbox();
  return id;
}

type UploadRequest = Parameters<NonNullable<UploadProps['customRequest']>>[0];

/**
 * The evidence panel's upload: straight to the server when it is reachable,
 * into the outbox when not (a photo taken in a village is kept, sent later).
 */
export function uploadOrQueue(userId: number | undefined, event: { id: number; title?: string; startDate: string }) {
  return (options: UploadRequest) => {
    const queue = () => {
      if (userId === undefined) return options.onError?.(new Error('not signed in'));
      queueFile(userId, { eventId: event.id }, options.file as File, { title: event.title ?? `#${event.id}`, startDate: event.startDate }).then(
        () => options.onSuccess?.({ queued: true }),
        (error: unknown) => options.onError?.(error as Error),
      );
    };
    if (isOffline()) {
      queue();
      return { abort: () => undefined };
    }
    return uploadEvidence({
      ...options,
      // No answer at all: keep the file for later instead of losing it.
      onError: (error, body) => ((error as { status?: number }).status === undefined ? (reportReachable(false), queue()) : options.onError?.(error, body)),
    });
  };
}
