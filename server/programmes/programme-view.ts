import type { Db } from '../db/connect.js';
import type { WaveInRegion } from '../db/schema.js';
import { storedModel } from '../risk-models/stored-model.js';
import { questionTexts, type QuestionTexts } from '../explanations/question-texts.js';
import type { Indicator, RiskModel } from '../scoring/model.js';
import { waveQuestionnaires } from '../surveys/pinned-questionnaires.js';
import { dayOf } from '../shared/rules/zoned-days.js';
import type { Caller } from '../territory/scope.js';
import { isEditable } from './lifecycle.js';
import { isReviewerOf, isTeamOf } from './programme-access.js';
import { eventsOf, evidenceOf, measuresOf, remarksOf, type MeasureRow, type ProgrammeRow } from './programmes.repository.js';
import type { Measure, MeasureTarget, Programme, ProgrammeTargets } from './programmes.schemas.js';

/** An indicator's words: its own title, else the wording of the question it reads (a count of answers has none). */
function indicatorTitle(indicator: Indicator, texts: QuestionTexts): string | null {
  if (indicator.title) return indicator.title;
  if ('question' in indicator) return texts(indicator.role, indicator.question).title;
  if (indicator.kind === 'ratio') return texts(indicator.role, indicator.numerator).title;
  return null;
}

/** Every factor of the wave's model with its indicators, as a measure's target list offers them. */
export function programmeTargets(model: RiskModel, texts: QuestionTexts): ProgrammeTargets {
  return model.factors.map((factor) => ({
    factorId: factor.id,
    factorTitle: factor.title,
    indicators: factor.indicators.map((indicator) => {
      const title = indicatorTitle(indicator, texts);
      return { id: indicator.id, title: title ? `${indicator.id}. ${title}` : indicator.id };
    }),
  }));
}

/** A target's title in the wave's own model; an id the model lacks is shown as it is. */
export function targetTitle(targets: ProgrammeTargets, target: MeasureTarget): string {
  if (target.kind === 'external') return target.text;
  for (const factor of targets) {
    if (target.kind === 'factor' && factor.factorId === target.id) return `${factor.factorId}. ${factor.factorTitle}`;
    const indicator = factor.indicators.find((i) => i.id === target.id);
    if (target.kind === 'indicator' && indicator) return indicator.title;
  }
  return target.id;
}

export const factorTitle = (model: RiskModel, factorId: string) => model.factors.find((f) => f.id === factorId)?.title ?? factorId;

function targetOf(row: MeasureRow): MeasureTarget {
  return row.target_kind === 'external' ? { kind: 'external', text: row.target_ref } : { kind: row.target_kind, id: row.target_ref };
}

/** Not done, and the deadline's day has ended in the region's zone: the day itself is still in time. */
export const isOverdue = (status: string, deadline: string, today: string) => status !== 'done' && deadline < today;

/** The programme as the API answers it, with what this caller may do with it now. */
export async function programmeView(db: Db, row: ProgrammeRow, wave: WaveInRegion, caller: Caller, now = new Date()): Promise<Programme> {
  const school = await db
    .selectFrom('schools')
    .innerJoin('municipalities', 'municipalities.id', 'schools.municipality_id')
    .innerJoin('regions', 'regions.id', 'municipalities.region_id')
    .select(['schools.id', 'schools.code', 'schools.name', 'municipalities.name as municipality', 'regions.name as region'])
    .where('schools.id', '=', row.school_id)
    .executeTakeFirstOrThrow();
  const model = await storedModel(db, wave.model_id);
  const targets = programmeTargets(model, questionTexts(await waveQuestionnaires(db, wave)));
  const measureRows = await measuresOf(db, [row.id]);
  const evidence = await evidenceOf(
    db,
    measureRows.map((m) => m.id),
  );
  const today = dayOf(now, wave.time_zone);
  const measures: Measure[] = measureRows.map((m) => {
    const target = targetOf(m);
    return {
      id: m.id,
      action: m.action,
      deadline: m.deadline,
      responsible: m.responsible,
      expectedResult: m.expected_result,
      target,
      targetTitle: targetTitle(targets, target),
      status: m.status,
      overdue: isOverdue(m.status, m.deadline, today),
      statusComment: m.status_comment,
      evidence: evidence
        .filter((e) => e.measure_id === m.id)
        .map((e) => ({
          id: e.id,
          filename: e.filename,
          mediaType: e.media_type,
          size: e.size,
          uploadedAt: e.uploaded_at.toISOString(),
          uploadedBy: e.uploaded_by,
        })),
    };
  });
  const deadlines = measures.map((m) => m.deadline).sort();
  const team = isTeamOf(caller, row.school_id);
  const reviewer = isReviewerOf(caller, row.school_id);
  return {
    id: row.id,
    waveId: wave.id,
    waveTitle: wave.title,
    school: { id: school.id, code: school.code, name: school.name, municipality: school.municipality, region: school.region },
    factor: { id: row.factor_id, title: factorTitle(model, row.factor_id) },
    state: row.state,
    version: row.version,
    goal: row.goal,
    tasks: row.tasks,
    measures,
    remarks: (await remarksOf(db, row.id)).map((r) => ({
      id: r.id,
      measureId: r.measure_id,
      body: r.body,
      author: r.author ?? '',
      createdAt: r.created_at.toISOString(),
      answer: r.answer,
      answeredBy: r.answered_by,
      answeredAt: r.answered_at?.toISOString() ?? null,
    })),
    history: (await eventsOf(db, row.id)).map((e) => ({ action: e.action, at: e.at.toISOString(), by: e.by, comment: e.comment })),
    period: deadlines.length > 0 ? { from: deadlines[0], to: deadlines[deadlines.length - 1] } : null,
    actions: {
      edit: team && isEditable(row.state),
      submit: team && isEditable(row.state),
      review: reviewer && row.state === 'submitted',
      remark: reviewer && row.state !== 'draft',
      answerRemarks: team,
      updateMeasures: team,
    },
    targets,
  };
}
