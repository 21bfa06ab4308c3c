import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { staffPrincipal } from '../auth/hooks.js';
import { attachmentResponse, sendAttachment } from '../exports/attachment.js';
import { ApiError } from '../shared/errors.js';
import { fileBody } from '../shared/openapi-file-body.js';
import type { Caller } from '../territory/scope.js';
import { ContextApplied, ContextKindParams, ContextPreview, ContextQuery } from './context.schemas.js';
import { importContext, previewContext } from './import-context.js';
import { templateCsv, templateFilename, templateXlsx } from './template.js';

/** A region's figures for a few thousand schools and several procedures is a few megabytes of XLSX at most. */
export const CONTEXT_BODY_LIMIT = 10 * 1024 * 1024;

const contextFile = fileBody(['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream']);

/**
 * The region knows its schools' figures: its coordinator imports them for its own schools, the administrator for any.
 * A municipality reads them but does not load them, as with the school list.
 */
function importerRegion(caller: Caller): number | null {
  if (caller.role === 'admin') return null;
  if (caller.role === 'region' && caller.regionId !== null) return caller.regionId;
  throw new ApiError(403, 'forbidden', "A school's context is imported by the region's coordinator or the administrator");
}

export const contextImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // The body is the file itself, whatever type it is labelled with: the format is recognised from the bytes.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: CONTEXT_BODY_LIMIT }, (_req, body, done) => done(null, body));
  const fileOf = (body: unknown) => (Buffer.isBuffer(body) ? body : Buffer.alloc(0));

  app.post(
    '/api/context/:kind/preview',
    {
      schema: { params: ContextKindParams, querystring: ContextQuery, response: { 200: ContextPreview } },
      config: { access: 'coordinator', swaggerTransform: contextFile },
    },
    async (req) => previewContext(app.db, req.params.kind, fileOf(req.body), importerRegion(staffPrincipal(req))),
  );

  app.post(
    '/api/context/:kind',
    {
      schema: { params: ContextKindParams, querystring: ContextQuery, response: { 200: ContextApplied } },
      config: { access: 'coordinator', swaggerTransform: contextFile },
    },
    async (req) => {
      const caller = staffPrincipal(req);
      return importContext(app.db, req.params.kind, fileOf(req.body), { userId: caller.id, filename: req.query.filename }, importerRegion(caller));
    },
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/api/context/:kind/template.${format}`,
      { schema: { params: ContextKindParams, response: attachmentResponse(format) }, config: { access: 'coordinator' } },
      async (req, reply) => {
        importerRegion(staffPrincipal(req));
        const { kind } = req.params;
        return sendAttachment(reply, {
          format,
          filename: `${templateFilename(kind)} — шаблон.${format}`,
          asciiFilename: `context-${kind}-template.${format}`,
          body: format === 'csv' ? templateCsv(kind) : await templateXlsx(kind),
        });
      },
    );
  }
};
