// The typed fetch wrapper every server call goes through: JSON, CSRF header, problem+json → ApiError.
import i18n from './i18n';

export type FieldError = { path: string; message: string };

/** An application/problem+json answer (or a network failure) as a thrown error. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];

  constructor(
    status: number,
    body: { title?: string; detail?: string; code?: string; errors?: FieldError[] },
  ) {
    super(body.detail || body.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code ?? (status === 0 ? 'NETWORK' : 'HTTP_' + status);
    this.title = body.title ?? '';
    this.detail = body.detail ?? '';
    this.errors = body.errors ?? [];
  }

  /** The message for one field (path as the server names it, e.g. `email` or `points.0.text`). */
  fieldError(path: string): string | undefined {
    return this.errors.find((e) => e.path === path || e.path === `body.${path}`)?.message;
  }

  /** True when the route itself does not exist yet (the server domain is not built). */
  get routeMissing(): boolean {
    return this.status === 404 && this.detail.startsWith('No route');
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server answers 401 to anything but the login itself (session expired). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** Calls `/api/v1<path>`; resolves with the parsed JSON (undefined for 204), rejects with ApiError. */
export async function api<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  // The UI language, so that the server words validation messages in it.
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': i18n.language || 'de',
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(withQuery(`/api/v1${path}`, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, { detail: (err as Error).message });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!res.ok) {
    if (res.status === 401 && path !== '/auth/login' && path !== '/auth/me') onUnauthenticated?.();
    throw new ApiError(res.status, (parsed as object | null) ?? { detail: text });
  }
  return parsed as T;
}

export const apiGet = <T>(path: string, query?: Query) => api<T>('GET', path, undefined, query);
export const apiPost = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const apiPatch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const apiPut = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const apiDelete = <T>(path: string) => api<T>('DELETE', path);

export type Page<T> = { items: T[]; nextCursor: string | null };
