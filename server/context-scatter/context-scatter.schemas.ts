import { Type, type Static } from '@fastify/type-provider-typebox';
import type { AssessmentProcedure } from '../db/schema.js';
import { Id, IntegerIn, Level, Nullable, SchoolInMunicipality, WaveTerms } from '../shared/vocabulary.js';

const PROCEDURES = ['vpr', 'oge', 'ege'] as const satisfies readonly AssessmentProcedure[];
/** ВПР, ОГЭ or ЕГЭ (migration 0017). */
export const Procedure = Type.Enum(PROCEDURES);

/** Which figure of a result is plotted: the mean score, or the share of the mark «2» in per cent. */
export const MEASURES = ['mean', 'share2'] as const;
export const Measure = Type.Enum(MEASURES);
export type Measure = Static<typeof Measure>;

const Subject = Type.String({ minLength: 1, maxLength: 100 });
const Grade = IntegerIn(1, 11);
const Year = IntegerIn(2000, 2100);

/** One result the pickers offer: a procedure, subject and grade, with the years some school of the territory has it. */
export const AvailableResult = Type.Object({
  procedure: Procedure,
  subject: Type.String(),
  grade: Type.Integer(),
  /** Latest first. */
  years: Type.Array(Type.Integer()),
  /** The year the scatter takes when none is asked for: the latest not after the year the wave opens in; null if none. */
  defaultYear: Nullable(Type.Integer()),
});

export const ContextResults = Type.Object({
  wave: WaveTerms,
  /** The factors of the wave's model, in its order. */
  factors: Type.Array(Type.Object({ id: Type.String(), title: Type.String() })),
  results: Type.Array(AvailableResult),
});
export type ContextResults = Static<typeof ContextResults>;

export const ScatterQuery = Type.Object({
  factor: Type.String({ minLength: 1, maxLength: 50 }),
  procedure: Procedure,
  subject: Subject,
  grade: Grade,
  /** Absent: the result's default year for the wave (see `AvailableResult.defaultYear`). */
  year: Type.Optional(Year),
  measure: Type.Optional(Measure),
  /** Only the schools of this municipality (of the caller's territory): r is then theirs. */
  municipalityId: Type.Optional(Id),
});
export type ScatterQuery = Static<typeof ScatterQuery>;

export const ScatterRow = Type.Object({
  school: SchoolInMunicipality,
  /** The factor's score as the wave's profile shows it to the caller; null when its level is `insufficient`. */
  score: Nullable(Type.Number()),
  level: Level,
  /** The measure of the school's result; null when the school has no such result or not this figure of it. */
  value: Nullable(Type.Number()),
});

export const Scatter = Type.Object({
  wave: WaveTerms,
  factor: Type.Object({ id: Type.String(), title: Type.String() }),
  result: Type.Object({
    procedure: Procedure,
    subject: Type.String(),
    grade: Type.Integer(),
    /** Null when the territory has no year of this result not after the wave's year and none was asked for. */
    year: Nullable(Type.Integer()),
    measure: Measure,
  }),
  /** The municipalities of the wave's schools in the caller's territory, for a filter; whichever one was asked for. */
  municipalities: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
  /** Every school of the wave in the caller's territory (and the municipality asked for), plotted or not, by municipality and name. */
  schools: Type.Array(ScatterRow),
  /** Schools with both a score and a value: the points. */
  plotted: Type.Integer(),
  /** Why the others are not plotted; a school lacking both counts in both. */
  notPlotted: Type.Object({ total: Type.Integer(), noScore: Type.Integer(), noResult: Type.Integer() }),
  /** Pearson's r of the value and the score over the plotted schools; null below `minSchools` of them, or when either does not vary. */
  correlation: Type.Object({ r: Nullable(Type.Number()), n: Type.Integer(), minSchools: Type.Integer() }),
});
export type Scatter = Static<typeof Scatter>;
