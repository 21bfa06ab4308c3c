import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { audit } from '../audit/log.js';
import { staffPrincipal } from '../auth/hooks.js';
import type { Db } from '../db/connect.js';
import { ApiError, badRequest, notFound, unprocessable } from '../shared/errors.js';
import { dayOf } from '../shared/rules/zoned-days.js';
import { SchoolParams } from '../shared/vocabulary.js';
import { assertSchoolInScope } from '../territory/assert.js';
import type { Caller } from '../territory/scope.js';
import type { Principal } from '../auth/session.schemas.js';
import { findVisit, insertVisit, updateVisit, visitsOfSchool, type VisitRow } from './curators.repository.js';
import { NewVisit, SchoolVisits, Visit, VisitParams, VisitReport, type VisitProtocol } from './curators.schemas.js';

const isCuratorOfSchool = (caller: Caller, schoolId: number) => caller.role === 'curator' && (caller.curatedSchoolIds ?? []).includes(schoolId);

function toVisit(row: VisitRow, caller: Principal): Visit {
  return {
    id: row.id,
    schoolId: row.school_id,
    curatorId: row.curator_id,
    curator: row.curator,
    plannedOn: row.planned_on,
    madeOn: row.made_on,
    kind: row.kind,
    purpose: row.purpose,
    protocol: row.protocol as VisitProtocol,
    conclusions: row.conclusions,
    updatedAt: row.updated_at.toISOString(),
    editable: caller.role === 'curator' && caller.id === row.curator_id && isCuratorOfSchool(caller, row.school_id),
  };
}

async function regionZone(db: Db, schoolId: number) {
  const row = await db
    .selectFrom('schools')
    .innerJoin('municipalities', 'municipalities.id', 'schools.municipality_id')
    .innerJoin('regions', 'regions.id', 'municipalities.region_id')
    .select('regions.time_zone')
    .where('schools.id', '=', schoolId)
    .executeTakeFirstOrThrow();
  return row.time_zone;
}

/** Curators' visits to their schools: planned, then reported with a protocol and conclusions; everyone who sees the school reads them. */
export const visitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/schools/:schoolId/visits', { schema: { params: SchoolParams, response: { 200: SchoolVisits } }, config: { access: 'staff' } }, async (req) => {
    const caller = staffPrincipal(req);
    await assertSchoolInScope(app.db, caller, req.params.schoolId);
    const rows = await visitsOfSchool(app.db, req.params.schoolId);
    return { visits: rows.map((row) => toVisit(row, caller)), mayPlan: isCuratorOfSchool(caller, req.params.schoolId) };
  });

  app.post(
    '/api/schools/:schoolId/visits',
    { schema: { params: SchoolParams, body: NewVisit, response: { 201: Visit } }, config: { access: 'staff' } },
    async (req, reply) => {
      const caller = staffPrincipal(req);
      const { schoolId } = req.params;
      await assertSchoolInScope(app.db, caller, schoolId);
      if (!isCuratorOfSchool(caller, schoolId)) throw new ApiError(403, 'not_curator', "Only the school's curator plans visits to it");
      if (!req.body.purpose.trim()) throw badRequest('visit_purpose_required', 'Say what the visit is for');
      const id = await app.db.transaction().execute(async (trx) => {
        const created = await insertVisit(trx, { schoolId, curatorId: caller.id, ...req.body });
        await audit(trx, {
          userId: caller.id,
          action: 'visit.plan',
          entity: 'school',
          entityId: schoolId,
          details: { visitId: created, plannedOn: req.body.plannedOn },
        });
        return created;
      });
      return reply.code(201).send(toVisit((await findVisit(app.db, id))!, caller));
    },
  );

  app.put(
    '/api/visits/:visitId',
    { schema: { params: VisitParams, body: VisitReport, response: { 200: Visit } }, config: { access: 'staff' } },
    async (req) => {
      const caller = staffPrincipal(req);
      const visit = await findVisit(app.db, req.params.visitId);
      if (!visit) throw notFound('visit_not_found', `No visit ${req.params.visitId}`);
      await assertSchoolInScope(app.db, caller, visit.school_id);
      if (!toVisit(visit, caller).editable) throw new ApiError(403, 'not_visit_curator', 'Only the curator who planned the visit reports on it');
      const body = req.body;
      if (body.madeOn !== null) {
        const today = dayOf(new Date(), await regionZone(app.db, visit.school_id));
        if (body.madeOn > today) throw badRequest('visit_in_future', `A visit cannot have taken place after today (${today}); keep it planned until then`);
        if (body.kind === 'lesson_observation' && (!body.protocol.lessonClass?.trim() || !body.protocol.subject?.trim())) {
          throw unprocessable('protocol_incomplete', 'A lesson observation names the class and the subject observed');
        }
      }
      await app.db.transaction().execute(async (trx) => {
        await updateVisit(trx, visit.id, body);
        await audit(trx, {
          userId: caller.id,
          action: 'visit.report',
          entity: 'school',
          entityId: visit.school_id,
          details: { visitId: visit.id, madeOn: body.madeOn },
        });
      });
      return toVisit((await findVisit(app.db, visit.id))!, caller);
    },
  );
};
