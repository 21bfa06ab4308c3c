import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { LimitWindows } from './limit-windows.js';

/** What @fastify/rate-limit hands a route's store: its merged options, with the route they are for. */
type RouteLimitOptions = Parameters<FastifyRateLimitStore['child']>[0] & { routeInfo?: { method?: unknown; url?: unknown } };

/**
 * @fastify/rate-limit's store over the server's limit windows, so the per-route limits (answers per link, code entry,
 * invitations) count where every other limit does: in PostgreSQL across instances, in memory on the embedded database.
 * Each route counts under its own prefix, as the plugin's own stores keep one cache per route.
 */
export function limitStore(windows: LimitWindows): FastifyRateLimitStoreCtor {
  class WindowStore implements FastifyRateLimitStore {
    constructor(
      _options: FastifyRateLimitOptions,
      private readonly prefix = 'rate|',
    ) {}

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number) {
      windows.hit(`${this.prefix}${key}`, timeWindow).then(
        ({ hits, msLeft }) => callback(null, { current: hits, ttl: msLeft }),
        (error: Error) => callback(error),
      );
    }

    child(options: RouteLimitOptions): FastifyRateLimitStore {
      const route = options.routeInfo ? `${String(options.routeInfo.method)} ${String(options.routeInfo.url)}` : '';
      return new WindowStore({}, `rate|${route}|`);
    }
  }
  return WindowStore;
}
