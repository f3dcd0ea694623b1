// Sends the outbox, oldest first, by itself: when the browser comes online,
// every 20 s while something waits, after each queued write and after a
// sign-in. One run at a time (per tab). docs/offline.md.
import { useSyncExternalStore } from 'react';
import type { ApiError, EventCreated, EventPatch } from '@pufa/domain';
import { afterCreate, classifyAnswer, nextToSend, pendingCount, type OutboxItem, type OutboxRefusal } from './outbox-logic.ts';
import { listOutbox, outboxNow, replaceOutbox, updateOutboxItem } from './outbox-store.ts';
import { setSessionLostHandler } from '../lib/react-query.ts';
import { offlineState, reportReachable } from './device-data.ts';

export interface SyncState {
  running: boolean;
  /** Sent in this run, and what the run started with. */
  sent: number;
  total: number;
  /** The server answered 401: the outbox waits for the password. */
  needsSignIn: boolean;
}

let state: SyncState = { running: false, sent: 0, total: 0, needsSignIn: false };
const listeners = new Set<() => void>();
function setState(change: Partial<SyncState>) {
  state = { ...state, ...change };
  for (const listener of listeners) listener();
}
export const useSyncState = (): SyncState =>
  useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );

interface Answered {
  status: number;
  body: Record<string, unknown>;
}

const TIMEOUT_MS = { json: 30_000, file: 120_000 };

async function request(method: string, url: string, item: OutboxItem, body?: BodyInit, json = true): Promise<Answered> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), item.kind === 'file' ? TIMEOUT_MS.file : TIMEOUT_MS.json);
  try {
    const response = await fetch(url, {
      method,
      body,
      signal: controller.signal,
      headers: { 'idempotency-key': item.idempotencyKey, ...(json && body !== undefined ? { 'content-type': 'application/json' } : {}) },
    });
    const data = response.status === 204 ? {} : ((await response.json().catch(() => ({}))) as Record<string, unknown>);
    return { status: response.status, body: data };
  } catch {
    return { status: 0, body: {} };
  } finally {
    clearTimeout(timer);
  }
}

async function send(item: OutboxItem): Promise<Answered> {
  switch (item.kind) {
    case 'create':
      return request('POST', '/api/events', item, JSON.stringify(item.body));
    case 'update':
      return request('PATCH', `/api/events/${item.eventId}`, item, JSON.stringify(item.body));
    case 'delete':
      return request('DELETE', `/api/events/${item.eventId}`, item);
    case 'file': {
      const form = new FormData();
      form.append('file', new File([item.file!.blob], item.file!.name, { type: item.file!.type }));
      return request('POST', `/api/events/${item.eventId}/files`, item, form, false);
    }
  }
}

/** An edit whose first answer was lost comes back 409 (its version moved on): was it ours? */
async function alreadyApplied(item: OutboxItem): Promise<boolean> {
  if (item.kind !== 'update' || !item.uncertain) return false;
  const answer = await request('GET', `/api/events/${item.eventId}`, item);
  if (answer.status !== 200) return false;
  const { version: _version, ...patch } = item.body as EventPatch;
  return Object.entries(patch).every(([key, value]) => JSON.stringify(answer.body[key]) === JSON.stringify(value));
}

function refusalOf(answer: Answered): OutboxRefusal {
  const body = answer.body as Partial<ApiError>;
  const fields = (body.fields ?? []).map((f) => [f.field, f.message].filter(Boolean).join('：'));
  return {
    status: answer.status,
    message: body.message ?? `服务器拒绝（HTTP ${answer.status}）`,
    messageEn: body.messageEn ?? `Refused by the server (HTTP ${answer.status})`,
    fields,
    at: new Date().toISOString(),
  };
}

let onSynced: (() => void) | null = null;
/** What to refresh after a run that sent something (the app's queries, the device's ledger). */
export const setOnSynced = (callback: (() => void) | null) => {
  onSynced = callback;
};

