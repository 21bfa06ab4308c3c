import { Type, type Static } from '@fastify/type-provider-typebox';
import { Day, Id, Instant, MeasureStatus, Nullable, ProgrammeEventAction, ProgrammeState } from '../shared/vocabulary.js';

const strict = { additionalProperties: false } as const;
const Text = (maxLength: number) => Type.String({ maxLength });

/** What a measure should move: a factor or an indicator of the wave's model, or a measure outside the survey, in words. */
export const MeasureTarget = Type.Union([
  Type.Object({ kind: Type.Literal('factor'), id: Type.String({ minLength: 1, maxLength: 100 }) }, strict),
  Type.Object({ kind: Type.Literal('indicator'), id: Type.String({ minLength: 1, maxLength: 100 }) }, strict),
  Type.Object({ kind: Type.Literal('external'), text: Type.String({ minLength: 1, maxLength: 500 }) }, strict),
]);
export type MeasureTarget = Static<typeof MeasureTarget>;

/** A measure as the team writes it. `responsible` is a staff name or post, never a respondent. */
export const MeasureInput = Type.Object(
  {
    /** Present for a measure already saved: its evidence and remarks stay with it. */
    id: Type.Optional(Id),
    action: Type.String({ minLength: 1, maxLength: 1000 }),
    deadline: Day,
    responsible: Type.String({ minLength: 1, maxLength: 300 }),
    expectedResult: Type.String({ minLength: 1, maxLength: 1000 }),
    target: MeasureTarget,
  },
  strict,
);
export type MeasureInput = Static<typeof MeasureInput>;

/** The content of a programme: editable while it is a draft or returned. */
export const ProgrammeContent = Type.Object(
  {
    goal: Text(2000),
    tasks: Type.Array(Type.String({ minLength: 1, maxLength: 1000 }), { maxItems: 20 }),
    measures: Type.Array(MeasureInput, { maxItems: 50 }),
    /** The version the editor loaded: a save over someone else's newer save is refused (409), not silently merged. */
    version: Type.Integer({ minimum: 0 }),
  },
  strict,
);
export type ProgrammeContent = Static<typeof ProgrammeContent>;

export const NewProgramme = Type.Object({ factorId: Type.String({ minLength: 1, maxLength: 100 }) }, strict);
export type NewProgramme = Static<typeof NewProgramme>;

export const Evidence = Type.Object({
  id: Type.Integer(),
  filename: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  uploadedAt: Instant,
  uploadedBy: Nullable(Type.String()),
});
export type Evidence = Static<typeof Evidence>;

export const Measure = Type.Object({
  id: Type.Integer(),
  action: Type.String(),
  deadline: Day,
  responsible: Type.String(),
  expectedResult: Type.String(),
  target: MeasureTarget,
  /** The target in words, from the wave's model («Фактор R3. …», «Индикатор …»), or the external measure itself. */
  targetTitle: Type.String(),
  status: MeasureStatus,
  /** Not done, and its deadline has passed in the region's time zone. */
  overdue: Type.Boolean(),
  statusComment: Type.String(),
  evidence: Type.Array(Evidence),
});
export type Measure = Static<typeof Measure>;

export const Remark = Type.Object({
  id: Type.Integer(),
  /** Null: about the programme as a whole. */
  measureId: Nullable(Type.Integer()),
  body: Type.String(),
  author: Type.String(),
  createdAt: Instant,
  answer: Nullable(Type.String()),
  answeredBy: Nullable(Type.String()),
  answeredAt: Nullable(Instant),
});
export type Remark = Static<typeof Remark>;

export const ProgrammeEvent = Type.Object({
  action: ProgrammeEventAction,
  at: Instant,
  by: Nullable(Type.String()),
  comment: Nullable(Type.String()),
});
export type ProgrammeEvent = Static<typeof ProgrammeEvent>;

/**
 * What a measure may aim at: every factor of the wave's model with its indicators, named as the model or, for an
 * untitled indicator, its question names them. Structure, not figures: offered before the wave's results are out.
 */
export const ProgrammeTargets = Type.Array(
  Type.Object({
    factorId: Type.String(),
    factorTitle: Type.String(),
    indicators: Type.Array(Type.Object({ id: Type.String(), title: Type.String() })),
  }),
);
export type ProgrammeTargets = Static<typeof ProgrammeTargets>;

/** What the caller may do with the programme now; the screens show only these buttons. */
export const ProgrammeActions = Type.Object({
  edit: Type.Boolean(),
  submit: Type.Boolean(),
  review: Type.Boolean(),
  remark: Type.Boolean(),
  answerRemarks: Type.Boolean(),
  updateMeasures: Type.Boolean(),
});
export type ProgrammeActions = Static<typeof ProgrammeActions>;

export const Programme = Type.Object({
  id: Type.Integer(),
  waveId: Type.Integer(),
  waveTitle: Type.String(),
  school: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), municipality: Type.String(), region: Type.String() }),
  factor: Type.Object({ id: Type.String(), title: Type.String() }),
  state: ProgrammeState,
  version: Type.Integer(),
  goal: Type.String(),
  tasks: Type.Array(Type.String()),
  measures: Type.Array(Measure),
  remarks: Type.Array(Remark),
  history: Type.Array(ProgrammeEvent),
  /** The period the measures span: the earliest and the latest deadline; null without measures. */
  period: Nullable(Type.Object({ from: Day, to: Day })),
  actions: ProgrammeActions,
  targets: ProgrammeTargets,
});
export type Programme = Static<typeof Programme>;

/** A school's programmes of a wave beside its priorities: a priority without a programme has `programmeId` null. */
export const SchoolProgrammes = Type.Object({
  waveId: Type.Integer(),
  schoolId: Type.Integer(),
  priorities: Type.Array(
    Type.Object({ factorId: Type.String(), factorTitle: Type.String(), programmeId: Nullable(Type.Integer()), state: Nullable(ProgrammeState) }),
  ),
  /** Whether the caller may start a programme for a priority: the school's own team. */
  mayCreate: Type.Boolean(),
});
export type SchoolProgrammes = Static<typeof SchoolProgrammes>;

export const ReviewBody = Type.Object(
  {
    decision: Type.Enum(['approve', 'return']),
    /** Required to return: the school must know what to change. */
    remark: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
  },
  strict,
);
export type ReviewBody = Static<typeof ReviewBody>;

export const RemarkBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: 4000 }), measureId: Type.Optional(Nullable(Id)) }, strict);
export const AnswerBody = Type.Object({ answer: Type.String({ minLength: 1, maxLength: 4000 }) }, strict);
export const MeasureStatusBody = Type.Object({ status: MeasureStatus, comment: Type.Optional(Type.String({ maxLength: 2000 })) }, strict);

export const ProgrammeParams = Type.Object({ programmeId: Id });
export const MeasureParams = Type.Object({ programmeId: Id, measureId: Id });
export const RemarkParams = Type.Object({ programmeId: Id, remarkId: Id });
export const EvidenceParams = Type.Object({ programmeId: Id, measureId: Id, evidenceId: Id });
