import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { staffPrincipal } from '../../auth/hooks.js';
import { importRoster, previewRoster } from './import-roster.js';
import { RosterApplied, RosterPreview, RosterQuery } from './roster.schemas.js';
import { templateCsv, templateXlsx } from './template.js';

/** A regional list of a few thousand schools is a few hundred kilobytes; 5 MB leaves room for bulky XLSX styling. */
export const ROSTER_BODY_LIMIT = 5 * 1024 * 1024;

const attachment = (name: string, asciiName: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}; filename="${asciiName}"`;

export const rosterRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // The body is the file itself, whatever type a browser or curl labels it with (text/csv, application/vnd.ms-excel,
  // octet-stream, none at all): the format is recognised from the bytes. Only in this plugin's scope.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ROSTER_BODY_LIMIT }, (_req, body, done) => done(null, body));
  const fileOf = (body: unknown) => (Buffer.isBuffer(body) ? body : Buffer.alloc(0));

  app.post(
    '/api/admin/roster/preview',
    { schema: { querystring: RosterQuery, response: { 200: RosterPreview } }, config: { access: 'admin' } },
    async (req) => previewRoster(app.db, fileOf(req.body)),
  );

  app.post(
    '/api/admin/roster',
    { schema: { querystring: RosterQuery, response: { 200: RosterApplied } }, config: { access: 'admin' } },
    async (req) => importRoster(app.db, fileOf(req.body), { userId: staffPrincipal(req).id, filename: req.query.filename }),
  );

  app.get('/api/admin/roster/template.csv', { config: { access: 'admin' } }, async (_req, reply) =>
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachment('Список школ — шаблон.csv', 'roster-template.csv'))
      .send(templateCsv()),
  );

  app.get('/api/admin/roster/template.xlsx', { config: { access: 'admin' } }, async (_req, reply) =>
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', attachment('Список школ — шаблон.xlsx', 'roster-template.xlsx'))
      .send(await templateXlsx()),
  );
};
