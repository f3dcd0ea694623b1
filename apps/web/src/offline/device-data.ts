// What the device keeps of what the app read (docs/offline.md), and whether the
// server is reachable. apiFetch reports every GET here (lib/api-client.ts
// setOfflineReads): a kept answer is stored; an unanswered GET is served from
// what is kept, and the app shows 「离线，数据截至 HH:mm」.
import { useSyncExternalStore } from 'react';
import type { EventListItem, EventListQuery, EventListResponse, Reference, SessionUser } from '@pufa/domain';
import { setOfflineReads, toQueryString } from '../lib/api-client.ts';
import { offlineDb, type Snapshot } from './db.ts';
import { listFromRows, SERVER_ONLY_FILTERS } from './outbox-logic.ts';
import { clearOutbox } from './outbox-store.ts';
import { isUpperLevel } from '@pufa/domain';

type Query = Record<string, string | number | undefined | null>;

/** The GETs whose answers the device keeps: the user, reference data, the ledger, an event and its files, totals. */
const KEPT = /^\/(auth\/me|reference|stats|events|events\/\d+|events\/\d+\/files|submissions|calendar|plans)$/;
const LEDGER_KEY = 'ledger';

interface LedgerSnapshot {
  from: string;
  rows: EventListItem[];
}

interface OfflineState {
  /** navigator.onLine */
  online: boolean;
  /** The last request got no answer (or a 502/503/504). */
  unreachable: boolean;
  /** The oldest kept answer on screen since going offline (ms since epoch). */
  asOf: number | null;
  /** Online, showing the device's copies of a repeat visit while the server's answers come. */
  revalidating: boolean;
}

let state: OfflineState = { online: typeof navigator === 'undefined' || navigator.onLine, unreachable: false, asOf: null, revalidating: false };
let currentUserId: number | null = null;
const listeners = new Set<() => void>();

function setState(change: Partial<OfflineState>) {
  const next = { ...state, ...change };
  // Back online: what shows is the server's again.
  if (next.online && !next.unreachable) next.asOf = null;
  if (Object.entries(next).some(([key, value]) => state[key as keyof OfflineState] !== value)) {
    state = next;
    for (const listener of listeners) listener();
  }
}

export const isOffline = () => !state.online || state.unreachable;
export const offlineState = () => state;
export const subscribeOffline = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
export const useOfflineState = (): OfflineState => useSyncExternalStore(subscribeOffline, () => state);
export const reportReachable = (ok: boolean) => setState({ unreachable: !ok });

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => setState({ online: true }));
  window.addEventListener('offline', () => setState({ online: false }));
}

const keyOf = (path: string, query: Query) => `${path}${toQueryString(query)}`;

async function put(snapshot: Snapshot) {
  try {
    await (await offlineDb()).put('snapshots', snapshot);
  } catch {
    // a full or unavailable store: the app works online as before
  }
}

async function get(key: string): Promise<Snapshot | undefined> {
  try {
    const snapshot = await (await offlineDb()).get('snapshots', key);
    return snapshot && snapshot.userId === currentUserId ? snapshot : undefined;
  } catch {
    return undefined;
  }
}

function served(snapshot: Snapshot, data: unknown = snapshot.data) {
  setState({ asOf: Math.min(state.asOf ?? Infinity, snapshot.savedAt) });
  return { data };
}

async function fallback(path: string, query: Query): Promise<{ data: unknown } | undefined> {
  if (path === '/auth/me') {
    // Who was signed in on this device, kept under that key whoever it was.
    const me = await (await offlineDb().catch(() => null))?.get('snapshots', '/auth/me').catch(() => undefined);
    if (me) currentUserId = (me.data as SessionUser).id;
    return me ? served(me) : undefined;
  }
  const ledgerId = /^\/events\/(\d+)$/.exec(path)?.[1];
  if (path === '/events' && !SERVER_ONLY_FILTERS.some((f) => query[f] !== undefined && query[f] !== '')) {
    const [ledger, reference] = await Promise.all([get(LEDGER_KEY), get('/reference')]);
    if (ledger && reference) {
      const materialTypes = new Map((reference.data as Reference).materialTypes.map((m) => [m.id, m]));
      const { rows } = ledger.data as LedgerSnapshot;
      return served(ledger, listFromRows(rows, query as Partial<EventListQuery>, materialTypes) satisfies EventListResponse);
    }
  }
  const exact = await get(keyOf(path, query));
  if (exact) return served(exact);
  if (ledgerId) {
    const ledger = await get(LEDGER_KEY);
    const row = (ledger?.data as LedgerSnapshot | undefined)?.rows.find((r) => r.id === Number(ledgerId));
    if (ledger && row) return served(ledger, row);
  }
  return undefined;
}

