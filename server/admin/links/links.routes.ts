import type { FastifyPluginAsyncTypebox, Static } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { audit } from '../../audit/log.js';
import { staffPrincipal } from '../../auth/hooks.js';
import type { Db } from '../../db/connect.js';
import { conflict, notFound } from '../../shared/errors.js';
import { ROLES } from '../../shared/roles.js';
import { findWave, lockWave } from '../waves/waves.repository.js';
import { WaveParams } from '../waves/waves.schemas.js';
import { exportRows, toCsv, toXlsx } from './links-export.js';
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
  type WaveSchool,
} from './links.repository.js';
import {
  AccessBody,
  AccessChanged,
  CodesQuery,
  CodesView,
  LinkParams,
  ReconciledView,
  ReplacedLink,
  SheetView,
  WaveLinksView,
  WaveSchoolParams,
} from './links.schemas.js';
import { qrDataUrl, shortUrl } from './qr.js';

export interface LinkRoutesOptions {
  /** The address respondents reach; every printed link and QR code starts with it. */
  publicUrl: string;
}

async function waveOrFail(db: Db, waveId: number) {
  const wave = await findWave(db, waveId);
  if (!wave) throw notFound('wave_not_found', `No wave ${waveId}`);
  return wave;
}

async function waveSchoolOrFail(db: Db, waveId: number, schoolId: number) {
  const wave = await waveOrFail(db, waveId);
  const [school] = await waveSchools(db, wave.region_id, schoolId);
  if (!school) throw notFound('school_not_in_wave', `School ${schoolId} is not in the region of wave ${waveId}`);
  return { wave, school };
}

const schoolRef = (s: WaveSchool) => ({ id: s.id, code: s.code, name: s.name, municipality: s.municipality });
const waveRef = (w: { id: number; title: string; opens_at: Date; closes_at: Date }) => ({
  id: w.id,
  title: w.title,
  opensAt: w.opens_at.toISOString(),
  closesAt: w.closes_at.toISOString(),
});

/** The file name a browser saves an export under; RFC 5987 keeps it intact whatever the browser. */
function attachment(reply: FastifyReply, filename: string, contentType: string) {
  reply.header('content-type', contentType);
  reply.header('content-disposition', `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`);
  reply.header('cache-control', 'no-store');
}

/** Links of a wave: how respondents reach it, what is printed for schools, what is sent to them. */
export const linkRoutes: FastifyPluginAsyncTypebox<LinkRoutesOptions> = async (app, { publicUrl }) => {
  app.get(
    '/api/admin/waves/:id/links',
    { schema: { params: WaveParams, response: { 200: WaveLinksView } }, config: { access: 'admin' } },
    async (req) => {
      const wave = await waveOrFail(app.db, req.params.id);
      const [schools, links, codes, modes] = await Promise.all([
        waveSchools(app.db, wave.region_id),
        activeOpenLinks(app.db, wave.id),
        codeCounts(app.db, wave.id),
        accessModes(app.db, wave.id),
      ]);
      const linkOf = new Map(links.map((l) => [`${l.school_id}:${l.role}`, { id: l.id, url: shortUrl(publicUrl, l.token) }]));
      const codesOf = new Map(codes.map((c) => [`${c.schoolId}:${c.role}`, { issued: c.issued, used: c.used }]));
      return {
        schools: schools.map((school) => {
          const roles = {} as Static<typeof WaveLinksView>['schools'][number]['roles'];
          for (const role of ROLES) {
            const key = `${school.id}:${role}`;
            roles[role] = { mode: modes[role], expected: expectedOf(school, role), link: linkOf.get(key) ?? null, codes: codesOf.get(key) ?? { issued: 0, used: 0 } };
          }
          return { ...schoolRef(school), roles };
        }),
      };
    },
  );

  app.post(
    '/api/admin/waves/:id/links/sync',
    { schema: { params: WaveParams, response: { 200: ReconciledView } }, config: { access: 'admin' } },
    async (req) =>
      app.db.transaction().execute(async (trx) => {
        const wave = await lockWave(trx, req.params.id);
        if (!wave) throw notFound('wave_not_found', `No wave ${req.params.id}`);
        const result = await reconcileLinks(trx, wave.id, wave.region_id);
        await audit(trx, { userId: staffPrincipal(req).id, action: 'wave.links_sync', entity: 'wave', entityId: wave.id, details: { ...result } });
        return result;
      }),
  );

  app.put(
    '/api/admin/waves/:id/access',
    {
      schema: { params: WaveParams, body: AccessBody, response: { 200: AccessChanged } },
      config: { access: 'admin' },
    },
    async (req) =>
      app.db.transaction().execute(async (trx) => {
        const wave = await lockWave(trx, req.params.id);
        if (!wave) throw notFound('wave_not_found', `No wave ${req.params.id}`);
        const before = (await accessModes(trx, wave.id))[req.body.role];
        await setAccessMode(trx, wave.id, req.body.role, req.body.mode);
        const result = await reconcileLinks(trx, wave.id, wave.region_id);
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
        params: LinkParams,
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
        return { replacedId: link.id, id: next.id, url: shortUrl(publicUrl, next.token), kind: next.kind, role: next.role, schoolId: next.school_id };
      }),
  );

  app.get(
    '/api/admin/waves/:id/schools/:schoolId/sheet',
    { schema: { params: WaveSchoolParams, response: { 200: SheetView } }, config: { access: 'admin' } },
    async (req) => {
      const { wave, school } = await waveSchoolOrFail(app.db, req.params.id, req.params.schoolId);
      const [links, codes, modes] = await Promise.all([
        activeOpenLinks(app.db, wave.id, school.id),
        codeCounts(app.db, wave.id, school.id),
        accessModes(app.db, wave.id),
      ]);
      const roles = await Promise.all(
        ROLES.map(async (role) => {
          const link = modes[role] === 'open' ? links.find((l) => l.role === role) : undefined;
          const url = link ? shortUrl(publicUrl, link.token) : null;
          return {
            role,
            mode: modes[role],
            expected: expectedOf(school, role),
            url,
            qr: url ? await qrDataUrl(url) : null,
            codes: codes.find((c) => c.role === role) ?? { issued: 0, used: 0 },
          };
        }),
      );
      return { school: schoolRef(school), wave: waveRef(wave), roles };
    },
  );

  app.get(
    '/api/admin/waves/:id/schools/:schoolId/codes',
    { schema: { params: WaveSchoolParams, querystring: CodesQuery, response: { 200: CodesView } }, config: { access: 'admin' } },
    async (req) => {
      const { wave, school } = await waveSchoolOrFail(app.db, req.params.id, req.params.schoolId);
      const codes = await unusedCodes(app.db, wave.id, school.id, req.query.role);
      return {
        school: schoolRef(school),
        wave: waveRef(wave),
        codes: codes.map((code) => ({ id: code.id, role: code.role, url: shortUrl(publicUrl, code.token) })),
      };
    },
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/api/admin/waves/:id/links.${format}`, { schema: { params: WaveParams }, config: { access: 'admin' } }, async (req, reply) => {
      const wave = await waveOrFail(app.db, req.params.id);
      const rows = await exportRows(app.db, wave, publicUrl);
      const name = `links-wave-${wave.id}.${format}`;
      if (format === 'csv') {
        attachment(reply, name, 'text/csv; charset=utf-8');
        return reply.send(toCsv(rows));
      }
      attachment(reply, name, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      return reply.send(await toXlsx(rows, wave.title));
    });
  }
};
