import type { SwaggerTransform } from '@fastify/swagger';

/**
 * A request body that is a file's bytes, as OpenAPI describes it. Only the document says so: a JSON schema for the
 * body would have Fastify validate the bytes, which the route checks itself (the roster row by row, evidence by type).
 */
export function fileBody(mediaTypes: readonly string[]): SwaggerTransform {
  const file = { schema: { type: 'string', format: 'binary' } };
  return ({ schema, url }) => ({ schema: { ...schema, body: { content: Object.fromEntries(mediaTypes.map((type) => [type, file])) } }, url });
}
