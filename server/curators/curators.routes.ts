import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { audit } from '../audit/log.js';
import { staffPrincipal } from '../auth/hooks.js';
import { ApiError, badRequest, notFound } from '../shared/errors.js';
import { IdParams } from '../shared/vocabulary.js';
import { inScope, type Caller } from '../territory/scope.js';
import { assignableSchools, assignSchools, curatorsOf, findCurator } from './curators.repository.js';
import { AssignableSchool, CuratorSchoolsBody, CuratorView } from './curators.schemas.js';

/** The region appoints curators: its coordinators or the administrator; a municipality follows who curates its schools. */
const mayAssign = (caller: Caller, regionId: number) => caller.role === 'admin' || (caller.role === 'region' && caller.regionId === regionId);

/** Curators and the schools assigned to them. */
export const curatorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/curators', { schema: { response: { 200: Type.Array(CuratorView) } }, config: { access: 'coordinator' } }, async (req) => {
    const caller = staffPrincipal(req);
    const curators = await curatorsOf(app.db, caller.role === 'admin' ? null : caller.regionId);
    return curators.map((c) => ({
      id: c.id,
      name: c.name,
      email: c.email,
      regionId: c.region_id!,
      schools: c.schools
        .filter((s) => inScope(caller, { regionId: s.region_id, municipalityId: s.municipality_id, schoolId: s.id }))
        .map((s) => ({ id: s.id, code: s.code, name: s.name })),
    }));
  });

  // The region's coordinators read no admin route: the schools to pick from come from here.
  app.get('/api/curators/schools', { schema: { response: { 200: Type.Array(AssignableSchool) } }, config: { access: 'coordinator' } }, async (req) =>
    (await assignableSchools(app.db, staffPrincipal(req))).map((s) => ({
      id: s.id,
      code: s.code,
      name: s.name,
      municipality: s.municipality,
      regionId: s.region_id,
    })),
  );

  app.put(
    '/api/curators/:id/schools',
    { schema: { params: IdParams, body: CuratorSchoolsBody, response: { 200: CuratorView } }, config: { access: 'coordinator' } },
    async (req) => {
      const caller = staffPrincipal(req);
      const curator = await findCurator(app.db, req.params.id);
      if (!curator || !(caller.role === 'admin' || curator.region_id === caller.regionId)) throw notFound('curator_not_found', `No curator ${req.params.id}`);
      if (!mayAssign(caller, curator.region_id!)) throw new ApiError(403, 'forbidden', 'The region appoints curators: ask a regional coordinator');
      const { schoolIds } = req.body;
      await app.db.transaction().execute(async (trx) => {
        const found = schoolIds.length
          ? await trx
              .selectFrom('schools')
              .innerJoin('municipalities', 'municipalities.id', 'schools.municipality_id')
              .select('schools.id')
              .where('schools.id', 'in', schoolIds)
              .where('municipalities.region_id', '=', curator.region_id!)
              .execute()
          : [];
        const foreign = schoolIds.filter((id) => !found.some((s) => s.id === id));
        if (foreign.length > 0)
          throw badRequest('school_not_in_region', `School ${foreign[0]} is not a school of the curator's region`, { schoolIds: foreign });
        await assignSchools(trx, curator.id, schoolIds, caller.id);
        await audit(trx, { userId: caller.id, action: 'curator.assign', entity: 'user', entityId: curator.id, details: { schoolIds } });
      });
      const [updated] = (await curatorsOf(app.db, curator.region_id)).filter((c) => c.id === curator.id);
      return {
        id: updated.id,
        name: updated.name,
        email: updated.email,
        regionId: updated.region_id!,
        schools: updated.schools.map((s) => ({ id: s.id, code: s.code, name: s.name })),
      };
    },
  );
};
