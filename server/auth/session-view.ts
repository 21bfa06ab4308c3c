import type { Db } from '../db/connect.js';
import { STAFF_CONSENT_VERSION } from '../shared/rules/staff-consent.js';
import { DEFAULT_TIME_ZONE } from '../shared/rules/zoned-days.js';
import { latestConsent } from './consent.repository.js';
import type { Principal, Session } from './session.schemas.js';

/** What login, an accepted invitation, a consent and /api/me answer alike. */
export async function sessionView(db: Db, principal: Principal, csrfToken: string): Promise<Session> {
  const [consent, user, region] = await Promise.all([
    latestConsent(db, principal.id),
    db.selectFrom('users').select('previous_login_at').where('id', '=', principal.id).executeTakeFirstOrThrow(),
    principal.regionId == null ? undefined : db.selectFrom('regions').select('time_zone').where('id', '=', principal.regionId).executeTakeFirst(),
  ]);
  return {
    user: principal,
    csrfToken,
    consentRequired: consent?.version !== STAFF_CONSENT_VERSION,
    previousLoginAt: user.previous_login_at?.toISOString() ?? null,
    timeZone: region?.time_zone ?? DEFAULT_TIME_ZONE,
  };
}
