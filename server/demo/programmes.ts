import { createAccount } from '../auth/accounts.js';
import { hashPassword } from '../auth/passwords.js';
import type { Db } from '../db/connect.js';
import { wavesInRegion } from '../db/waves-in-region.js';
import { waveProfiles } from '../profiles/profiles.js';
import { EVIDENCE_TYPES } from '../programmes/evidence-type.js';
import { sha256Bytes } from '../shared/hash.js';
import { dayOf, DEFAULT_TIME_ZONE, startOfDay } from '../shared/rules/zoned-days.js';
import type { MeasureStatus, ProgrammeEventAction, ProgrammeState, VisitKind } from '../shared/vocabulary.js';
import type { Caller } from '../territory/scope.js';
import { demoPdf, demoPng } from './evidence-files.js';
import {
  APPROVAL_COMMENT,
  DEMO_PROGRAMMES,
  MEASURE_REMARK,
  OVERDUE_REMARK,
  RETURN_REMARKS,
  STATUS_COMMENTS,
  VISIT_TEXTS,
  type DemoProgramme,
} from './programme-content.js';
import { DEMO_TEAM_SCHOOL, type DemoSchool } from './roster.js';

const DAY = 24 * 3600 * 1000;

/** The curator account printed at start, beside the other demo accounts. */
export const DEMO_CURATOR = 'curator@demo.local';

/** The region's two curators and their schools, by roster code; the other schools' programmes go to the region's coordinator. */
const CURATORS = [
  { email: DEMO_CURATOR, name: 'Куратор (демо)', schools: [DEMO_TEAM_SCHOOL.code, 'DEMO-002', 'DEMO-003', 'DEMO-005'] },
  { email: 'curator2@demo.local', name: 'Второй куратор (демо)', schools: ['DEMO-006', 'DEMO-009', 'DEMO-010'] },
];

/** The team account of a school other than the team school: `school-002@demo.local` for DEMO-002. */
const teamEmail = (code: string) => `school-${code.replace(/^DEMO-/, '')}@demo.local`;

/** How far a programme of the entry wave has come since the team wrote it. */
type Story = 'draft' | 'submitted' | 'resubmitted' | 'returned' | 'approved' | 'completed';

/**
 * Each school's programmes, one story per priority in the team's order (null: none for that one yet); a school not
 * listed has none. The team school has an approved programme under way, one waiting for its curator and a draft.
 * Most schools' highest risk is the same factor: a few start with another, so the region's programmes differ.
 */
const STORIES: Record<string, Array<Story | null>> = {
  [DEMO_TEAM_SCHOOL.code]: ['approved', 'submitted', 'draft'],
  'DEMO-002': ['returned', 'draft'],
  'DEMO-003': ['completed', 'approved'],
  'DEMO-004': [null, 'completed'],
  'DEMO-006': [null, 'resubmitted', 'draft'],
  'DEMO-007': [null, null, 'draft'],
  'DEMO-009': ['approved', 'returned'],
};

/** A moment: days from today (negative: past) and the hour of the working day in the region. */
type When = [day: number, hour: number];

interface MeasurePlan {
  /** Days from today. */
  deadline: number;
  status: MeasureStatus;
  /** When the status was set; a done measure's file was attached then. */
  changed?: When;
}

interface Timeline {
  state: ProgrammeState;
  /** Saves of the content so far. */
  version: number;
  events: Array<{ action: ProgrammeEventAction; at: When }>;
  measures: MeasurePlan[];
  /** When the team answered the reviewer's remark of the return. */
  answered?: When;
  /** A reviewer's open question on this measure (by position), asked just after the return. */
  measureRemark?: number;
  /** A reviewer's open note on this overdue measure (by position). */
  overdueRemark?: { measure: number; at: When };
}

const planned = (deadline: number): MeasurePlan => ({ deadline, status: 'planned' });
const done = (deadline: number, day: number): MeasurePlan => ({ deadline, status: 'done', changed: [day, 15] });
const PLANNED = [planned(14), planned(30), planned(45), planned(75)];

const created = (day: number) => ({ action: 'created' as const, at: [day, 10] as When });
const submitted = (day: number) => ({ action: 'submitted' as const, at: [day, 15] as When });
const returned = (day: number) => ({ action: 'returned' as const, at: [day, 11] as When });
const resubmitted = (day: number) => ({ action: 'resubmitted' as const, at: [day, 16] as When });
const approved = (day: number) => ({ action: 'approved' as const, at: [day, 12] as When });