function answered(path: string, query: Query, data: unknown) {
  if (path === '/auth/me') {
    void signedInAs(data as SessionUser | null);
    return;
  }
  if (currentUserId !== null && KEPT.test(path)) void put({ key: keyOf(path, query), userId: currentUserId, savedAt: Date.now(), data });
}

// Stale-while-revalidate on a repeat visit: the first read of each answer in a page visit is shown
// from the device if the server has not answered within EARLY_MS (lib/api-client.ts); when the
// server's answers are all in, the screens refresh once and take them (no second request).
const readThisVisit = new Set<string>();
const revalidatedAnswers = new Map<string, { data: unknown; at: number }>();
/** An answer no screen took by then (its page was left) is not handed to a later read. */
const REVALIDATED_TTL_MS = 10_000;
let revalidating = 0;
let refreshScreens: (() => void) | null = null;
let refreshOwed = false;

async function early(path: string, query: Query) {
  const key = keyOf(path, query);
  if (readThisVisit.has(key)) return undefined;
  readThisVisit.add(key);
  // On the login page a kept user would send the visitor into the app until the server said no.
  if (path === '/auth/me' && window.location.pathname.startsWith('/login')) return undefined;
  // The session may have come from the device before this code loaded (lib/kept-session.ts).
  if (currentUserId === null) await fallback('/auth/me', {});
  return fallback(path, query);
}

async function revalidate(path: string, query: Query, answer: Promise<unknown>) {
  revalidating += 1;
  setState({ revalidating: true });
  // A failed answer is not kept: the refresh asks again and meets the error the usual way (a 401: sign-in).
  await answer.then((data) => revalidatedAnswers.set(keyOf(path, query), { data, at: Date.now() }), () => undefined);
  revalidating -= 1;
  if (revalidating > 0) return;
  setState({ revalidating: false });
  if (refreshScreens) refreshScreens();
  else refreshOwed = true;
}

function takeRevalidated(path: string, query: Query) {
  const key = keyOf(path, query);
  const answer = revalidatedAnswers.get(key);
  revalidatedAnswers.delete(key);
  return answer && Date.now() - answer.at < REVALIDATED_TTL_MS ? { data: answer.data } : undefined;
}

/** How the screens refresh once the server's answers replace the device's (offline-runtime.tsx). */
export function setRefreshScreens(refresh: (() => void) | null) {
  refreshScreens = refresh;
  if (refresh && refreshOwed) {
    refreshOwed = false;
    refresh();
  }
}

setOfflineReads({ answered, fallback, reachable: reportReachable, early, revalidate: (path, query, answer) => void revalidate(path, query, answer), takeRevalidated });

/**
 * Who is signed in (from /auth/me, or a sign-in): kept, so the app opens offline
 * as them; a different user than the last one finds nothing of theirs.
 */
export async function signedInAs(user: SessionUser | null) {
  if (!user) return;
  currentUserId = user.id;
  try {
    const db = await offlineDb();
    const me = await db.get('snapshots', '/auth/me');
    if (me && me.userId !== user.id) await db.clear('snapshots');
    await db.put('snapshots', { key: '/auth/me', userId: user.id, savedAt: Date.now(), data: user });
  } catch {
    // no store: the app works online as before
  }
}

/** Sign-out: the device forgets everything (a shared phone). */
export async function clearDeviceData() {
  currentUserId = null;
  try {
    await (await offlineDb()).clear('snapshots');
    await clearOutbox();
  } catch {
    // no store
  }
}

/**
 * Downloads the current and the previous year of the user's townships' ledger
 * (not a county user's: that is every township), page by page.
 */
export async function refreshLedger(user: SessionUser, now = new Date()): Promise<void> {
  if (isUpperLevel(user.orgUnitLevel) || user.townshipIds.length === 0 || user.role === 'leader' || state.unreachable || !state.online) return;
  const from = `${now.getFullYear() - 1}-01-01`;
  const rows: EventListItem[] = [];
  for (const townshipId of user.townshipIds) {
    for (let page = 1; page < 500; page += 1) {
      const response = await fetch(`/api/events${toQueryString({ townshipId, from, page, pageSize: 200, sort: '-startDate' })}`);
      if (!response.ok) return;
      const data = (await response.json()) as EventListResponse;
      rows.push(...data.items);
      if (page * 200 >= data.total) break;
    }
  }
  if (currentUserId === user.id) await put({ key: LEDGER_KEY, userId: user.id, savedAt: Date.now(), data: { from, rows } satisfies LedgerSnapshot });
}

/** When the device data was last refreshed (the ledger's download), for the outbox page. */
export async function ledgerSavedAt(): Promise<number | null> {
  return (await get(LEDGER_KEY))?.savedAt ?? null;
}
