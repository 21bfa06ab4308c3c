import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { LinkKind } from '../db/schema.js';
import type { Role } from '../shared/roles.js';
import { newShortCode } from '../shared/short-codes.js';
import { newLinkToken } from '../shared/tokens.js';

/** Rows per statement: a big region in code mode needs hundreds of thousands of codes. */
const BATCH = 1000;

export interface LinkToIssue {
  wave_id: number;
  school_id: number;
  role: Role;
  kind: LinkKind;
}

const withSecrets = (link: LinkToIssue) => ({ ...link, token: newLinkToken(), short_code: link.kind === 'code' ? newShortCode() : null });

/**
 * Inserts links with a fresh token each, and a short code for each single-use code. A short code is drawn from
 * 8.5·10^11, so among hundreds of thousands issued one may come up twice: the unique index refuses it, the row is
 * left out, and it is drawn again.
 */
export async function issueLinks(db: Db, links: readonly LinkToIssue[]) {
  const issued = [];
  for (let start = 0; start < links.length; start += BATCH) {
    let pending = links.slice(start, start + BATCH).map(withSecrets);
    while (pending.length > 0) {
      const inserted = await db
        .insertInto('links')
        .values(pending)
        .onConflict((oc) => oc.doNothing())
        .returning(['id', 'token', 'role', 'kind', 'school_id'])
        .execute();
      issued.push(...inserted);
      const stored = new Set(inserted.map((link) => link.token));
      pending = pending.filter((link) => !stored.has(link.token)).map(withSecrets);
    }
  }
  return issued;
}

/** Live codes of a wave issued before short codes existed get one, so every slip printed from now on has it. */
export async function giveCodesShortCodes(db: Db, waveId: number) {
  for (;;) {
    const ids = await db
      .selectFrom('links')
      .select('id')
      .where('wave_id', '=', waveId)
      .where('kind', '=', 'code')
      .where('short_code', 'is', null)
      .where('revoked_at', 'is', null)
      .limit(BATCH)
      .execute();
    if (ids.length === 0) return;
    // Distinct within the batch; a code some other link holds already is skipped here and drawn again next round.
    const codes = new Set<string>();
    while (codes.size < ids.length) codes.add(newShortCode());
    const rows = [...codes].map((code, i) => sql`(${ids[i]!.id}::integer, ${code}::text)`);
    await sql`
      update links set short_code = v.code
        from (values ${sql.join(rows)}) as v(id, code)
       where links.id = v.id and not exists (select 1 from links taken where taken.short_code = v.code)`.execute(db);
  }
}
