import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Wave } from '../db/schema.js';
import { ApiError, conflict } from '../shared/errors.js';
import type { Caller } from '../territory/scope.js';
import { hideSmallCountsOf } from './small-counts.js';

/**
 * docs/methodology.md §6 rule 2: the figures of a wave — everything computed from its answers — are released
 * when it closes. Until then two readings could differ by one answer and give it away; only participation counts
 * stay live. Administrators, who can read the database anyway, see them at once. Every route that serves a
 * figure asks here, so the rule has one place.
 */

type WaveTerms = Pick<Wave, 'id' | 'closes_at'>;

/** Whether the wave has closed by the database clock, the one that decides whether an answer is still accepted. */
export async function waveClosed(db: Db, wave: WaveTerms): Promise<boolean> {
  const { rows } = await sql<{ closed: boolean }>`select closes_at <= now() as closed from waves where id = ${wave.id}`.execute(db);
  return rows[0]?.closed === true;
}

export async function figuresReleased(db: Db, wave: WaveTerms, caller: Caller): Promise<boolean> {
  return caller.role === 'admin' || (await waveClosed(db, wave));
}

/**
 * A school's profile as the caller may see it: while its figures are withheld, its participation and no factor,
 * with the release instant; once released, every factor with the counts below the minimum group hidden.
 */
export async function discloseProfile<P extends { factors: Parameters<typeof hideSmallCountsOf>[0] }>(db: Db, caller: Caller, wave: WaveTerms, profile: P) {
  if (!(await figuresReleased(db, wave, caller))) return { ...profile, factors: [], releasesAt: new Date(wave.closes_at).toISOString() };
  return { ...profile, factors: hideSmallCountsOf(profile.factors, caller), releasesAt: null };
}

/**
 * 409 `figures_not_released` for the first of `waves` whose figures the caller may not see yet; its details
 * carry the wave and the instant of the release, for the screen to say when the figures will appear.
 */
export async function assertFiguresReleased(db: Db, caller: Caller, ...waves: WaveTerms[]): Promise<void> {
  for (const wave of waves) {
    if (await figuresReleased(db, wave, caller)) continue;
    const releasesAt = new Date(wave.closes_at).toISOString();
    throw new ApiError(409, 'figures_not_released', `The figures of wave ${wave.id} are released when it closes, at ${releasesAt}`, {
      waveId: wave.id,
      releasesAt,
    });
  }
}

/**
 * docs/methodology.md §6 rule 3: a wave whose figures are out is not opened again — answers after the release
 * would make the difference of two readings an answer. 409 `wave_closed` for a change that would move a closed
 * wave's end back into the future.
 */
export async function assertStaysClosed(db: Db, wave: WaveTerms, closesAt: Date): Promise<void> {
  const { rows } = await sql<{ reopens: boolean }>`
    select closes_at <= now() and ${closesAt} > now() as reopens from waves where id = ${wave.id}`.execute(db);
  if (rows[0]?.reopens !== true) return;
  throw conflict(
    'wave_closed',
    `Wave ${wave.id} closed at ${new Date(wave.closes_at).toISOString()} and its figures are released; it cannot be opened again. Create a new wave to collect more answers.`,
  );
}
