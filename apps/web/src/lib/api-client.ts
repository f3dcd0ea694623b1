// fetch for our JSON API: throws ApiRequestError carrying the API's bilingual
// message and field errors, so forms can show them next to the fields.
import type { ApiError, FieldError } from '@pufa/domain';

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

export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown; query?: Query } = {}): Promise<T> {
  const { method = 'GET', body, query = {} } = init;
  let response: Response;
  try {
    response = await fetch(`/api${path}${toQueryString(query)}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw unreachable();
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiRequestError(response.status, data as ApiError);
  return data as T;
}
