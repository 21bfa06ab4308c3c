import { Type, type Static } from '@fastify/type-provider-typebox';
import { Nullable, TimeZone } from '../../shared/vocabulary.js';

/**
 * Why a roster file or one of its rows cannot be imported. `code` is stable (the UI words it in Russian);
 * `message` is English for people calling the API from scripts.
 */
export const ROSTER_ISSUE_CODES = [
  'empty_file',
  'no_rows',
  'unreadable_file',
  'unsupported_format',
  'missing_column',
  'duplicate_column',
  'empty_region',
  'region_out_of_scope',
  'empty_municipality',
  'empty_code',
  'empty_name',
  'too_long',
  'count_empty',
  'count_not_number',
  'count_not_integer',
  'count_negative',
  'count_too_large',
  'principal_not_0_1',
  'duplicate_code',
  'unknown_region',
  'code_in_other_region',
] as const;
export type RosterIssueCode = (typeof ROSTER_ISSUE_CODES)[number];

export const RosterIssue = Type.Object({
  /** The line of the file (CSV) or the row number (XLSX), counted from 1; null for the file as a whole. */
  line: Nullable(Type.Integer()),
  /** The column's header as written in the file (the template's header when the column is missing). */
  column: Nullable(Type.String()),
  code: Type.Enum(ROSTER_ISSUE_CODES),
  message: Type.String(),
  /** The offending cell, so the UI can quote it. */
  value: Type.Optional(Type.String()),
  /** duplicate_code: the line the code first appeared on. */
  firstLine: Type.Optional(Type.Integer()),
  /** code_in_other_region: the region the school is registered in. */
  existingRegion: Type.Optional(Type.String()),
});
export type RosterIssue = Static<typeof RosterIssue>;

/** Why a new school of a file may be a school already there: shown in the preview, confirmed before applying. */
export const ROSTER_WARNING_CODES = ['code_leading_zeros', 'name_in_municipality'] as const;

export const RosterWarning = Type.Object({
  line: Type.Integer(),
  code: Type.Enum(ROSTER_WARNING_CODES),
  message: Type.String(),
  /** code_leading_zeros: the new code; name_in_municipality: the new name. */
  value: Type.String(),
  existingCode: Type.String(),
  existingName: Type.String(),
});
export type RosterWarning = Static<typeof RosterWarning>;

export const RosterSummary = Type.Object({
  /** Regions the file's schools belong to (they must exist already). */
  regions: Type.Integer(),
  municipalitiesNew: Type.Integer(),
  schoolsNew: Type.Integer(),
  schoolsUpdated: Type.Integer(),
  schoolsUnchanged: Type.Integer(),
});
export type RosterSummary = Static<typeof RosterSummary>;

const Count = Nullable(Type.Integer());

export const RosterSampleRow = Type.Object({
  line: Type.Integer(),
  region: Type.String(),
  municipality: Type.String(),
  code: Type.String(),
  name: Type.String(),
  principal: Count,
  teachers: Count,
  students: Count,
  parents: Count,
  status: Type.Enum(['new', 'updated', 'unchanged', 'error']),
  /** updated: which of region…parents change. */
  changes: Type.Array(Type.String()),
});
export type RosterSampleRow = Static<typeof RosterSampleRow>;

export const RosterPreview = Type.Object({
  /** Data rows in the file (blank rows are not counted). */
  rows: Type.Integer(),
  /** The first issues, in file order; `errorCount` says how many there are in all. */
  errors: Type.Array(RosterIssue),
  errorCount: Type.Integer(),
  /** The first new schools that look like existing ones; applying needs `confirmLookAlikes` while there are any. */
  warnings: Type.Array(RosterWarning),
  warningCount: Type.Integer(),
  summary: RosterSummary,
  sample: Type.Array(RosterSampleRow),
  /** Headers the import did not recognise and ignores. */
  ignoredColumns: Type.Array(Type.String()),
  format: Nullable(Type.Enum(['csv', 'xlsx'])),
});
export type RosterPreview = Static<typeof RosterPreview>;

export const RosterApplied = Type.Object({ rows: Type.Integer(), summary: RosterSummary });
export type RosterApplied = Static<typeof RosterApplied>;

export const RosterQuery = Type.Object(
  { filename: Type.Optional(Type.String({ maxLength: 255, description: 'The uploaded file name, kept in the audit log' })) },
  { additionalProperties: false },
);

export const RosterApplyQuery = Type.Object(
  {
    ...RosterQuery.properties,
    confirmLookAlikes: Type.Optional(
      Type.Boolean({ description: 'The administrator checked the warnings of the preview: the new schools that look like existing ones are new' }),
    ),
  },
  { additionalProperties: false },
);

export const RegionSummary = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  timeZone: TimeZone,
  municipalities: Type.Integer(),
  schools: Type.Integer(),
});
export type RegionSummary = Static<typeof RegionSummary>;

export const RegionList = Type.Object({ regions: Type.Array(RegionSummary) });
export type RegionList = Static<typeof RegionList>;

export const CreatedRegion = Type.Object({ id: Type.Integer(), name: Type.String(), timeZone: TimeZone });
export type CreatedRegion = Static<typeof CreatedRegion>;

/** A region's time zone is Moscow's unless given: most regions of the programme keep Moscow time. */
export const NewRegionBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), timeZone: Type.Optional(TimeZone) },
  { additionalProperties: false },
);
export const RegionPatch = Type.Object({ timeZone: TimeZone }, { additionalProperties: false });
