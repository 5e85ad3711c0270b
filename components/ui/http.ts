import { isErrorKey, renderError, type ErrorParams } from '../../lib/i18n/errors';

/**
 * The browser side of our JSON API: one way to call it and one error for a failed call, for every page's
 * TanStack Query functions. Our routes answer a failure with `{ error, message }` (lib/serve): the message is what
 * the page shows.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** GET (or the given method) `url` and parse its JSON; a non-2xx answer throws ApiError with the server's message. */
export async function requestJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, { ...init, headers: { accept: 'application/json', ...init.headers } });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    if (res.ok) throw new ApiError(res.status, url, `${url}: ответ сервера — не JSON`);
  }
  if (!res.ok) {
    const b = body as {
      message?: string;
      key?: string;
      params?: ErrorParams;
      error?: string | { message?: string };
    } | null;
    // Our routes send a key (lib/i18n/errors.ts): the page says it in Russian whatever language the browser asks for.
    const ru = isErrorKey(b?.key) ? renderError(b.key, b.params ?? {}, 'ru') : undefined;
    const detail = ru ?? b?.message ?? (typeof b?.error === 'string' ? b.error : b?.error?.message);
    throw new ApiError(res.status, url, detail ?? `HTTP ${res.status} ${res.statusText}`.trim());
  }
  return body as T;
}

/** GET `url` as JSON, cancellable (TanStack Query passes its signal). */
export const getJson = <T>(url: string, signal?: AbortSignal): Promise<T> => requestJson<T>(url, { signal });

/** POST a JSON body. */
export const postJson = <T>(url: string, body: unknown): Promise<T> =>
  requestJson<T>(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
