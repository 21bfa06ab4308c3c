import type { FastifyPluginAsync } from 'fastify';
import { contextImportRoutes } from './context-import.routes.js';
import { schoolContextRoutes } from './school-context.routes.js';

/** A school's context: its import, and the school's view. Two scopes: only the import reads its body as a raw file. */
export const contextPlugin: FastifyPluginAsync = async (app) => {
  await app.register(contextImportRoutes);
  await app.register(schoolContextRoutes);
};
