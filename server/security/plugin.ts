import type { FastifyInstance } from 'fastify';
import { registerSecurityHeaders } from './headers.js';
import { registerNulGuard } from './nul-guard.js';

/** What every route gets, whoever wrote it: hardened headers, and no input that would only fail inside the database. */
export async function registerSecurity(app: FastifyInstance) {
  registerSecurityHeaders(app);
  registerNulGuard(app);
}
