import { resolve } from 'node:path';
import { parseTrustProxy, type TrustProxy } from './security/trust-proxy.js';
import type { EmbeddedOptions } from './db/connect.js';

/** Every setting the server reads from the environment, parsed in one place. */
export interface Config {
  /** PostgreSQL connection string; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | null;
  dataDir: string;
  host: string;
  port: number;
  /** Address respondents reach the server at; printed links and QR codes use it. */
  publicUrl: string;
  /**
   * `NODE_ENV=production` or an https `PUBLIC_URL`: plain http is redirected or refused, the API description needs
   * a staff session, and no demo data is created. Production always has an https `PUBLIC_URL`.
   */
  production: boolean;
  /** Creates the demo region on an empty embedded database (never on PostgreSQL, never in production). */
  demo: boolean;
  logLevel: string;
  /**
   * Whose X-Forwarded-For (client address) and X-Forwarded-Proto to believe. Off unless set: any client could
   * write those headers, and pick the address its failed logins count against.
   */
  trustProxy: TrustProxy;
  /** The first administrator, created at start when absent. */
  admin: { email: string; password: string } | null;
  /** Bearer token /metrics asks for; when null, /metrics answers requests from this machine only. */
  metricsToken: string | null;
  /** How the embedded database guards itself; unused on PostgreSQL. */
  embedded: Pick<EmbeddedOptions, 'minFreeBytes' | 'queryTimeoutMs'>;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${env[name]}"`);
  return value;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  }
  const host = env.HOST ?? '0.0.0.0';
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const https = new URL(publicUrl).protocol === 'https:';
  // Production behind plain http would send passwords and session cookies readable by anyone on the way.
  if (env.NODE_ENV === 'production' && !https) {
    throw new Error(`NODE_ENV=production needs PUBLIC_URL on https:// (the address people open), got "${publicUrl}"`);
  }
  const production = env.NODE_ENV === 'production' || https;
  return {
    databaseUrl: env.DATABASE_URL || null,
    dataDir: resolve(env.DATA_DIR ?? './data'),
    host,
    port,
    publicUrl,
    production,
    demo: !production && env.DEMO !== '0',
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    admin: env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD } : null,
    metricsToken: env.METRICS_TOKEN || null,
    embedded: {
      minFreeBytes: positiveNumber(env, 'MIN_FREE_DISK_MB', 200) * 1024 * 1024,
      queryTimeoutMs: positiveNumber(env, 'DB_QUERY_TIMEOUT_SECONDS', 30) * 1000,
    },
  };
}
