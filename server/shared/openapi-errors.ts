import { Type } from '@fastify/type-provider-typebox';

/** Every error the API answers (server/app.ts's error handler), whatever the route. */
export const ErrorBody = Type.Object({
  statusCode: Type.Integer(),
  code: Type.String({ description: 'Stable, for scripts: e.g. invalid_request, wave_closed, figures_not_released' }),
  message: Type.String({ description: 'What went wrong and what to do, for a person' }),
  details: Type.Optional(Type.Unknown()),
});

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBody } } });

type Operation = { responses?: Record<string, unknown> };

/**
 * Adds to every operation of the OpenAPI document the errors it may answer with, in their one shape: a client
 * generated from the document then types them too. A route that declares an error status of its own keeps it.
 */
export function withErrorResponses<D extends { paths?: Record<string, Record<string, unknown> | undefined> }>(document: D): D {
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item ?? {}) as Operation[]) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      const responses = (operation.responses ??= {});
      responses['4XX'] ??= errorResponse('Refused: the request, the caller or the state does not allow it; `message` says why');
      responses['5XX'] ??= errorResponse('Not applied: the server or its database failed; try again later');
    }
  }
  return document;
}
