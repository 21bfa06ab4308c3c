import { Type } from '@fastify/type-provider-typebox';
import { AccessMode, AccessModes, Id, LinkKind, Nullable, perRole, Role, SchoolRef, WaveTerms } from '../../shared/vocabulary.js';

/** The admin routes name the wave `:id`. */
export const WaveIdSchoolParams = Type.Object({ id: Id, schoolId: Id });

/** Where the links printed and shown start, and whether only the server itself can open them. */
export const LinksConfig = Type.Object({ publicUrl: Type.String(), localhost: Type.Boolean() });

export const AccessBody = Type.Object({ role: Role, mode: AccessMode }, { additionalProperties: false });

export const ReplacedLink = Type.Object({
  replacedId: Type.Integer(),
  id: Type.Integer(),
  url: Type.String(),
  kind: LinkKind,
  role: Role,
  schoolId: Type.Integer(),
});

export const ReconciledView = Type.Object({ created: Type.Integer(), restored: Type.Integer(), suspended: Type.Integer() });

export const AccessChanged = Type.Object({ access: AccessModes, ...ReconciledView.properties });

const CodeCount = Type.Object({ issued: Type.Integer(), used: Type.Integer() });
const OpenLink = Type.Object({ id: Type.Integer(), url: Type.String() });

/** One school × role on the wave page: the open link or how many codes went out and came back. */
export const RoleCell = Type.Object({
  mode: AccessMode,
  expected: Type.Integer(),
  link: Nullable(OpenLink),
  codes: CodeCount,
});

/** What the printed pages and the links table head a school with: the municipality's name is enough there. */
export const SchoolWithMunicipalityName = Type.Object({ ...SchoolRef.properties, municipality: Type.String() });

export const WaveLinksView = Type.Object({
  schools: Type.Array(Type.Object({ ...SchoolWithMunicipalityName.properties, roles: perRole(RoleCell) })),
});

export const SheetView = Type.Object({
  school: SchoolWithMunicipalityName,
  wave: WaveTerms,
  roles: Type.Array(
    Type.Object({
      role: Role,
      mode: AccessMode,
      expected: Type.Integer(),
      /** Null in code mode: each respondent gets a slip instead. */
      url: Nullable(Type.String()),
      qr: Nullable(Type.String()),
      codes: CodeCount,
    }),
  ),
});

export const CodesQuery = Type.Object({ role: Type.Optional(Role) }, { additionalProperties: false });

export const CodesView = Type.Object({
  school: SchoolWithMunicipalityName,
  wave: WaveTerms,
  /** Where a short code is typed instead of scanning the QR code. */
  entryUrl: Type.String(),
  // No QR images here: a school may need hundreds, and the browser draws them without holding up the server.
  codes: Type.Array(
    Type.Object({
      id: Type.Integer(),
      role: Role,
      url: Type.String(),
      /** «7KQ4-M9XA»; null only for a code issued before short codes, until the wave's links are synced. */
      shortCode: Nullable(Type.String()),
    }),
  ),
});
