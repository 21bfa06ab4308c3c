import { Type, type Static } from '@fastify/type-provider-typebox';
import { AccessModes, Id, Instant, ModelRef, NumberIn, WaveStatus } from '../../shared/vocabulary.js';
import type { WaveRow } from './waves.repository.js';

const Title = Type.String({ minLength: 1, maxLength: 200 });
const Target = NumberIn({ exclusiveMinimum: 0, maximum: 1 });
const ModelId = Type.String({ minLength: 1, maxLength: 100 });

export const CreateWaveBody = Type.Object(
  {
    regionId: Id,
    title: Title,
    opensAt: Instant,
    closesAt: Instant,
    target: Type.Optional(Target),
    modelId: ModelId,
  },
  { additionalProperties: false },
);

export const UpdateWaveBody = Type.Object(
  {
    title: Type.Optional(Title),
    opensAt: Type.Optional(Instant),
    closesAt: Type.Optional(Instant),
    target: Type.Optional(Target),
    modelId: Type.Optional(ModelId),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const WaveView = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  regionId: Type.Integer(),
  regionName: Type.String(),
  opensAt: Instant,
  closesAt: Instant,
  target: Type.Number(),
  modelId: Type.String(),
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
    target: Number(row.target),
    modelId: row.model_id,
    status: row.status,
    open: row.status === 'open',
  };
}
