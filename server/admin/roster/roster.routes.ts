import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../auth/hooks.js';
import type { FastifyRequest } from 'fastify';
import { attachmentResponse, sendAttachment } from '../../exports/attachment.js';
import { fileBody } from '../../shared/openapi-file-body.js';
import { importRoster, previewRoster } from './import-roster.js';
import { RosterApplied, RosterApplyQuery, RosterPreview, RosterQuery } from './roster.schemas.js';
import { templateCsv, templateXlsx } from './template.js';

/** A regional list of a few thousand schools is a few hundred kilobytes; 5 MB leaves room for bulky XLSX styling. */
export const ROSTER_BODY_LIMIT = 5 * 1024 * 1024;

/** The roster file as OpenAPI describes it; the import recognises the format from the bytes. */
const rosterFile = fileBody(['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream']);

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
    { schema: { querystring: RosterQuery, response: { 200: RosterPreview } }, config: { ...ROSTER_ACCESS, swaggerTransform: rosterFile } },
    async (req) => previewRoster(app.db, fileOf(req.body), tokenRegion(req)),
  );

  app.post(
    '/api/admin/roster',
    { schema: { querystring: RosterApplyQuery, response: { 200: RosterApplied } }, config: { ...ROSTER_ACCESS, swaggerTransform: rosterFile } },
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
