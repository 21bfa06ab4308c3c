/**
 * The respondent page's service worker (scope /s/). A link opened without network starts from the cached page and
 * shows the answers saved on the phone, instead of the browser's error page. It never touches the staff app (out of
 * scope) nor a POST: answers always go to the server, and the page's own retry queue handles a failed send.
 */

// The build (vite.respond-sw.ts) writes the respondent page's files and their version over these placeholders.
const SHELL: string[] = ['__RESPOND_SHELL__'];
const SHELL_CACHE = 'respond-shell-__RESPOND_SHELL_VERSION__';
/** Questionnaires of the links opened on this phone; kept across deploys, so an update never loses one. */
const LINKS_CACHE = 'respond-links-v1';
const PAGE = '/respond.html';
const LINK_API = /^\/api\/links\/[^/]+$/;

// The DOM library has no service worker types, and the WebWorker one clashes with it: the few used are named here.
interface LifecycleEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface FetchEvent extends LifecycleEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: LifecycleEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void>; matchAll(options: { type: 'window' }): Promise<ReadonlyArray<{ url: string }>> };
}
const worker = self as unknown as WorkerScope;

worker.addEventListener('install', (event) => {
  // `reload`: the browser's HTTP cache may hold a page of the previous deploy.
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(SHELL.map((path) => new Request(path, { cache: 'reload' }))))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith('respond-shell-') && name !== SHELL_CACHE).map((name) => caches.delete(name)));
      await worker.clients.claim();
      await rememberOpenLinks();
    })(),
  );
});

/** The page that installed the worker fetched its questionnaire before the worker existed: fetch it once more. */
async function rememberOpenLinks() {
  const windows = await worker.clients.matchAll({ type: 'window' });
  const paths = windows.map((w) => /^\/s\/([^/?#]+)\/?$/.exec(new URL(w.url).pathname)?.[1]).filter((token) => token !== undefined);
  await Promise.all(paths.map((token) => linkNetworkFirst(new Request(`/api/links/${token}`)).catch(() => undefined)));
}

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== location.origin) return;
  if (request.mode === 'navigate') event.respondWith(pageOrCachedShell(request));
  else if (SHELL.includes(url.pathname)) event.respondWith(cachedOrNetwork(request));
  else if (LINK_API.test(url.pathname)) event.respondWith(linkNetworkFirst(request));
});

/** Online the page comes from the server as before; without network, the cached one starts all the same. */
async function pageOrCachedShell(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok) await keepInlineFacts(new URL(request.url).pathname, response.clone());
    return response;
  } catch (error) {
    const cached = await caches.match(PAGE, { cacheName: SHELL_CACHE });
    if (cached) return cached;
    throw error;
  }
}

/** The page's one JSON block (server/respond/first-page/); nothing imported here, so the worker stays a single file. */
const INLINE_FACTS = /<script type="application\/json" id="[\w-]+">([^<]*)<\/script>/;

/**
 * The server writes a link's questionnaire into its page, so the page never asks /api/links for it: kept here as if
 * it had, the link opens offline next time from the cached page like any other.
 */
async function keepInlineFacts(pathname: string, page: Response) {
  const token = /^\/s\/([^/?#]+)\/?$/.exec(pathname)?.[1];
  const facts = token ? INLINE_FACTS.exec(await page.text())?.[1] : undefined;
  if (!token || !facts) return;
  const cache = await caches.open(LINKS_CACHE);
  await cache.put(`/api/links/${token}`, new Response(facts, { headers: { 'content-type': 'application/json; charset=utf-8' } }));
}

/** Hashed files never change under their name. */
async function cachedOrNetwork(request: Request): Promise<Response> {
  return (await caches.match(request, { cacheName: SHELL_CACHE })) ?? fetch(request);
}

/**
 * The questionnaire as the server gives it now; the last one it gave when the network (or the server behind its
 * proxy) does not answer. A link the server refuses (revoked, unknown, code used) is forgotten.
 */
async function linkNetworkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(LINKS_CACHE);
  const key = new URL(request.url).pathname;
  let response: Response;
  try {
    response = await fetch(request);
  } catch {
    return (await cache.match(key)) ?? Response.error();
  }
  if (response.ok) await cache.put(key, response.clone());
  else if (response.status < 500) await cache.delete(key);
  else return (await cache.match(key)) ?? response;
  return response;
}

export {};
