import type { FastifyRequest, FastifyServerOptions } from 'fastify';

/** Path segments that are credentials: a respondent link (page and API) and an invitation. */
const TOKEN_IN_PATH = /^(\/(?:s|api\/links|api\/auth\/invitations)\/)[^/?#]+/;

/** The URL as it may be written to a log: whoever reads the logs must not be able to answer as a school. */
export function redactUrl(url: string): string {
  return url.replace(TOKEN_IN_PATH, '$1[token]');
}

function serializeRequest(req: FastifyRequest) {
  return { method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip };
}

/**
 * Fastify's logger with the request line stripped of link tokens. Bodies (answers, passwords) and headers
 * (the sid cookie) are never serialized; the paths below keep them out should anyone log a request whole.
 */
export function withLogRedaction(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const options = logger === true ? {} : logger;
  return {
    ...options,
    serializers: { ...options.serializers, req: serializeRequest as never },
    redact: {
      paths: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.body', 'body.password', 'body.answers', 'password', 'answers'],
      censor: '[redacted]',
    },
  };
}