/**
 * The entry wave closed about three months ago: programmes were written in the weeks after it, and a few schools are
 * late. An approved programme under way has a measure done, one in progress and one past its deadline, not started.
 */
const TIMELINES: Record<Story, Timeline> = {
  draft: { state: 'draft', version: 1, events: [created(-84)], measures: PLANNED.slice(0, 2) },
  submitted: { state: 'submitted', version: 3, events: [created(-84), submitted(-4)], measures: PLANNED },
  resubmitted: {
    state: 'submitted',
    version: 5,
    events: [created(-85), submitted(-78), returned(-75), resubmitted(-3)],
    measures: PLANNED,
    answered: [-3, 14],
  },
  returned: {
    state: 'returned',
    version: 3,
    events: [created(-86), submitted(-12), returned(-9)],
    measures: PLANNED,
    answered: [-6, 14],
    measureRemark: 1,
  },
  approved: {
    state: 'approved',
    version: 3,
    events: [created(-87), submitted(-81), approved(-77)],
    measures: [done(-50, -52), { deadline: 25, status: 'in_progress', changed: [-30, 13] }, planned(-12), planned(55)],
    overdueRemark: { measure: 2, at: [-8, 10] },
  },
  completed: {
    state: 'approved',
    version: 5,
    events: [created(-88), submitted(-83), returned(-80), resubmitted(-78), approved(-76)],
    measures: [done(-60, -62), done(-45, -47), done(-30, -31), done(-15, -16)],
    answered: [-78, 14],
  },
};

interface DemoVisit {
  curator: number;
  school: string;
  kind: VisitKind;
  purpose: string;
  planned: number;
  /** A made visit: the day, and what the curator concluded. */
  made?: { day: number; conclusions: string };
  lesson?: { lessonClass: string; subject: string };
}

/** Each curator has a visit made and one planned; a made lesson observation notes what was seen against each priority. */
const VISITS: DemoVisit[] = [
  {
    curator: 0,
    school: DEMO_TEAM_SCHOOL.code,
    kind: 'lesson_observation',
    purpose: VISIT_TEXTS.lessonPurpose,
    planned: -62,
    made: { day: -62, conclusions: VISIT_TEXTS.lessonConclusions },
    lesson: { lessonClass: '7Б', subject: 'Математика' },
  },
  { curator: 0, school: DEMO_TEAM_SCHOOL.code, kind: 'consultation', purpose: VISIT_TEXTS.consultationPurpose, planned: 9 },
  {
    curator: 0,
    school: 'DEMO-002',
    kind: 'document_review',
    purpose: VISIT_TEXTS.reviewPurpose,
    planned: -8,
    made: { day: -7, conclusions: VISIT_TEXTS.reviewConclusions },
  },
  { curator: 0, school: 'DEMO-003', kind: 'lesson_observation', purpose: VISIT_TEXTS.lessonPurpose, planned: 16 },
  {
    curator: 1,
    school: 'DEMO-009',
    kind: 'lesson_observation',
    purpose: VISIT_TEXTS.lessonPurpose,
    planned: -25,
    made: { day: -25, conclusions: VISIT_TEXTS.lessonConclusions },
    lesson: { lessonClass: '6А', subject: 'Русский язык' },
  },
  { curator: 1, school: 'DEMO-006', kind: 'consultation', purpose: VISIT_TEXTS.consultationPurpose, planned: 6 },
];

/** The entry profiles are read as the administrator reads them: every school of the region. */
const EVERYTHING: Caller = { role: 'admin', regionId: null, municipalityId: null, schoolId: null };

export interface DemoFollowUp {
  now: Date;
  password: string;
  regionId: number;
  entryWaveId: number;
  schools: Array<{ id: number; school: DemoSchool }>;
  /** The region coordinator: assigns the curators and reviews the programmes of schools without one. */
  coordinatorId: number;
  /** The team school's account (school@demo.local). */
  teamAccountId: number;
}

/**
 * What follows the entry wave in the demo region: every school's team account and priorities (its three highest risks
 * of the entry profile), two curators with their schools, programmes in every state with their history, remarks,
 * measures and files, and the curators' visits. No random draws: the simulated answers stay as they were.
 */
