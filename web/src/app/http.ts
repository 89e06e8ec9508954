// The one door to the HTTP API: JSON in and out, the bearer token on every call, and a 401
// from anywhere signs the user out (the session store registers the hooks).
import { isErrorCode, type ErrorCode } from '@jointduty/shared';

// A refused or failed call: the HTTP status (0: the server was not reached), the server's
// English text, and its error code when it sent a known one (app/errors.ts makes the screen text).
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: ErrorCode | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface AuthHooks {
  token: () => string | null;
  onUnauthorized: () => void;
}

let hooks: AuthHooks = { token: () => null, onUnauthorized: () => undefined };

export function setAuthHooks(next: AuthHooks): void {
  hooks = next;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
  // login answers 401 for wrong credentials: that is not a lost session
  skipAuth?: boolean;
}

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await apiWithHeaders<T>(path, options)).data;
}

/** As `api`, with the answer's headers (a list's next-page cursor comes in one). */
export async function apiWithHeaders<T>(path: string, options: RequestOptions = {}): Promise<{ data: T; headers: Headers }> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const token = options.skipAuth ? null : hooks.token();
  if (token) headers.Authorization = `Bearer ${token}`;

  let res: Response;
  try {
    res = await fetch(apiUrl(path, options.query), {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    // an abort is the caller's own doing and stays what it is; anything else is the network
    if (options.signal?.aborted) throw err;
    throw new ApiError(0, err instanceof Error ? err.message : String(err));
  }

  if (res.status === 401 && !options.skipAuth) hooks.onUnauthorized();
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const body = data !== null && typeof data === 'object' ? (data as { error?: unknown; code?: unknown }) : {};
    const message = typeof body.error === 'string' ? body.error : `HTTP ${res.status}`;
    throw new ApiError(res.status, message, isErrorCode(body.code) ? body.code : null);
  }
  return { data: data as T, headers: res.headers };
}

/**
 * A file the API answers (a report as Excel or Word): the bearer token goes with it as with every
 * call, which a plain link cannot do. A refusal is the same ApiError as `api`'s.
 */
export async function apiBlob(path: string, query?: RequestOptions['query']): Promise<{ blob: Blob; headers: Headers }> {
  const headers: Record<string, string> = {};
  const token = hooks.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(apiUrl(path, query), { headers });
  } catch (err) {
    throw new ApiError(0, err instanceof Error ? err.message : String(err));
  }
  if (res.status === 401) hooks.onUnauthorized();
  if (!res.ok) {
    let body: { error?: unknown; code?: unknown } = {};
    try {
      const parsed: unknown = JSON.parse(await res.text());
      if (parsed !== null && typeof parsed === 'object') body = parsed as typeof body;
    } catch {
      // not JSON: the status says it
    }
    throw new ApiError(
      res.status,
      typeof body.error === 'string' ? body.error : `HTTP ${res.status}`,
      isErrorCode(body.code) ? body.code : null,
    );
  }
  return { blob: await res.blob(), headers: res.headers };
}
