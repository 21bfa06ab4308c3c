import { auditExport } from '../audit/reads.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { audit } from '../audit/log.js';
import { staffPrincipal } from '../auth/hooks.js';
import { findPriorities } from '../priorities/priorities.repository.js';
import { storedModel } from '../risk-models/stored-model.js';
import { ApiError, badRequest, conflict, notFound, unprocessable } from '../shared/errors.js';
import { WaveSchoolParams } from '../shared/vocabulary.js';
import { schoolOfWave } from '../territory/assert.js';
import type { Caller } from '../territory/scope.js';
import { attachmentResponse, sendAttachment } from '../exports/attachment.js';
import { programmeDisplayFilename, programmeDocx, programmeFilename } from './programme-docx.js';
import { isEditable, stepFrom, type ProgrammeStep } from './lifecycle.js';
import { isReviewerOf, isTeamOf } from './programme-access.js';
import { programmeInScope } from './programme-scope.js';
import { factorTitle, programmeView } from './programme-view.js';
import {
  addEvent,
  addRemark,
  answerRemark,
  findMeasure,
  insertProgramme,
  programmesOfSchool,
  saveContent,
  setMeasureStatus,
  setState,
  type ProgrammeRow,
} from './programmes.repository.js';
import {
  AnswerBody,
  MeasureParams,
  MeasureStatusBody,
  NewProgramme,
  Programme,
  ProgrammeContent,
  ProgrammeParams,
  RemarkBody,
  RemarkParams,
  ReviewBody,
  SchoolProgrammes,
} from './programmes.schemas.js';
import type { RiskModel } from '../scoring/model.js';

const onlyTeam = () => new ApiError(403, 'not_school_team', "Only the school's own team writes its programme and reports on it");
const onlyReviewer = () =>
  new ApiError(403, 'not_reviewer', "Only the school's curator, a coordinator of its region or the administrator reviews its programme");

function assertTeam(caller: Caller, schoolId: number) {
  if (!isTeamOf(caller, schoolId)) throw onlyTeam();
}

/** What a programme lacks before it can go for review, in the order the form asks for it. */
function missingParts(programme: ProgrammeRow, measures: number): string[] {
  return [...(programme.goal.trim() ? [] : ['goal']), ...(programme.tasks.length > 0 ? [] : ['tasks']), ...(measures > 0 ? [] : ['measures'])];
}

function assertTargetsKnown(model: RiskModel, content: ProgrammeContent) {
  const factors = new Set(model.factors.map((f) => f.id));
  const indicators = new Set(model.factors.flatMap((f) => f.indicators.map((i) => i.id)));
  for (const measure of content.measures) {
    const { target } = measure;
    if ((target.kind === 'factor' && !factors.has(target.id)) || (target.kind === 'indicator' && !indicators.has(target.id))) {
      throw badRequest('unknown_target', `The wave's model "${model.id}" has no ${target.kind} "${target.id}"`);
    }
  }
}

/**
 * Antirisk programmes: one per priority risk of a school and wave. The team writes it and reports on its measures; its
 * curator, a coordinator of the region or the administrator returns it with remarks or approves it. Every step is kept.
 */
