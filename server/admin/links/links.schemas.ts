import { Type, type TSchema } from '@fastify/type-provider-typebox';
import { ROLES, type Role } from '../../shared/roles.js';

export const RoleSchema = Type.Union([Type.Literal('principal'), Type.Literal('teacher'), Type.Literal('student'), Type.Literal('parent')]);
export const AccessModeSchema = Type.Union([Type.Literal('open'), Type.Literal('codes')]);

/** An object with one property per respondent role. */
function perRole<T extends TSchema>(schema: T) {
  return Type.Object(Object.fromEntries(ROLES.map((role) => [role, schema])) as Record<Role, T>);
}

export const AccessModesSchema = perRole(AccessModeSchema);

export const WaveSchoolParams = Type.Object({ id: Type.Integer({ minimum: 1 }), schoolId: Type.Integer({ minimum: 1 }) });
export const LinkParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const AccessBody = Type.Object({ role: RoleSchema, mode: AccessModeSchema }, { additionalProperties: false });

export const ReplacedLink = Type.Object({
  replacedId: Type.Integer(),
  id: Type.Integer(),
  url: Type.String(),
  kind: Type.Union([Type.Literal('open'), Type.Literal('code')]),
  role: RoleSchema,
  schoolId: Type.Integer(),
});

export const ReconciledView = Type.Object({ created: Type.Integer(), restored: Type.Integer(), suspended: Type.Integer() });

export const AccessChanged = Type.Object({ access: AccessModesSchema, ...ReconciledView.properties });

const CodeCount = Type.Object({ issued: Type.Integer(), used: Type.Integer() });
const OpenLink = Type.Object({ id: Type.Integer(), url: Type.String() });

/** One school × role on the wave page: the open link or how many codes went out and came back. */
export const RoleCell = Type.Object({
  mode: AccessModeSchema,
  expected: Type.Integer(),
  link: Type.Union([OpenLink, Type.Null()]),
  codes: CodeCount,
});

export const SchoolRef = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), municipality: Type.String() });

export const WaveLinksView = Type.Object({
  schools: Type.Array(
    Type.Object({ ...SchoolRef.properties, roles: perRole(RoleCell) }),
  ),
});

const WaveRef = Type.Object({ id: Type.Integer(), title: Type.String(), opensAt: Type.String({ format: 'date-time' }), closesAt: Type.String({ format: 'date-time' }) });

export const SheetView = Type.Object({
  school: SchoolRef,
  wave: WaveRef,
  roles: Type.Array(
    Type.Object({
      role: RoleSchema,
      mode: AccessModeSchema,
      expected: Type.Integer(),
      /** Null in code mode: each respondent gets a slip instead. */
      url: Type.Union([Type.String(), Type.Null()]),
      qr: Type.Union([Type.String(), Type.Null()]),
      codes: CodeCount,
    }),
  ),
});

export const CodesQuery = Type.Object({ role: Type.Optional(RoleSchema) }, { additionalProperties: false });

export const CodesView = Type.Object({
  school: SchoolRef,
  wave: WaveRef,
  // No QR images here: a school may need hundreds, and the browser draws them without holding up the server.
  codes: Type.Array(Type.Object({ id: Type.Integer(), role: RoleSchema, url: Type.String() })),
});
