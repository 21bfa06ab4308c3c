import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { actorOf } from '../auth/hooks.js';
import type { Database } from '../db/schema.js';
import { audit } from './log.js';

/**
 * What leaves the system as a file. Each kind has its words on the audit screen; a new export adds its kind here,
 * so the screen and the tests know every one.
 */
export const EXPORT_KINDS = [
  'participation',
  'profiles',
  'programmes_overview',
  'confirmed_change',
  'programme_document',
  'evidence',
  'wave_links',
  'audit_log',
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** Screens and files that show the links and codes which open a questionnaire: whoever has one can answer it. */
export const LINK_VIEW_KINDS = ['wave_links', 'school_links', 'qr_image', 'qr_sheet', 'codes'] as const;
export type LinkViewKind = (typeof LINK_VIEW_KINDS)[number];

type Details = Record<string, string | number | boolean | null | undefined>;

function withoutUndefined(details: Details) {
  return Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined));
}

/**
 * Records a download before it is sent: if the record cannot be written, nothing leaves. Called after the file is
 * built, so a refused or failed export leaves no record of a download that never happened.
 */
export function auditExport(
  db: Kysely<Database>,
  req: FastifyRequest,
  export_: { kind: ExportKind; format: string; entity: string; entityId?: number | string | null; details?: Details },
) {
  return audit(db, {
    ...actorOf(req),
    action: 'export',
    entity: export_.entity,
    entityId: export_.entityId ?? null,
    details: withoutUndefined({ kind: export_.kind, format: export_.format, ...export_.details }),
  });
}

/** Records that someone was shown respondents' links, QR codes or single-use codes. */
export function auditLinkView(
  db: Kysely<Database>,
  req: FastifyRequest,
  view: { kind: LinkViewKind; waveId: number; schoolId?: number; role?: string; format?: string },
) {
  const { kind, waveId, ...rest } = view;
  return audit(db, { ...actorOf(req), action: 'links.view', entity: 'wave', entityId: waveId, details: withoutUndefined({ kind, ...rest }) });
}
