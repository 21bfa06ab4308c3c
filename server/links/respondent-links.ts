import { accessModes, activeOpenLinks } from './links.repository.js';
import type { Db } from '../db/connect.js';
import type { AccessMode } from '../db/schema.js';
import { ROLES, type Role } from '../shared/roles.js';
import { qrDataUrl } from './qr.js';

/** The address printed and encoded for a link: short enough to type from paper if a camera fails. */
export function linkUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/s/${token}`;
}

export interface RoleLink {
  role: Role;
  mode: AccessMode;
  /** Null when the role answers by single-use codes, or the school has no open link yet. */
  url: string | null;
  /** An SVG data URL of the QR code of `url`. */
  qr: string | null;
}

/** The page where a single-use code's short form is typed: short enough to print on every slip. */
export function codeEntryUrl(publicUrl: string): string {
  return `${publicUrl}/c`;
}

/** How respondents reach a wave: the one place that turns a link into the address people type or scan. */
export interface RespondentLinks {
  /** Where every address starts (PUBLIC_URL). */
  publicUrl: string;
  url(token: string): string;
  codeEntryUrl: string;
  /** Each role's way into one school's questionnaires: what a printed sheet and a coordinator's reminder carry. */
  ofSchool(waveId: number, schoolId: number): Promise<RoleLink[]>;
}

export function respondentLinks(db: Db, publicUrl: string): RespondentLinks {
  const url = (token: string) => linkUrl(publicUrl, token);
  return {
    publicUrl,
    url,
    codeEntryUrl: codeEntryUrl(publicUrl),
    async ofSchool(waveId, schoolId) {
      const [links, modes] = await Promise.all([activeOpenLinks(db, waveId, schoolId), accessModes(db, waveId)]);
      return Promise.all(
        ROLES.map(async (role) => {
          const link = modes[role] === 'open' ? links.find((l) => l.role === role) : undefined;
          const address = link ? url(link.token) : null;
          return { role, mode: modes[role], url: address, qr: address ? await qrDataUrl(address) : null };
        }),
      );
    },
  };
}
