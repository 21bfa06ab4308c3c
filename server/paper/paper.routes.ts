import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { audit } from '../audit/log.js';
import { staffPrincipal } from '../auth/hooks.js';
import type { Db } from '../db/connect.js';
import { qrDataUrl } from '../links/qr.js';
import { scalePositions } from '../respond/answer-integrity.js';
import { contentRefusal } from '../respond/content-rules.js';
import { validateAnswers } from '../respond/validate-answers.js';
import { ApiError, badRequest, conflict, notFound } from '../shared/errors.js';
import { isStraightline } from '../shared/rules/answer-marks.js';
import { formatShortCode, normaliseShortCode } from '../shared/short-codes.js';
import { waveQuestionnaires } from '../surveys/pinned-questionnaires.js';
import type { Questionnaire } from '../surveys/questionnaires.js';
import { assertSchoolInScope, schoolOfWave } from '../territory/assert.js';
import { compareEntries } from './compare-entries.js';
import { CorrectionBody, CorrectionResult, EntryBody, EntryResult, PrintBody, PrintView, SheetParams, SheetView, WaveSchoolParams } from './paper.schemas.js';
import { findSheet, issueSheets, lockSheetAnswer, replacePaperAnswers, storePaperAnswer, type SheetFacts } from './sheets.repository.js';

/**
 * Who prints and enters paper questionnaires: the school team for its school, coordinators for their territory,
 * the administrator. A curator advises a school; it does not fill in its answers.
 */
function enteringStaff(req: Parameters<typeof staffPrincipal>[0]) {
  const caller = staffPrincipal(req);
  if (caller.role === 'curator') throw new ApiError(403, 'out_of_scope', 'Paper questionnaires are printed and entered by the school team and coordinators');
  return caller;
}

const sheetNotFound = () => notFound('sheet_not_found', 'No paper questionnaire has this sheet id; check the number under the QR code');
const waveClosed = () => conflict('wave_closed', 'The survey wave is not open now; answers are entered only while it runs');

const counting = (q: Questionnaire) => ({ questions: [...q.counting.questions], minAnswered: q.counting.minAnswered });

/** The same checks an online answer passes (docs/methodology.md §7, rules 1–2), with the same codes. */
function checkContent(questionnaire: Questionnaire, answers: Record<string, unknown>) {
  const problems = validateAnswers(questionnaire, answers);
  if (problems.length > 0) throw badRequest('invalid_answers', problems.map((p) => p.message).join('; '), problems);
  const refusal = contentRefusal(questionnaire, answers);
  if (refusal) throw refusal;
}

/** The sheet a typed or scanned id names, if the caller may enter it: 404 unknown, 403 another school's. */
async function sheetOfCaller(db: Db, caller: ReturnType<typeof enteringStaff>, typed: string): Promise<SheetFacts> {
  const id = normaliseShortCode(typed);
  const sheet = id ? await findSheet(db, id) : undefined;
  if (!sheet) throw sheetNotFound();
  await assertSchoolInScope(db, caller, sheet.school_id);
  return sheet;
}

