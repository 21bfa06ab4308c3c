import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { AnswerMark } from '../shared/rules/answer-marks.js';
import type { LinkFacts } from './links.repository.js';

export interface NewResponse {
  clientKey: string;
  answers: Record<string, unknown>;
  durationSeconds: number | null;
  /** Absent for an answer nobody marked (imports, benchmarks): no marks, counted. */
  marks?: AnswerMark[];
  counted?: boolean;
}

/** A text[] literal; marks are fixed identifiers, nothing a respondent typed. */
const marksLiteral = (marks: readonly AnswerMark[]) => `{${marks.join(',')}}`;

export type StoreResult =
  | { status: 'stored' | 'replayed'; id: number }
  | { status: 'key-taken' | 'code-used' }
  /** Nothing stored: the link was revoked or its wave is not open (at the moment of the insert). */
  | { status: 'link-closed' };

const UNIQUE_VIOLATION = '23505';

/**
 * One statement, so a response is stored whole or not at all, and only while its link is live and its wave
 * open: the check and the insert are the same statement, so a link revoked a moment ago stores nothing. The
 * client key makes a retry return the first row instead of adding one (even after the link closed: that
 * answer was stored while it was open); a single-use code's unique column makes it answer once.
 */
export async function storeResponse(db: Db, link: LinkFacts, response: NewResponse): Promise<StoreResult> {
  try {
    // Written as SQL rather than with the query builder: this is the statement every respondent waits for,
    // and building it costs ten times less this way (see bench/http-submissions.ts).
    const { rows } = await sql<{ id: number }>`
      insert into responses (wave_id, school_id, role, link_id, client_key, answers, duration_seconds, code_link_id, marks, counted)
      select links.wave_id, links.school_id, links.role, links.id,
             cast(${response.clientKey} as uuid), cast(${JSON.stringify(response.answers)} as jsonb), cast(${response.durationSeconds} as integer),
             case when links.kind = 'code' then links.id end, cast(${marksLiteral(response.marks ?? [])} as text[]), cast(${response.counted ?? true} as boolean)
      from links join waves on waves.id = links.wave_id
      where links.id = ${link.id} and links.revoked_at is null and now() >= waves.opens_at and now() < waves.closes_at
      on conflict (client_key) do nothing
      returning id`.execute(db);
    const inserted = rows[0];
    if (inserted) return { status: 'stored', id: inserted.id };
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    const replay = await findByClientKey(db, response.clientKey);
    return replay?.link_id === link.id ? { status: 'replayed', id: replay.id } : { status: 'code-used' };
  }
  return explainUnstored(db, link, response.clientKey);
}

/**
 * Many open-link responses in one statement and one transaction: the same checks as `storeResponse`, row by
 * row. Returns the id stored for each input whose row went in; the others (a key already taken, a link closed,
 * a key repeated within the batch) are left for `explainUnstored`.
 */
export async function storeOpenLinkResponses(db: Db, items: ReadonlyArray<{ link: LinkFacts; response: NewResponse }>): Promise<Array<number | undefined>> {
  const rows = items.map(({ link, response }) => ({
    link_id: link.id,
    client_key: response.clientKey,
    answers: response.answers,
    duration_seconds: response.durationSeconds,
    marks: response.marks ?? [],
    counted: response.counted ?? true,
  }));
  // One JSON parameter instead of parameters per row: a statement of a fixed shape, whatever the batch size.
  const { rows: inserted } = await sql<{ id: number; client_key: string; link_id: number }>`
    insert into responses (wave_id, school_id, role, link_id, client_key, answers, duration_seconds, code_link_id, marks, counted)
    select links.wave_id, links.school_id, links.role, links.id, b.client_key, b.answers, b.duration_seconds,
           case when links.kind = 'code' then links.id end, b.marks, b.counted
    from json_to_recordset(cast(${JSON.stringify(rows)} as json))
      as b(link_id integer, client_key uuid, answers jsonb, duration_seconds integer, marks text[], counted boolean)
    join links on links.id = b.link_id
    join waves on waves.id = links.wave_id
    where links.revoked_at is null and now() >= waves.opens_at and now() < waves.closes_at
    on conflict (client_key) do nothing
    returning id, client_key, link_id`.execute(db);
  const stored = new Map(inserted.map((row) => [row.client_key, row]));
  const claimed = new Set<string>();
  return items.map(({ link, response }) => {
    // PostgreSQL hands uuids back in lower case; a key repeated in the batch was stored once, for its first sender.
    const key = response.clientKey.toLowerCase();
    const row = stored.get(key);
    if (!row || row.link_id !== link.id || claimed.has(key)) return undefined;
    claimed.add(key);
    return row.id;
  });
}

/** Why nothing was stored for this key: a retry of a stored answer, a key another link took, or a link that is closed. */
export async function explainUnstored(db: Db, link: LinkFacts, clientKey: string): Promise<StoreResult> {
  const existing = await findByClientKey(db, clientKey);
  if (!existing) return { status: 'link-closed' };
  return existing.link_id === link.id ? { status: 'replayed', id: existing.id } : { status: 'key-taken' };
}

function findByClientKey(db: Db, clientKey: string) {
  return db.selectFrom('responses').select(['id', 'link_id']).where('client_key', '=', clientKey).executeTakeFirst();
}

/**
 * Adds a burst mark to answers already stored, found to be part of a burst by a later one. Such a mark holds an
 * answer back unless a coordinator has already accepted it; the counters follow through their update trigger.
 */
export async function markAsBurst(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`
    update responses
    set marks = array_append(marks, 'address_burst'), counted = coalesce(review = 'accepted', false)
    where id in (${sql.join(ids)}) and not ('address_burst' = any(marks))`.execute(db);
}