export const programmeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const view = async (programmeId: number, caller: Caller) => {
    const { programme, wave } = await programmeInScope(app.db, caller, programmeId);
    return programmeView(app.db, programme, wave, caller);
  };

  app.get(
    '/api/waves/:waveId/schools/:schoolId/programmes',
    { schema: { params: WaveSchoolParams, response: { 200: SchoolProgrammes } }, config: { access: 'staff' } },
    async (req) => {
      const { waveId, schoolId } = req.params;
      const caller = staffPrincipal(req);
      const { wave } = await schoolOfWave(app.db, caller, waveId, schoolId);
      const model = await storedModel(app.db, wave.model_id);
      const priorities = (await findPriorities(app.db, waveId, schoolId)).factorIds;
      const programmes = await programmesOfSchool(app.db, waveId, schoolId);
      // A programme stays listed after its factor left the priorities: its work and history do not vanish.
      const factorIds = [...priorities, ...programmes.map((p) => p.factor_id).filter((id) => !priorities.includes(id))];
      return {
        waveId,
        schoolId,
        priorities: factorIds.map((factorId) => {
          const programme = programmes.find((p) => p.factor_id === factorId);
          return { factorId, factorTitle: factorTitle(model, factorId), programmeId: programme?.id ?? null, state: programme?.state ?? null };
        }),
        mayCreate: isTeamOf(caller, schoolId),
      };
    },
  );

  app.post(
    '/api/waves/:waveId/schools/:schoolId/programmes',
    { schema: { params: WaveSchoolParams, body: NewProgramme, response: { 201: Programme } }, config: { access: 'staff' } },
    async (req, reply) => {
      const { waveId, schoolId } = req.params;
      const principal = staffPrincipal(req);
      await schoolOfWave(app.db, principal, waveId, schoolId);
      assertTeam(principal, schoolId);
      const { factorIds } = await findPriorities(app.db, waveId, schoolId);
      if (!factorIds.includes(req.body.factorId)) {
        throw conflict('not_a_priority', `Factor "${req.body.factorId}" is not among the school's priorities of wave ${waveId}; choose it as a priority first`);
      }
      const id = await app.db.transaction().execute(async (trx) => {
        const exists = await trx
          .selectFrom('programmes')
          .select('id')
          .where('wave_id', '=', waveId)
          .where('school_id', '=', schoolId)
          .where('factor_id', '=', req.body.factorId)
          .executeTakeFirst();
        if (exists)
          throw conflict('programme_exists', `The school already has programme ${exists.id} for factor "${req.body.factorId}"`, { programmeId: exists.id });
        const created = await insertProgramme(trx, waveId, schoolId, req.body.factorId, principal.id);
        await audit(trx, {
          userId: principal.id,
          action: 'programme.create',
          entity: 'programme',
          entityId: created,
          details: { waveId, schoolId, factorId: req.body.factorId },
        });
        return created;
      });
      return reply.code(201).send(await view(id, principal));
    },
  );

  app.get('/api/programmes/:programmeId', { schema: { params: ProgrammeParams, response: { 200: Programme } }, config: { access: 'staff' } }, async (req) =>
    view(req.params.programmeId, staffPrincipal(req)),
  );

  app.get(
    '/api/programmes/:programmeId/document.docx',
    { schema: { params: ProgrammeParams, response: attachmentResponse('docx') }, config: { access: 'staff' } },
    async (req, reply) => {
      const principal = staffPrincipal(req);
      const { programme, wave } = await programmeInScope(app.db, principal, req.params.programmeId);
      const body = await programmeView(app.db, programme, wave, principal);
      const file = await programmeDocx(body, new Date(), wave.time_zone);
      await auditExport(app.db, req, {
        kind: 'programme_document',
        format: 'docx',
        entity: 'programme',
        entityId: programme.id,
        details: { waveId: wave.id, schoolId: programme.school_id },
      });
      return sendAttachment(reply, { format: 'docx', filename: programmeDisplayFilename(body), asciiFilename: programmeFilename(body), body: file });
    },
  );

  app.put(
    '/api/programmes/:programmeId',
    { schema: { params: ProgrammeParams, body: ProgrammeContent, response: { 200: Programme } }, config: { access: 'staff' } },
    async (req) => {
      const principal = staffPrincipal(req);
      await app.db.transaction().execute(async (trx) => {
        const { programme, wave } = await programmeInScope(trx, principal, req.params.programmeId, true);
        assertTeam(principal, programme.school_id);
        if (!isEditable(programme.state)) {
          throw conflict(
            'programme_not_editable',
            `A programme that is ${programme.state} cannot be changed; it is edited as a draft or after it was returned`,
          );
        }
        if (req.body.version !== programme.version) {
          throw conflict(
            'programme_changed',
            `The programme was saved by someone else since it was opened (version ${programme.version}, not ${req.body.version}); reload it`,
          );
        }
        assertTargetsKnown(await storedModel(trx, wave.model_id), req.body);
        await saveContent(trx, programme, req.body.goal, req.body.tasks, req.body.measures);
      });
      return view(req.params.programmeId, principal);
    },
  );

  /** A step of the life cycle, recorded with who and when; an illegal one is refused with the state it met. */
  async function step(programmeId: number, principal: ReturnType<typeof staffPrincipal>, kind: ProgrammeStep, comment: string | null) {
    await app.db.transaction().execute(async (trx) => {
      const { programme } = await programmeInScope(trx, principal, programmeId, true);
      if (kind === 'submit') assertTeam(principal, programme.school_id);
      else if (!isReviewerOf(principal, programme.school_id)) throw onlyReviewer();
      const next = stepFrom(programme.state, kind);
      if (!next)
        throw conflict(
          'programme_transition',
          `A programme that is ${programme.state} cannot be ${kind === 'submit' ? 'submitted' : kind === 'approve' ? 'approved' : 'returned'}`,
          { state: programme.state },
        );
      if (kind === 'submit') {
        const measures = await trx
          .selectFrom('programme_measures')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('programme_id', '=', programme.id)
          .executeTakeFirstOrThrow();
        const missing = missingParts(programme, Number(measures.n));
        if (missing.length > 0) throw unprocessable('programme_incomplete', `The programme needs ${missing.join(', ')} before it is submitted`, { missing });
      }
      await setState(trx, programme.id, next.to);
      await addEvent(trx, programme.id, principal.id, next.event, comment);
      if (kind === 'return' && comment) await addRemark(trx, programme.id, null, principal.id, comment);
      await audit(trx, {
        userId: principal.id,
        action: `programme.${next.event}`,
        entity: 'programme',
        entityId: programme.id,
        details: { from: programme.state, to: next.to },
      });
    });
  }

  app.post(
    '/api/programmes/:programmeId/submit',
    { schema: { params: ProgrammeParams, response: { 200: Programme } }, config: { access: 'staff' } },
    async (req) => {
      const principal = staffPrincipal(req);
      await step(req.params.programmeId, principal, 'submit', null);
      return view(req.params.programmeId, principal);
    },
  );

  app.post(
    '/api/programmes/:programmeId/review',
    { schema: { params: ProgrammeParams, body: ReviewBody, response: { 200: Programme } }, config: { access: 'staff' } },
    async (req) => {
      const principal = staffPrincipal(req);
      const remark = req.body.remark?.trim() || null;
      if (req.body.decision === 'return' && !remark)
        throw badRequest('remark_required', 'Say what the school should change: a returned programme needs a remark');
      await step(req.params.programmeId, principal, req.body.decision, remark);
      return view(req.params.programmeId, principal);
    },
  );

  app.post(
    '/api/programmes/:programmeId/remarks',
    { schema: { params: ProgrammeParams, body: RemarkBody, response: { 201: Programme } }, config: { access: 'staff' } },
    async (req, reply) => {
      const principal = staffPrincipal(req);
      await app.db.transaction().execute(async (trx) => {
        const { programme } = await programmeInScope(trx, principal, req.params.programmeId, true);
        if (!isReviewerOf(principal, programme.school_id)) throw onlyReviewer();
        if (programme.state === 'draft') throw conflict('programme_draft', 'A draft is the team’s own until it is submitted; remark on it after that');
        const measureId = req.body.measureId ?? null;
        if (measureId !== null && !(await findMeasure(trx, programme.id, measureId)))
          throw notFound('measure_not_found', `No measure ${measureId} in programme ${programme.id}`);
        if (!req.body.body.trim()) throw badRequest('remark_empty', 'The remark is empty');
        await addRemark(trx, programme.id, measureId, principal.id, req.body.body);
      });
      return reply.code(201).send(await view(req.params.programmeId, principal));
    },
  );

  app.post(
    '/api/programmes/:programmeId/remarks/:remarkId/answer',
    { schema: { params: RemarkParams, body: AnswerBody, response: { 200: Programme } }, config: { access: 'staff' } },
    async (req) => {
      const principal = staffPrincipal(req);
      await app.db.transaction().execute(async (trx) => {
        const { programme } = await programmeInScope(trx, principal, req.params.programmeId, true);
        assertTeam(principal, programme.school_id);
        if (!req.body.answer.trim()) throw badRequest('answer_empty', 'The answer is empty');
        if (!(await answerRemark(trx, programme.id, req.params.remarkId, principal.id, req.body.answer))) {
          const remark = await trx
            .selectFrom('programme_remarks')
            .select('id')
            .where('id', '=', req.params.remarkId)
            .where('programme_id', '=', programme.id)
            .executeTakeFirst();
          if (!remark) throw notFound('remark_not_found', `No remark ${req.params.remarkId} on programme ${programme.id}`);
          throw conflict('remark_answered', 'This remark was answered already');
        }
      });
      return view(req.params.programmeId, principal);
    },
  );

  app.patch(
    '/api/programmes/:programmeId/measures/:measureId',
    { schema: { params: MeasureParams, body: MeasureStatusBody, response: { 200: Programme } }, config: { access: 'staff' } },
    async (req) => {
      const principal = staffPrincipal(req);
      await app.db.transaction().execute(async (trx) => {
        const { programme } = await programmeInScope(trx, principal, req.params.programmeId, true);
        assertTeam(principal, programme.school_id);
        const measure = await findMeasure(trx, programme.id, req.params.measureId);
        if (!measure) throw notFound('measure_not_found', `No measure ${req.params.measureId} in programme ${programme.id}`);
        await setMeasureStatus(trx, measure.id, req.body.status, req.body.comment ?? '');
        await audit(trx, {
          userId: principal.id,
          action: 'measure.status',
          entity: 'programme',
          entityId: programme.id,
          details: { measureId: measure.id, from: measure.status, to: req.body.status },
        });
      });
      return view(req.params.programmeId, principal);
    },
  );
};
