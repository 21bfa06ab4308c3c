import type { FastifyPluginAsync } from 'fastify';
import { regionRoutes } from './regions.routes.js';
import { rosterRoutes } from './roster.routes.js';

/** The school list and its regions. Two scopes: only the roster routes read their body as a raw file. */
export const rosterPlugin: FastifyPluginAsync = async (app) => {
  await app.register(regionRoutes);
  await app.register(rosterRoutes);
};
