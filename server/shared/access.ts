/**
 * Who may call a route. Every /api route declares one in `config.access`; the app refuses to start
 * with a route that does not, so access is never left to chance.
 */
export type Access = 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}
