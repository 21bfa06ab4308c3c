import { sql } from 'kysely';
import type { WaveStatus } from '../shared/vocabulary.js';

/**
 * A wave's status, for a query that selects from `waves`. Measured by the database clock, the same one the
 * respondent routes use to accept answers, so a page never calls a wave open that refuses answers.
 */
export const waveStatus = sql<WaveStatus>`case when now() < waves.opens_at then 'planned' when now() >= waves.closes_at then 'closed' else 'open' end`;
