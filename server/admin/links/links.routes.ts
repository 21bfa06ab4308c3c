import { auditExport, auditLinkView } from '../../audit/reads.js';
import type { FastifyPluginAsyncTypebox, Static } from '@fastify/type-provider-typebox';
import { audit } from '../../audit/log.js';
import { staffPrincipal } from '../../auth/hooks.js';
import type { Db } from '../../db/connect.js';
import { attachmentResponse, sendAttachment } from '../../exports/attachment.js';
import type { RespondentLinks } from '../../links/respondent-links.js';
import { pointsToLocalhost } from '../../links/public-url.js';
import { conflict, notFound } from '../../shared/errors.js';
import { ROLES } from '../../shared/roles.js';
import { formatShortCode } from '../../shared/short-codes.js';
import { IdParams, waveTerms } from '../../shared/vocabulary.js';
import { findWave, lockWave } from '../waves/waves.repository.js';
import { linksCsv, linksTable, linksXlsx } from './links-export.js';
import {
  accessModes,
  activeOpenLinks,
  codeCounts,
  expectedOf,
  lockLink,
  reconcileLinks,
  replaceLink,
  setAccessMode,
  unusedCodes,
  waveSchools,
} from '../../links/links.repository.js';
import type { WaveRosterRow } from '../../territory/wave-roster.js';
import {
  AccessBody,
  AccessChanged,
  CodesQuery,
  LinksConfig,
  CodesView,
  ReconciledView,
  ReplacedLink,
  SheetView,
  WaveLinksView,
  WaveIdSchoolParams,
} from './links.schemas.js';

export interface LinkRoutesOptions {
  respondentLinks: RespondentLinks;
}

async function waveOrFail(db: Db, waveId: number) {
  const wave = await findWave(db, waveId);
  if (!wave) throw notFound('wave_not_found', `No wave ${waveId}`);
  return wave;
}

async function waveSchoolOrFail(db: Db, waveId: number, schoolId: number) {
  const wave = await waveOrFail(db, waveId);
  const [school] = await waveSchools(db, wave, schoolId);
  if (!school)
    throw notFound('school_not_in_wave', `School ${schoolId} is not part of wave ${waveId}: it is of another region, or was added after the wave opened`);
  return { wave, school };
}

const schoolRef = (s: WaveRosterRow) => ({ id: s.id, code: s.code, name: s.name, municipality: s.municipality_name });

