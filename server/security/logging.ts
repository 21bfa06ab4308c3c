import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import { normaliseUrl } from './normalise-url.js';

/**
 * Path prefixes whose next segment is a credential: a respondent link (its page, its single-use code page and
 * its API) and a staff invitation (page and API). Matched after decoding and normalising, without case: a log
 * line of `/S/<token>` or `/api/%6cinks/<token>` hands out the token as surely as the canonical path.
 */
const CREDENTIAL_PREFIXES = [['s'], ['c'], ['invite'], ['api', 'links'], ['api', 'auth', 'invitations']];

/**
 * Anything shaped like one of our secrets (16+ base64url characters with a capital or a digit, unlike the
 * lower-case words of our routes) is hidden wherever it sits, so a token pasted under a wrong path or into a
 * query is not logged either. Built assets' file names are exempt: they carry content hashes, public by nature.
 */
const SECRET_RUN = /[A-Za-z0-9_-]{16,}/g;
const hideSecretRuns = (text: string) => text.replace(SECRET_RUN, (run) => (/[A-Z0-9]/.test(run) ? '[token]' : run));
const isAssetFile = (lowerSegments: string[], i: number) => lowerSegments[0] === 'assets' && i > 0 && /\.[a-z0-9]+$/.test(lowerSegments[i]!);

/** The URL as it may be written to a log: whoever reads the logs must not be able to answer as a school or accept an invitation. */
export function redactUrl(url: string): string {
  const { segments, query } = normaliseUrl(url);
  if (!segments) return '[undecodable url]';
  const lower = segments.map((s) => s.toLowerCase());
  const prefix = CREDENTIAL_PREFIXES.find((p) => p.length < segments.length && p.every((part, i) => lower[i] === part));
  const redacted = segments.map((segment, i) => {
    if (prefix && i === prefix.length) return '[token]';
    return isAssetFile(lower, i) ? segment : hideSecretRuns(segment);
  });
  return `/${redacted.join('/')}${query === null ? '' : `?${hideSecretRuns(query)}`}`;
}

/**
 * Whether a request is a respondent's, or may be: anything but the staff API. The respondent page shares its
 * assets and its not-found fallback with the staff pages, so a path cannot tell them apart; only the staff API
 * (logins, administration) is worth an address in the log, to trace abuse.
 */
export function isRespondentRequest(url: string): boolean {
  const { segments } = normaliseUrl(url);
  if (!segments) return true;
  const [first, second] = segments.map((s) => s.toLowerCase());
  return first !== 'api' || second === 'links';
}

/** Loggers of respondent requests: their lines get a coarse time (see `stampTime`). */
const respondentLoggers = new WeakSet<object>();

const MINUTE_MS = 60_000;

/**
 * A stored answer keeps the time it arrived; a log line with the millisecond it arrived would pair the two,
 * and with them whatever else the line or a neighbouring line says. Lines of respondent requests carry the
 * minute only: enough to find an outage, useless to tell one respondent of a class from the next. Other lines
 * keep the millisecond. (A log collector that stamps lines itself, like journald, adds its own time: which is
 * why these lines also carry no address and no token.)
 */
function stampTime(_line: object, _level: number, logger: object) {
  const now = Date.now();
  return { time: respondentLoggers.has(logger) ? now - (now % MINUTE_MS) : now };
}

const childLoggerFactory: NonNullable<FastifyServerOptions['childLoggerFactory']> = (logger, bindings, options, rawRequest) => {
  const child = logger.child(bindings, options);
  if (isRespondentRequest(rawRequest.url ?? '/')) respondentLoggers.add(child);
  return child;
};

function serializeRequest(req: FastifyRequest) {
  const line = { method: req.method, url: redactUrl(req.url), host: req.host };
  // Respondents other than the principal are anonymous: their address is not stored, so it is not logged either.
  return isRespondentRequest(req.url) ? line : { ...line, remoteAddress: req.ip };
}

/**
 * Fastify's logger with the request line stripped of tokens, and of the address and the exact time on respondent
 * requests. Bodies (answers, passwords) and headers (the session cookie) are never serialized; the paths below
 * keep them out should anyone log a request whole.
 */
export function loggingOptions(logger: FastifyServerOptions['logger']): Pick<FastifyServerOptions, 'logger' | 'childLoggerFactory'> {
  if (!logger) return { logger: false };
  const options = logger === true ? {} : logger;
  return {
    logger: {
      ...options,
      timestamp: false,
      mixin: stampTime,
      serializers: { ...options.serializers, req: serializeRequest as never },
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'req.headers["x-csrf-token"]',
          'req.body',
          'body.password',
          'body.answers',
          'password',
          'answers',
        ],
        censor: '[redacted]',
      },
    },
    childLoggerFactory,
  };
}
