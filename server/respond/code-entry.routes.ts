import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { addressKey, FailedLogins } from '../auth/failed-logins.js';
import { ApiError, badRequest, notFound } from '../shared/errors.js';
import { normaliseShortCode } from '../shared/short-codes.js';
import { findTokenByShortCode } from './links.repository.js';
import { CodeEntry, CodeEntryLink } from './respond.schemas.js';

/**
 * Wrong codes per address and hour. A person mistypes once or twice; a class behind one school address typing
 * its own codes stays far below, since right codes are not counted. README «Short codes» works out what this
 * leaves a guesser.
 */
export const WRONG_CODES_PER_ADDRESS = { max: 20, windowMs: 60 * 60_000 };

/** Every code entry per address and minute, right or wrong: a ceiling on the work one address can ask for. */
export const CODE_ENTRY_RATE_LIMIT = { max: 60, timeWindow: '1 minute' };

/**
 * The code-entry page (/c) sends what was typed from a slip and gets the link it stands for. Under /api/links,
 * so that the request is logged like a respondent's: no address, no exact time (security/logging.ts).
 */
export const codeEntryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const wrongCodes = new FailedLogins(app.limits, 'code', WRONG_CODES_PER_ADDRESS);

  app.post(
    '/api/links/code',
    {
      schema: { body: CodeEntry, response: { 200: CodeEntryLink } },
      config: { access: 'public', rateLimit: { ...CODE_ENTRY_RATE_LIMIT, keyGenerator: (req) => `code|${addressKey(req.ip)}` } },
    },
    async (req) => {
      const retryAfter = await wrongCodes.retryAfterSeconds(req.ip);
      if (retryAfter > 0) {
        throw new ApiError(429, 'too_many_wrong_codes', `Too many wrong codes from this address; try again in ${Math.ceil(retryAfter / 60)} min`);
      }
      const code = normaliseShortCode(req.body.code);
      if (!code) throw badRequest('invalid_code', 'A code is 8 letters and digits, like 7KQ4-M9XA; check it on the slip');
      const token = await findTokenByShortCode(app.db, code);
      if (!token) {
        await wrongCodes.recordFailure(req.ip);
        throw notFound('code_not_found', 'No questionnaire has this code; check it on the slip');
      }
      return { token };
    },
  );
};