export async function seedProgrammes(trx: Db, demo: DemoFollowUp): Promise<void> {
  const zone = DEFAULT_TIME_ZONE;
  const today = dayOf(demo.now, zone);
  const dayFrom = (offset: number) => dayOf(new Date(startOfDay(today, zone).getTime() + offset * DAY + 12 * 3600 * 1000), zone);
  const instant = ([offset, hour]: When, shift = 0) => new Date(startOfDay(dayFrom(offset + shift), zone).getTime() + hour * 3600 * 1000);

  // One hash of the demo's shared password for the accounts made here: argon2 is slow on purpose, once per account
  // would add a second to the first start.
  const passwordHash = await hashPassword(demo.password);
  const newAccount = async (spec: Parameters<typeof createAccount>[1]) => {
    const account = await createAccount(trx, spec);
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', account.id).execute();
    return account.id;
  };

  const teams = new Map<number, number>();
  for (const { id, school } of demo.schools) {
    const team =
      school.code === DEMO_TEAM_SCHOOL.code
        ? demo.teamAccountId
        : await newAccount({ email: teamEmail(school.code), name: 'Команда школы (демо)', role: 'school', schoolId: id });
    teams.set(id, team);
  }

  const schoolId = (code: string) => demo.schools.find((s) => s.school.code === code)!.id;
  const curators: Array<{ id: number; schoolIds: number[] }> = [];
  for (const curator of CURATORS) {
    const id = await newAccount({ email: curator.email, name: curator.name, role: 'curator', regionId: demo.regionId });
    const schoolIds = curator.schools.map(schoolId);
    await trx
      .insertInto('curator_schools')
      .values(schoolIds.map((school) => ({ curator_id: id, school_id: school, assigned_by: demo.coordinatorId, assigned_at: instant([-95, 10]) })))
      .execute();
    curators.push({ id, schoolIds });
  }
  const reviewerOf = (id: number) => curators.find((c) => c.schoolIds.includes(id))?.id ?? demo.coordinatorId;

  const wave = await wavesInRegion(trx).where('waves.id', '=', demo.entryWaveId).executeTakeFirstOrThrow();
  const { profiles } = await waveProfiles(trx, wave, EVERYTHING);
  const priorities = new Map<number, string[]>();
  for (const profile of profiles) {
    // Among the factors the demo has a programme for: a newer model's new factor is left to the team to choose.
    const risky = profile.factors
      .filter((f) => (f.level === 'high' || f.level === 'medium') && f.id in DEMO_PROGRAMMES)
      .sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
    priorities.set(
      profile.school.id,
      risky.slice(0, 3).map((f) => f.id),
    );
  }

  const files = { pdf: demoPdf(), png: demoPng() };
  let returns = 0;
  for (const [index, { id, school }] of demo.schools.entries()) {
    // Schools do not all act on the same day.
    const shift = -(index % 3);
    const at = (when: When) => instant(when, shift);
    const team = teams.get(id)!;
    const reviewer = reviewerOf(id);
    const factorIds = priorities.get(id) ?? [];
    if (factorIds.length > 0) {
      await trx
        .insertInto('school_priorities')
        .values(
          factorIds.map((factorId, i) => ({
            wave_id: wave.id,
            school_id: id,
            position: i + 1,
            factor_id: factorId,
            chosen_by: team,
            chosen_at: at([-89, 11]),
          })),
        )
        .execute();
    }
    for (const [i, story] of (STORIES[school.code] ?? []).entries()) {
      if (story === null || i >= factorIds.length) continue;
      const content = DEMO_PROGRAMMES[factorIds[i]];
      const timeline = TIMELINES[story];
      const remark = timeline.events.some((e) => e.action === 'returned') ? RETURN_REMARKS[returns++ % RETURN_REMARKS.length] : null;
      await seedProgramme(trx, { waveId: wave.id, schoolId: id, factorId: factorIds[i], team, reviewer, at, dayFrom, files }, content, timeline, remark);
    }
  }

  for (const visit of VISITS) {
    const id = schoolId(visit.school);
    const observations = visit.lesson && visit.made ? (priorities.get(id) ?? []).map((f) => ({ factorId: f, note: DEMO_PROGRAMMES[f].lessonNote })) : [];
    const plannedAt = instant([Math.min(visit.planned, 0) - 10, 9]);
    await trx
      .insertInto('curator_visits')
      .values({
        school_id: id,
        curator_id: curators[visit.curator].id,
        planned_on: dayFrom(visit.planned),
        made_on: visit.made ? dayFrom(visit.made.day) : null,
        kind: visit.kind,
        purpose: visit.purpose,
        protocol: JSON.stringify({ ...visit.lesson, observations }),
        conclusions: visit.made?.conclusions ?? '',
        created_at: plannedAt,
        updated_at: visit.made ? instant([visit.made.day, 17]) : plannedAt,
      })
      .execute();
  }
}

