import type { FastifyInstance } from 'fastify';
import { badRequest } from '../shared/errors.js';

/** Whether any string (or object key) in a parsed body, query or path holds U+0000. Iterative: bodies may nest deep. */
export function containsNul(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return true;
    } else if (item !== null && typeof item === 'object' && !Buffer.isBuffer(item)) {
      for (const [key, child] of Object.entries(item)) {
        if (key.includes('\u0000')) return true;
        pending.push(child);
      }
    }
  }
  return false;
}

/**
 * PostgreSQL's text and jsonb cannot hold U+0000: such a string would fail deep inside a query and answer 500.
 * No field of this product has a use for it, so it is refused at the door, for every route.
 */
export function registerNulGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    if (containsNul(req.params) || containsNul(req.query) || containsNul(req.body)) {
      throw badRequest('nul_character', 'Text must not contain the NUL character (U+0000)');
    }
  });
}
