import type { SwaggerTransform } from '@fastify/swagger';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../auth/hooks.js';
import type { FastifyRequest } from 'fastify';
import { attachmentResponse, sendAttachment } from '../../exports/attachment.js';
import { importRoster, previewRoster } from './import-roster.js';
import { RosterApplied, RosterApplyQuery, RosterPreview, RosterQuery } from './roster.schemas.js';
import { templateCsv, templateXlsx } from './template.js';

/** A regional list of a few thousand schools is a few hundred kilobytes; 5 MB leaves room for bulky XLSX styling. */
export const ROSTER_BODY_LIMIT = 5 * 1024 * 1024;

/**
 * The body as OpenAPI describes it: a CSV or XLSX file's bytes. Only the document says so: a JSON schema for the body
 * would have Fastify validate the bytes, which the import checks itself, row by row.
 */
const fileBody: SwaggerTransform = ({ schema, url }) => {
  const file = { schema: { type: 'string', format: 'binary' } };
  const mediaTypes = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'];
  return { schema: { ...schema, body: { content: Object.fromEntries(mediaTypes.map((type) => [type, file])) } }, url };
};

const ROSTER_ACCESS = { access: 'admin', token: ['roster:import'] } as const;

/** A region's service token imports its own region's schools; the administrator, any region's. */
const tokenRegion = (req: FastifyRequest) => req.serviceToken?.regionId ?? null;

export const rosterRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // The body is the file itself, whatever type a browser or curl labels it with (text/csv, application/vnd.ms-excel,
  // octet-stream, none at all): the format is recognised from the bytes. Only in this plugin's scope.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ROSTER_BODY_LIMIT }, (_req, body, done) => done(null, body));
  const fileOf = (body: unknown) => (Buffer.isBuffer(body) ? body : Buffer.alloc(0));

  app.post(
    '/api/admin/roster/preview',
    { schema: { querystring: RosterQuery, response: { 200: RosterPreview } }, config: { ...ROSTER_ACCESS, swaggerTransform: fileBody } },
    async (req) => previewRoster(app.db, fileOf(req.body), tokenRegion(req)),
  );

  app.post(
    '/api/admin/roster',
    { schema: { querystring: RosterApplyQuery, response: { 200: RosterApplied } }, config: { ...ROSTER_ACCESS, swaggerTransform: fileBody } },
    async (req) =>
      importRoster(
        app.db,
        fileOf(req.body),
        { ...actorOf(req), filename: req.query.filename },
        { confirmLookAlikes: req.query.confirmLookAlikes, onlyRegionId: tokenRegion(req) },
      ),
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/api/admin/roster/template.${format}`, { schema: { response: attachmentResponse(format) }, config: ROSTER_ACCESS }, async (_req, reply) =>
      sendAttachment(reply, {
        format,
        filename: `Список школ — шаблон.${format}`,
        asciiFilename: `roster-template.${format}`,
        body: format === 'csv' ? templateCsv() : await templateXlsx(),
      }),
    );
  }
};