interface ProgrammePlace {
  waveId: number;
  schoolId: number;
  factorId: string;
  team: number;
  reviewer: number;
  at(when: When): Date;
  dayFrom(offset: number): string;
  files: Record<'pdf' | 'png', Buffer>;
}

async function seedProgramme(trx: Db, place: ProgrammePlace, content: DemoProgramme, timeline: Timeline, remark: { remark: string; answer: string } | null) {
  const { at } = place;
  const last = timeline.events[timeline.events.length - 1];
  const { id } = await trx
    .insertInto('programmes')
    .values({
      wave_id: place.waveId,
      school_id: place.schoolId,
      factor_id: place.factorId,
      state: timeline.state,
      goal: content.goal,
      tasks: content.tasks,
      version: timeline.version,
      created_at: at(timeline.events[0].at),
      updated_at: at(last.at),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const measureIds: number[] = [];
  for (const [position, plan] of timeline.measures.entries()) {
    const measure = content.measures[position];
    const row = await trx
      .insertInto('programme_measures')
      .values({
        programme_id: id,
        position,
        action: measure.action,
        deadline: place.dayFrom(plan.deadline),
        responsible: measure.responsible,
        expected_result: measure.expectedResult,
        target_kind: measure.target.kind,
        target_ref: measure.target.kind === 'external' ? measure.target.text : measure.target.id,
        status: plan.status,
        status_comment: plan.status === 'done' ? STATUS_COMMENTS.done : plan.status === 'in_progress' ? STATUS_COMMENTS.inProgress : '',
        status_changed_at: plan.changed ? at(plan.changed) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    measureIds.push(row.id);
    if (plan.status === 'done') {
      const bytes = place.files[measure.evidence.kind];
      await trx
        .insertInto('measure_evidence')
        .values({
          measure_id: row.id,
          filename: `${measure.evidence.name}.${measure.evidence.kind}`,
          media_type: EVIDENCE_TYPES[measure.evidence.kind].mediaType,
          size: bytes.length,
          sha256: sha256Bytes(bytes),
          content: bytes,
          uploaded_by: place.team,
          uploaded_at: at(plan.changed!),
        })
        .execute();
    }
  }

  for (const event of timeline.events) {
    const byTeam = event.action === 'created' || event.action === 'submitted' || event.action === 'resubmitted';
    const comment = event.action === 'returned' ? remark!.remark : event.action === 'approved' ? APPROVAL_COMMENT : null;
    await trx
      .insertInto('programme_events')
      .values({ programme_id: id, at: at(event.at), user_id: byTeam ? place.team : place.reviewer, action: event.action, comment })
      .execute();
    // A return's comment is also the remark the team answers, as the review route records it.
    if (event.action === 'returned') {
      await trx
        .insertInto('programme_remarks')
        .values({
          programme_id: id,
          author_id: place.reviewer,
          body: remark!.remark,
          created_at: at(event.at),
          answer: timeline.answered ? remark!.answer : null,
          answered_by: timeline.answered ? place.team : null,
          answered_at: timeline.answered ? at(timeline.answered) : null,
        })
        .execute();
      if (timeline.measureRemark !== undefined) {
        const [day, hour] = event.at;
        await trx
          .insertInto('programme_remarks')
          .values({
            programme_id: id,
            measure_id: measureIds[timeline.measureRemark],
            author_id: place.reviewer,
            body: MEASURE_REMARK,
            created_at: at([day, hour + 0.1]),
          })
          .execute();
      }
    }
  }
  if (timeline.overdueRemark) {
    const { measure, at: when } = timeline.overdueRemark;
    await trx
      .insertInto('programme_remarks')
      .values({ programme_id: id, measure_id: measureIds[measure], author_id: place.reviewer, body: OVERDUE_REMARK, created_at: at(when) })
      .execute();
  }
}