let userOf: () => number | null = () => null;
export const setSyncUser = (current: () => number | null) => {
  userOf = current;
};

// A trigger that arrives while a run is on (the network came back while the run was
// meeting the old failure) is not dropped: the run goes again once it ends.
let askedAgain = false;

/** Sends what can go; stops at the first "later" (no network, 503) or 401. */
export async function runOutbox(): Promise<void> {
  const userId = userOf();
  if (state.running) {
    askedAgain = true;
    return;
  }
  askedAgain = false;
  if (userId === null || state.needsSignIn) return;
  // Known to be away: probe() asks /api/health first, then comes here.
  if (!navigator.onLine || offlineState().unreachable) return;
  const start = await listOutbox();
  if (!nextToSend(start, userId)) return;
  setState({ running: true, sent: 0, total: pendingCount(start, userId) });
  let sentAny = false;
  try {
    for (;;) {
      const items = await listOutbox();
      const item = nextToSend(items, userId);
      if (!item) break;
      setState({ total: Math.max(state.total, state.sent + pendingCount(items, userId)) });
      await updateOutboxItem(item.id, (i) => ({ ...i, attempts: i.attempts + 1 }));
      const answer = await send(item);
      let outcome = classifyAnswer(item.kind, answer.status);
      if (outcome === 'refused' && answer.status === 409 && (await alreadyApplied(item))) outcome = 'done';
      if (outcome === 'later') {
        reportReachable(answer.status !== 0 && answer.status < 502);
        // The server may have done it: the key makes the resend safe, and an edit that comes back 409 is checked.
        if (answer.status === 0) await updateOutboxItem(item.id, (i) => ({ ...i, uncertain: true }));
        break;
      }
      reportReachable(true);
      if (outcome === 'signIn') {
        setState({ needsSignIn: true });
        break;
      }
      if (outcome === 'refused') {
        await updateOutboxItem(item.id, (i) => ({ ...i, refusal: refusalOf(answer), uncertain: false }));
        continue;
      }
      sentAny = true;
      setState({ sent: state.sent + 1 });
      const after = await listOutbox();
      if (item.kind === 'create') {
        const created = answer.body as unknown as EventCreated;
        const next = afterCreate(after, item.id, created.id);
        await replaceOutbox([item.id], next.filter((i) => i.eventId === created.id && after.find((a) => a.id === i.id)?.localEventId === item.id));
      } else {
        await replaceOutbox([item.id], []);
      }
    }
  } finally {
    setState({ running: false });
    if (sentAny) onSynced?.();
  }
  // Through probe(): the old run may just have marked the server away.
  if (askedAgain) await probe();
}

// A 401 on any screen while this user's records wait: the dialog asks, the page stays.
setSessionLostHandler(() => {
  const userId = userOf();
  if (userId === null || !outboxNow().some((item) => item.userId === userId)) return false;
  if (!state.needsSignIn) setState({ needsSignIn: true });
  return true;
});

/** The password was given again: go on. */
export function signedInAgain() {
  setState({ needsSignIn: false });
  void runOutbox();
}

let started = false;
/** Starts the triggers once: coming online, and a retry every 20 s. */
export function startOutboxTriggers() {
  if (started) return;
  started = true;
  window.addEventListener('online', () => void probe());
  setInterval(() => void probe(), 20_000);
}

/** While the server is away: ask whether it is back, then refresh and send. */
async function probe() {
  if (offlineState().unreachable) {
    const ok = await fetch('/api/health').then((r) => r.ok, () => false);
    if (!ok) return;
    reportReachable(true);
    // The outbox first: a 401 there asks for the password in a dialog, where refreshing
    // every screen first would meet the same 401 and sign the app out to the login page.
    await runOutbox();
    if (!state.needsSignIn) onSynced?.();
    return;
  }
  await runOutbox();
}
