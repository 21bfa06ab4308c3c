/** The outcome of one API call, without exceptions: the caller decides what each case means. */
export type HttpResult<T> =
  | { kind: 'ok'; status: number; data: T }
  /** The server answered with an error body `{ statusCode, code, message }` (English; map `code` to UI text). */
  | { kind: 'error'; status: number; code: string; message: string }
  /** No answer at all: offline, DNS, connection reset, or the timeout ran out. */
  | { kind: 'network' };

export interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  /** Abort a request that hangs (a phone on a weak signal can wait minutes otherwise). */
  timeoutMs?: number;
}

export async function requestJson<T>(url: string, { method = 'GET', body, timeoutMs = 20_000 }: RequestOptions = {}): Promise<HttpResult<T>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
      cache: 'no-store',
    });
  } catch {
    return { kind: 'network' };
  } finally {
    clearTimeout(timer);
  }
  let data: unknown = null;
  try {
    data = await res.json();
  } catch {
    // A proxy's HTML error page or an empty body: keep the status, which is what matters.
  }
  if (res.ok) return { kind: 'ok', status: res.status, data: data as T };
  const err = (data ?? {}) as { code?: unknown; message?: unknown };
  return {
    kind: 'error',
    status: res.status,
    code: typeof err.code === 'string' ? err.code : `http_${res.status}`,
    message: typeof err.message === 'string' ? err.message : res.statusText,
  };
}
