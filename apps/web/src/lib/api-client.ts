// fetch for our JSON API: throws ApiRequestError carrying the API's bilingual
// message and field errors, so forms can show them next to the fields.
import type { ApiError, FieldError } from '@pufa/domain';
import { keptSession } from './kept-session.ts';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: Partial<ApiError> & Record<string, unknown>,
  ) {
    super(body.messageEn ?? `HTTP ${status}`);
    this.name = 'ApiRequestError';
  }
  get fields(): FieldError[] {
    return this.body.fields ?? [];
  }
  /** The message in the UI language. */
  messageIn(lang: string): string {
    return (lang.startsWith('en') ? this.body.messageEn : this.body.message) ?? this.message;
  }
}

/** What a request that never reached the server throws. */
export const unreachable = () =>
  new ApiRequestError(0, { message: '无法连接服务器，请检查网络', messageEn: 'Cannot reach the server; check the network' });

type Query = Record<string, string | number | undefined | null>;

export function toQueryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export interface ApiFetchInit {
  method?: string;
  body?: unknown;
  query?: Query;
  /** The Idempotency-Key of the user action this request is (a create; see ActionKeys). */
  idempotencyKey?: string;
}

/**
 * What the device keeps for when the server cannot be reached (offline/device-data.ts registers it):
 * every GET's answer is offered to it, and a GET left unanswered is asked of it.
 */
export interface OfflineReads {
  answered(path: string, query: Query, data: unknown): void;
  fallback(path: string, query: Query): Promise<{ data: unknown } | undefined>;
  reachable(ok: boolean): void;
  /** The device's copy for the first read of this answer in this page visit (a repeat visit paints at once). */
  early(path: string, query: Query): Promise<{ data: unknown } | undefined>;
  /** A read was shown from the device: here is the server's answer still on its way. */
  revalidate(path: string, query: Query, answer: Promise<unknown>): void;
  /** That answer, once, for the screens' refresh that follows it. */
  takeRevalidated(path: string, query: Query): { data: unknown } | undefined;
}

/**
 * How long the first read of a page visit waits for the server before the device's copy is shown
 * (stale-while-revalidate, docs/offline.md): past what a server on the office's network takes,
 * short of one round trip on a slow phone network (Slow 4G: 562 ms).
 */
export const EARLY_MS = 300;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
let offlineReads: OfflineReads | null = null;
/** Reads shown from the device before the offline code had loaded (the session), awaiting their answers. */
const revalidateLater: [string, Query, Promise<unknown>][] = [];
export const setOfflineReads = (reads: OfflineReads) => {
  offlineReads = reads;
  for (const [path, query, answer] of revalidateLater.splice(0)) reads.revalidate(path, query, answer);
};

let sessionReadThisVisit = false;
/** Before the offline code loads: the kept session, once a visit, and never on the login page. */
function earlySession(): Promise<{ data: unknown } | undefined> | undefined {
  if (sessionReadThisVisit || window.location.pathname.startsWith('/login')) return undefined;
  sessionReadThisVisit = true;
  return keptSession();
}

/** No answer from the API itself: the network, or a proxy saying the API is away. */
const isGatewayStatus = (status: number) => status === 502 || status === 503 || status === 504;

export async function apiFetch<T>(path: string, init: ApiFetchInit = {}): Promise<T> {
  if ((init.method ?? 'GET') !== 'GET') return request<T>(path, init);
  const query = init.query ?? {};
  const revalidated = offlineReads?.takeRevalidated(path, query);
  if (revalidated) return revalidated.data as T;
  const started = performance.now();
  const answer = request<T>(path, init);
  const early = offlineReads ? offlineReads.early(path, query) : path === '/auth/me' ? earlySession() : undefined;
  if (!early) return answer;
  const settled = answer.then(
    () => 'server' as const,
    () => 'server' as const,
  );
  const kept = await Promise.race([early, settled.then(() => undefined)]);
  if (!kept) return answer;
  if ((await Promise.race([settled, delay(EARLY_MS - (performance.now() - started)).then(() => 'device' as const)])) === 'server') {
    // No network before the offline code loaded: the kept session it would have served.
    return answer.catch((error: unknown) => {
      if (error instanceof ApiRequestError && error.status === 0) return kept.data as T;
      throw error;
    });
  }
  if (offlineReads) offlineReads.revalidate(path, query, answer);
  else revalidateLater.push([path, query, answer]);
  return kept.data as T;
}

async function request<T>(path: string, init: ApiFetchInit): Promise<T> {
  const { method = 'GET', body, query = {}, idempotencyKey } = init;
  const fromDevice = async () => {
    offlineReads?.reachable(false);
    return method === 'GET' ? offlineReads?.fallback(path, query) : undefined;
  };
  let response: Response;
  try {
    response = await fetch(`/api${path}${toQueryString(query)}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    const kept = await fromDevice();
    if (kept) return kept.data as T;
    throw unreachable();
  }
  if (isGatewayStatus(response.status)) {
    const kept = await fromDevice();
    if (kept) return kept.data as T;
  } else {
    offlineReads?.reachable(true);
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiRequestError(response.status, { ...(data as ApiError), retryAfter: Number(response.headers.get('retry-after')) || undefined });
  if (method === 'GET') offlineReads?.answered(path, query, data);
  return data as T;
}

/** A random UUID (v4). crypto.randomUUID needs https; an office server on plain http has only getRandomValues. */
export function newUuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One Idempotency-Key per user action (docs/reliability.md): the same request
 * sent again (a retry after a 503 or a lost answer, or the user pressing save
 * again after an error) reuses the key, so the server answers the first
 * request's result instead of creating twice; a changed request, or a new one
 * after a success, gets a new key.
 */
export class ActionKeys {
  private last: { request: string; key: string } | null = null;
  keyFor(path: string, body: unknown): string {
    const request = `${path} ${JSON.stringify(body ?? null)}`;
    if (this.last?.request !== request) this.last = { request, key: newUuid() };
    return this.last.key;
  }
  /** The action succeeded: the next request is a new action. */
  done(): void {
    this.last = null;
  }
}

/** Automatic retries of a create: the database was briefly away (503) or the answer was lost. */
const CREATE_RETRIES = 2;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POSTs a create with its action's Idempotency-Key, and retries it with the
 * same key after a 503 (waiting Retry-After, at most 5 s) or a lost answer.
 */
export async function apiCreate<T>(path: string, body: unknown, keys: ActionKeys): Promise<T> {
  const idempotencyKey = keys.keyFor(path, body);
  for (let attempt = 0; ; attempt += 1) {
    try {
      const created = await apiFetch<T>(path, { method: 'POST', body, idempotencyKey });
      keys.done();
      return created;
    } catch (error) {
      const retryable = error instanceof ApiRequestError && (error.status === 503 || error.status === 0);
      if (!retryable || attempt >= CREATE_RETRIES) throw error;
      const seconds = typeof error.body.retryAfter === 'number' ? error.body.retryAfter : 1;
      await sleep(Math.min(seconds, 5) * 1000);
    }
  }
}