/** Links of a wave: how respondents reach it, what is printed for schools, what is sent to them. */
export const linkRoutes: FastifyPluginAsyncTypebox<LinkRoutesOptions> = async (app, { respondentLinks }) => {
  app.get('/api/admin/links/config', { schema: { response: { 200: LinksConfig } }, config: { access: 'admin' } }, async () => ({
    publicUrl: respondentLinks.publicUrl,
    localhost: pointsToLocalhost(respondentLinks.publicUrl),
  }));

  app.get('/api/admin/waves/:id/links', { schema: { params: IdParams, response: { 200: WaveLinksView } }, config: { access: 'admin' } }, async (req) => {
    const wave = await waveOrFail(app.db, req.params.id);
    const [schools, links, codes, modes] = await Promise.all([
      waveSchools(app.db, wave),
      activeOpenLinks(app.db, wave.id),
      codeCounts(app.db, wave.id),
      accessModes(app.db, wave.id),
    ]);
    await auditLinkView(app.db, req, { kind: 'wave_links', waveId: wave.id });
    const linkOf = new Map(links.map((l) => [`${l.school_id}:${l.role}`, { id: l.id, url: respondentLinks.url(l.token) }]));
    const codesOf = new Map(codes.map((c) => [`${c.schoolId}:${c.role}`, { issued: c.issued, used: c.used }]));
    return {
      schools: schools.map((school) => {
        const roles = {} as Static<typeof WaveLinksView>['schools'][number]['roles'];
        for (const role of ROLES) {
          const key = `${school.id}:${role}`;
          roles[role] = {
            mode: modes[role],
            expected: expectedOf(school, role),
            link: linkOf.get(key) ?? null,
            codes: codesOf.get(key) ?? { issued: 0, used: 0 },
          };
        }
        return { ...schoolRef(school), roles };
      }),
    };
  });

  app.post('/api/admin/waves/:id/links/sync', { schema: { params: IdParams, response: { 200: ReconciledView } }, config: { access: 'admin' } }, async (req) =>
    app.db.transaction().execute(async (trx) => {
      const wave = await lockWave(trx, req.params.id);
      if (!wave) throw notFound('wave_not_found', `No wave ${req.params.id}`);
      const result = await reconcileLinks(trx, wave);
      await audit(trx, { userId: staffPrincipal(req).id, action: 'wave.links_sync', entity: 'wave', entityId: wave.id, details: { ...result } });
      return result;
    }),
  );

  app.put(
    '/api/admin/waves/:id/access',
    {
      schema: { params: IdParams, body: AccessBody, response: { 200: AccessChanged } },
      config: { access: 'admin' },
    },
    async (req) =>
      app.db.transaction().execute(async (trx) => {
        const wave = await lockWave(trx, req.params.id);
        if (!wave) throw notFound('wave_not_found', `No wave ${req.params.id}`);
        const before = (await accessModes(trx, wave.id))[req.body.role];
        await setAccessMode(trx, wave.id, req.body.role, req.body.mode);
        const result = await reconcileLinks(trx, wave);
        await audit(trx, {
          userId: staffPrincipal(req).id,
          action: 'wave.access_mode',
          entity: 'wave',
          entityId: wave.id,
          details: { role: req.body.role, from: before, to: req.body.mode, ...result },
        });
        return { access: await accessModes(trx, wave.id), ...result };
      }),
  );

  app.post(
    '/api/admin/links/:id/replace',
    {
      schema: {
        params: IdParams,
        response: { 200: ReplacedLink },
      },
      config: { access: 'admin' },
    },
    async (req) =>
      app.db.transaction().execute(async (trx) => {
        const link = await lockLink(trx, req.params.id);
        if (!link) throw notFound('link_not_found', `No link ${req.params.id}`);
        if (link.revoked_at) throw conflict('link_revoked', `Link ${link.id} is no longer in use; replace the current link of this school and role`);
        if (link.code_used) throw conflict('code_used', `Code ${link.id} has already been answered; there is nothing to replace`);
        const next = await replaceLink(trx, link);
        await audit(trx, {
          userId: staffPrincipal(req).id,
          action: 'link.replace',
          entity: 'link',
          entityId: link.id,
          details: { waveId: link.wave_id, schoolId: link.school_id, role: link.role, kind: link.kind, newLinkId: next.id },
        });
        return { replacedId: link.id, id: next.id, url: respondentLinks.url(next.token), kind: next.kind, role: next.role, schoolId: next.school_id };
      }),
  );

  app.get(
    '/api/admin/waves/:id/schools/:schoolId/sheet',
    { schema: { params: WaveIdSchoolParams, response: { 200: SheetView } }, config: { access: 'admin' } },
    async (req) => {
      const { wave, school } = await waveSchoolOrFail(app.db, req.params.id, req.params.schoolId);
      const [links, codes] = await Promise.all([respondentLinks.ofSchool(wave.id, school.id), codeCounts(app.db, wave.id, school.id)]);
      const roles = links.map((link) => ({
        ...link,
        expected: expectedOf(school, link.role),
        codes: codes.find((c) => c.role === link.role) ?? { issued: 0, used: 0 },
      }));
      await auditLinkView(app.db, req, { kind: 'qr_sheet', waveId: wave.id, schoolId: school.id });
      return { school: schoolRef(school), wave: waveTerms(wave), roles };
    },
  );

  app.get(
    '/api/admin/waves/:id/schools/:schoolId/codes',
    { schema: { params: WaveIdSchoolParams, querystring: CodesQuery, response: { 200: CodesView } }, config: { access: 'admin' } },
    async (req) => {
      const { wave, school } = await waveSchoolOrFail(app.db, req.params.id, req.params.schoolId);
      const codes = await unusedCodes(app.db, wave.id, school.id, req.query.role);
      await auditLinkView(app.db, req, { kind: 'codes', waveId: wave.id, schoolId: school.id, role: req.query.role });
      return {
        school: schoolRef(school),
        wave: waveTerms(wave),
        entryUrl: respondentLinks.codeEntryUrl,
        codes: codes.map((code) => ({
          id: code.id,
          role: code.role,
          url: respondentLinks.url(code.token),
          shortCode: code.short_code && formatShortCode(code.short_code),
        })),
      };
    },
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/api/admin/waves/:id/links.${format}`,
      { schema: { params: IdParams, response: attachmentResponse(format) }, config: { access: 'admin' } },
      async (req, reply) => {
        const wave = await waveOrFail(app.db, req.params.id);
        const table = await linksTable(app.db, wave, respondentLinks);
        const filename = `links-wave-${wave.id}.${format}`;
        const file = format === 'csv' ? linksCsv(table) : await linksXlsx(table, wave.title);
        await auditExport(app.db, req, { kind: 'wave_links', format, entity: 'wave', entityId: wave.id });
        return sendAttachment(reply, { format, filename, body: file });
      },
    );
  }
};
