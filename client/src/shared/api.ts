/** The staff app's only way to the server: JSON in and out, the CSRF token on changes, errors as ApiFailure. */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

let sessionEnded: () => void = () => undefined;

/** Who hears that the server ended the session (30 idle minutes, or 12 hours after login): the session provider. */
export function onSessionEnded(handler: () => void) {
  sessionEnded = handler;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set('content-type', 'application/json');
  if (rest.method && rest.method !== 'GET' && csrfToken) headers.set('x-csrf-token', csrfToken);
  let res: Response;
  try {
    res = await fetch(path, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body, credentials: 'same-origin' });
  } catch {
    throw new ApiFailure(0, 'network', 'network');
  }
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : null;
  if (res.status === 401 && body?.code === 'session_expired') sessionEnded();
  if (!res.ok) throw new ApiFailure(res.status, body?.code ?? 'http_' + res.status, body?.message ?? res.statusText, body?.details);
  return body as T;
}

/** Downloads a server-made file (CSV, XLSX, PDF) under the name the server gives it. */
export async function download(path: string) {
  const res = await fetch(path, { credentials: 'same-origin' });
  if (!res.ok) {
    // A refused export says why in JSON, like any other route (e.g. figures not released yet).
    const body = res.headers.get('content-type')?.includes('json') ? await res.json() : null;
    throw new ApiFailure(res.status, body?.code ?? 'download', body?.message ?? res.statusText, body?.details);
  }
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)/i.exec(res.headers.get('content-disposition') ?? '')?.[1];
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: name ? decodeURIComponent(name) : 'export' });
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
