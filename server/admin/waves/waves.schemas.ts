import { Type, type Static } from '@fastify/type-provider-typebox';
import { waveDays } from '../../shared/rules/zoned-days.js';
import { AccessModes, Day, Id, Instant, IntegerIn, INT4_MAX, ModelRef, NumberIn, Role, TimeZone, WaveStatus } from '../../shared/vocabulary.js';
import type { WaveRow } from './waves.repository.js';

const Title = Type.String({ minLength: 1, maxLength: 200 });
// At least 1%: a target of nothing means nothing, and OpenAPI 3.0 has no numeric exclusiveMinimum.
const Target = NumberIn({ minimum: 0.01, maximum: 1 });
const ModelId = Type.String({ minLength: 1, maxLength: 100 });

/**
 * A wave's dates come as days of its region's zone (`firstDay`, `lastDay`: open from 00:00 of the first to 24:00 of
 * the last), or, for scripts, as instants (`opensAt`, `closesAt`); one pair or the other.
 */
const WaveDates = {
  firstDay: Type.Optional(Day),
  lastDay: Type.Optional(Day),
  opensAt: Type.Optional(Instant),
  closesAt: Type.Optional(Instant),
};

export const CreateWaveBody = Type.Object(
  {
    regionId: Id,
    title: Title,
    ...WaveDates,
    target: Type.Optional(Target),
    modelId: ModelId,
  },
  { additionalProperties: false },
);

export const UpdateWaveBody = Type.Object(
  {
    title: Type.Optional(Title),
    ...WaveDates,
    target: Type.Optional(Target),
    modelId: Type.Optional(ModelId),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateWaveBody = Static<typeof UpdateWaveBody>;

export const WaveView = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  regionId: Type.Integer(),
  regionName: Type.String(),
  opensAt: Instant,
  closesAt: Instant,
  /** The region's zone, and the wave's first and last days in it. */
  timeZone: TimeZone,
  firstDay: Day,
  lastDay: Day,
  target: Type.Number(),
  modelId: Type.String(),
  /** What people read; the id is for the administrator's workbench and the API. */
  modelTitle: Type.String(),
  status: WaveStatus,
  /** Accepting answers now; the same test the respondent routes apply. */
  open: Type.Boolean(),
});
export type WaveView = Static<typeof WaveView>;

/** The wave page: the wave, how each role reaches it, and whether answers exist (they freeze the model). */
export const WaveDetail = Type.Object({ ...WaveView.properties, access: AccessModes, responses: Type.Integer() });

export const CreatedWave = Type.Object({ ...WaveView.properties, linksCreated: Type.Integer() });

export const ModelView = Type.Object({ ...ModelRef.properties, createdAt: Instant });

export function toWaveView(row: WaveRow): WaveView {
  return {
    id: row.id,
    title: row.title,
    regionId: row.region_id,
    regionName: row.region_name,
    opensAt: row.opens_at.toISOString(),
    closesAt: row.closes_at.toISOString(),
    timeZone: row.time_zone,
    ...waveDays(row.opens_at, row.closes_at, row.time_zone),
    target: Number(row.target),
    modelId: row.model_id,
    modelTitle: row.model_title,
    status: row.status,
    open: row.status === 'open',
  };
}

/** One school × role's expected respondents in one started wave, corrected by an administrator. */
export const ExpectedBody = Type.Object(
  {
    schoolId: Id,
    role: Role,
    // Any integer PostgreSQL holds, so that a negative or implausible count gets its own clear answer.
    expected: IntegerIn(-INT4_MAX, INT4_MAX),
  },
  { additionalProperties: false },
);

export const ExpectedCorrected = Type.Object({
  waveId: Id,
  schoolId: Id,
  role: Role,
  previous: Type.Integer(),
  expected: Type.Integer(),
  /** Single-use codes issued to match a raised count. */
  linksCreated: Type.Integer(),
});
