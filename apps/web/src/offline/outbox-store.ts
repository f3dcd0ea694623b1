// The outbox on the device: add, change, discard, list; every change tells the
// screens (this tab, and other tabs through a BroadcastChannel).
import { useSyncExternalStore } from 'react';
import { ApiRequestError, newUuid } from '../lib/api-client.ts';
import { offlineDb } from './db.ts';
import { DEFAULT_LIMIT_BYTES, discardSet, fitsLimit, type OutboxItem } from './outbox-logic.ts';

/** The device's limit is reached: said like a refusal, so the form shows it and keeps what was typed. */
export class OutboxFullError extends ApiRequestError {
  constructor(readonly limitBytes: number) {
    const mb = Math.round(limitBytes / 1024 / 1024);
    super(507, {
      message: `本机的待同步空间已满（上限 ${mb} MB），无法再保存。请联网同步，或放弃一些待同步的记录。`,
      messageEn: `The space for pending records on this device is full (${mb} MB). Sync when online, or discard some pending records.`,
    });
  }
}

/** The per-device limit; a test may lower it (localStorage 'pufa.outboxLimit', bytes). */
export function outboxLimit(): number {
  try {
    return Number(localStorage.getItem('pufa.outboxLimit')) || DEFAULT_LIMIT_BYTES;
  } catch {
    return DEFAULT_LIMIT_BYTES;
  }
}

let items: OutboxItem[] = [];
let loaded = false;
const listeners = new Set<() => void>();
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('pufa-outbox') : null;

async function reload() {
  items = await (await offlineDb()).getAll('outbox');
  loaded = true;
  for (const listener of listeners) listener();
}
channel?.addEventListener('message', () => void reload());

async function changed() {
  await reload();
  channel?.postMessage('changed');
}

/** The items as last read (synchronous; may be empty before the first read). */
export const outboxNow = (): readonly OutboxItem[] => items;

export async function listOutbox(): Promise<OutboxItem[]> {
  if (!loaded) await reload();
  return items;
}

export type NewItem = Omit<OutboxItem, 'id' | 'createdAt' | 'attempts' | 'idempotencyKey'> & { idempotencyKey?: string };

/** Queues a write; refuses (OutboxFullError) past the device's limit. */
export async function addToOutbox(item: NewItem): Promise<number> {
  const current = await listOutbox();
  if (!fitsLimit(current, item, outboxLimit())) throw new OutboxFullError(outboxLimit());
  const db = await offlineDb();
  const id = await db.add('outbox', { ...item, idempotencyKey: item.idempotencyKey ?? newUuid(), createdAt: new Date().toISOString(), attempts: 0 } as OutboxItem);
  await changed();
  return id;
}

export async function updateOutboxItem(id: number, change: (item: OutboxItem) => OutboxItem): Promise<void> {
  const db = await offlineDb();
  const tx = db.transaction('outbox', 'readwrite');
  const item = await tx.store.get(id);
  if (item) await tx.store.put(change(item));
  await tx.done;
  await changed();
}

/** Replaces several items at once (after a create's answer: its photos get the event id). */
export async function replaceOutbox(remove: number[], put: OutboxItem[]): Promise<void> {
  const db = await offlineDb();
  const tx = db.transaction('outbox', 'readwrite');
  for (const id of remove) await tx.store.delete(id);
  for (const item of put) await tx.store.put(item);
  await tx.done;
  await changed();
}

/** The clerk discards an item (a queued create takes its photos and edits with it). */
export async function discardOutboxItem(id: number): Promise<void> {
  await replaceOutbox(discardSet(await listOutbox(), id), []);
}

export async function clearOutbox(): Promise<void> {
  await (await offlineDb()).clear('outbox');
  await changed();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!loaded) void reload();
  return () => listeners.delete(listener);
}

/** The outbox's items, oldest first; re-renders on every change. */
export const useOutbox = (): OutboxItem[] => useSyncExternalStore(subscribe, () => items);