/** Paper questionnaires: printed per wave × school × role, each sheet with its id as a QR code, and typed in by staff. */
export const paperRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/waves/:waveId/schools/:schoolId/paper-sheets',
    { schema: { params: WaveSchoolParams, body: PrintBody, response: { 201: PrintView } }, config: { access: 'staff' } },
    async (req, reply) => {
      const caller = enteringStaff(req);
      const {
        wave,
        school: { ref: school },
      } = await schoolOfWave(app.db, caller, req.params.waveId, req.params.schoolId);
      if (wave.closes_at.getTime() <= Date.now()) throw waveClosed();
      const questionnaire = (await waveQuestionnaires(app.db, wave))[req.body.role];
      const ids = await app.db.transaction().execute(async (trx) => {
        const issued = await issueSheets(trx, { waveId: wave.id, schoolId: school.id, role: req.body.role, issuedBy: caller.id, count: req.body.count });
        await audit(trx, {
          userId: caller.id,
          action: 'paper.print',
          entity: 'school',
          entityId: school.id,
          details: { waveId: wave.id, role: req.body.role, sheets: issued.length },
        });
        return issued;
      });
      const sheets = await Promise.all(ids.map(async (id) => ({ id, printed: formatShortCode(id), qr: await qrDataUrl(formatShortCode(id)) })));
      return reply.code(201).send({
        role: req.body.role,
        wave: { id: wave.id, title: wave.title, open: Date.now() >= wave.opens_at.getTime() },
        school: { id: school.id, name: school.name },
        survey: questionnaire.json,
        counting: counting(questionnaire),
        sheets,
      });
    },
  );

  app.get('/api/paper-sheets/:sheetId', { schema: { params: SheetParams, response: { 200: SheetView } }, config: { access: 'staff' } }, async (req) => {
    const sheet = await sheetOfCaller(app.db, enteringStaff(req), req.params.sheetId);
    const questionnaire = (await waveQuestionnaires(app.db, sheet))[sheet.role];
    const entered = await app.db.selectFrom('responses').select('id').where('sheet_id', '=', sheet.id).executeTakeFirst();
    return {
      id: sheet.id,
      printed: formatShortCode(sheet.id),
      role: sheet.role,
      wave: { id: sheet.wave_id, title: sheet.wave_title, open: sheet.wave_open },
      school: { id: sheet.school_id, name: sheet.school_name },
      survey: questionnaire.json,
      counting: counting(questionnaire),
      entered: entered !== undefined,
    };
  });

  app.post(
    '/api/paper-sheets/:sheetId/entries',
    { schema: { params: SheetParams, body: EntryBody, response: { 200: EntryResult, 201: EntryResult } }, config: { access: 'staff' } },
    async (req, reply) => {
      const caller = enteringStaff(req);
      const sheet = await sheetOfCaller(app.db, caller, req.params.sheetId);
      if (!sheet.wave_open) throw waveClosed();
      const questionnaire = (await waveQuestionnaires(app.db, sheet))[sheet.role];
      checkContent(questionnaire, req.body.answers);
      const result = await app.db.transaction().execute(async (trx) => {
        const first = await lockSheetAnswer(trx, sheet.id);
        if (first) {
          // A second entry of the sheet is a check of the first: compared, never stored, so never counted twice.
          const differences = compareEntries([...questionnaire.questions.keys()], first.answers, req.body.answers);
          await audit(trx, {
            userId: caller.id,
            action: 'paper.verify',
            entity: 'paper_sheet',
            entityId: sheet.id,
            details: { responseId: first.id, differences: differences.map((d) => d.question) },
          });
          return { status: 'compared' as const, responseId: first.id, differences };
        }
        const straightline = isStraightline(scalePositions(questionnaire, req.body.answers));
        const responseId = await storePaperAnswer(trx, sheet, { answers: req.body.answers, marks: straightline ? ['straightline'] : [], enteredBy: caller.id });
        await audit(trx, {
          userId: caller.id,
          action: 'paper.enter',
          entity: 'paper_sheet',
          entityId: sheet.id,
          details: { responseId, waveId: sheet.wave_id, schoolId: sheet.school_id, role: sheet.role },
        });
        return { status: 'stored' as const, responseId, differences: [] };
      });
      return reply.code(result.status === 'stored' ? 201 : 200).send(result);
    },
  );

  app.post(
    '/api/paper-sheets/:sheetId/corrections',
    { schema: { params: SheetParams, body: CorrectionBody, response: { 200: CorrectionResult } }, config: { access: 'staff' } },
    async (req) => {
      const caller = enteringStaff(req);
      const sheet = await sheetOfCaller(app.db, caller, req.params.sheetId);
      if (!sheet.wave_open) throw waveClosed();
      const questionnaire = (await waveQuestionnaires(app.db, sheet))[sheet.role];
      return app.db.transaction().execute(async (trx) => {
        const first = await lockSheetAnswer(trx, sheet.id);
        if (!first) throw conflict('sheet_not_entered', 'This sheet has not been entered yet; enter it before correcting it');
        const merged = { ...first.answers, ...req.body.answers };
        for (const [name, value] of Object.entries(merged)) if (value === null) delete merged[name];
        checkContent(questionnaire, merged);
        const corrected = compareEntries([...questionnaire.questions.keys()], first.answers, merged).map((d) => d.question);
        if (corrected.length > 0) {
          await replacePaperAnswers(trx, first.id, merged, isStraightline(scalePositions(questionnaire, merged)));
        }
        await audit(trx, {
          userId: caller.id,
          action: 'paper.correct',
          entity: 'paper_sheet',
          entityId: sheet.id,
          details: { responseId: first.id, questions: corrected },
        });
        return { responseId: first.id, corrected: corrected.length };
      });
    },
  );
};
