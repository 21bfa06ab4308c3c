import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Role } from '../shared/roles.js';
import type { AnswerMark, Review } from '../shared/rules/answer-marks.js';
import type {
  AccessMode,
  AccountRole,
  LinkKind,
  MeasureStatus,
  ProgrammeEventAction,
  ProgrammeState,
  TokenPermission,
  VisitKind,
} from '../shared/vocabulary.js';

// The columns hold the API's own enumerations: one definition, in the vocabulary.
export type { AccessMode, AccountRole, LinkKind };

/** The database schema as Kysely sees it; every row type in the server derives from here. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface RegionTable {
  id: Generated<number>;
  name: string;
  created_at: CreatedAt;
  /** Moved by triggers whenever the region's schools or municipalities change (migration 0009); bigint, so a string. */
  roster_version: ColumnType<string, never, never>;
  /** IANA name; a wave's days are days of this zone (migration 0011). */
  time_zone: ColumnType<string, string | undefined, string>;
}

export interface MunicipalityTable {
  id: Generated<number>;
  region_id: number;
  name: string;
  created_at: CreatedAt;
}

export interface SchoolTable {
  id: Generated<number>;
  municipality_id: number;
  code: string;
  name: string;
  expected_principal: number;
  expected_teacher: number;
  expected_student: number;
  expected_parent: number;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface RiskModelTable {
  id: string;
  title: string;
  definition: ColumnType<unknown, string, string>;
  created_at: CreatedAt;
  /** The questionnaires the model was last loaded with: what a new wave of it pins (migration 0014). */
  questionnaires_id: string | null;
}

/** A wave's questionnaires and counting rules, stored whole under the hash of their content (migration 0014). */
export interface QuestionnaireSetTable {
  id: string;
  definition: ColumnType<unknown, string, never>;
  created_at: CreatedAt;
}

export interface WaveTable {
  id: Generated<number>;
  region_id: number;
  title: string;
  opens_at: ColumnType<Date, Date | string, Date | string>;
  closes_at: ColumnType<Date, Date | string, Date | string>;
  target: ColumnType<number, number | undefined, number>;
  model_id: string;
  created_at: CreatedAt;
  /** When the wave's roster was copied to `wave_rosters` (migration 0013); null while it has not opened. */
  roster_frozen_at: ColumnType<Date | null, never, never>;
  /** Moved by a trigger at every correction of the frozen roster (migration 0013). */
  roster_version: ColumnType<number, never, never>;
  /** Moved by every change to the wave's answers other than a new one (migration 0020). */
  figures_version: ColumnType<number, never, never>;
  /**
   * The questionnaires the wave is answered with, set by a trigger from its model when the wave is created or its
   * model changed (migration 0014); null only for a wave older than that until the server's next start.
   */
  questionnaires_id: ColumnType<string | null, never, string>;
  /** When the retention job deleted the wave's raw answers (migration 0028); its figures are read from the kept tables since. */
  answers_purged_at: ColumnType<Date | null, never, Date | string | null>;
}

/**
 * A started wave's expected respondents per school × role, copied from `schools` when it opened (migration 0013)
 * and changed afterwards only by an administrator's correction. Schools without a row are not part of the wave.
 * `refused_*`: respondents who refused the survey, recorded by the school, a coordinator or an administrator
 * (migration 0025); never above the expected count of the role.
 */
export interface WaveRosterTable {
  wave_id: number;
  school_id: number;
  expected_principal: number;
  expected_teacher: number;
  expected_student: number;
  expected_parent: number;
  refused_principal: ColumnType<number, number | undefined, number>;
  refused_teacher: ColumnType<number, number | undefined, number>;
  refused_student: ColumnType<number, number | undefined, number>;
  refused_parent: ColumnType<number, number | undefined, number>;
}

export interface LinkTable {
  id: Generated<number>;
  token: string;
  wave_id: number;
  school_id: number;
  role: Role;
  kind: ColumnType<LinkKind, LinkKind | undefined, LinkKind>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  revoked_reason: ColumnType<LinkRevokedReason | null, LinkRevokedReason | null | undefined, LinkRevokedReason | null>;
  /** Single-use codes only: the 8-character code typed at /c (shared/short-codes.ts). */
  short_code: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

/** 'replaced': revoked for good (a leaked link); 'access_mode': set aside while the role uses the other kind of link. */
export type LinkRevokedReason = 'replaced' | 'access_mode';

/** A role without a row answers by the open link of its school. */
export interface WaveAccessTable {
  wave_id: number;
  role: Role;
  mode: AccessMode;
}

export interface ResponseTable {
  id: Generated<number>;
  wave_id: number;
  school_id: number;
  role: Role;
  /** Null for an answer entered from paper (migration 0021): it reached no link. */
  link_id: number | null;
  client_key: string;
  /** Stored as jsonb; written as a JSON string so pg and PGlite bind it the same way. */
  answers: ColumnType<Record<string, unknown>, string, never>;
  submitted_at: CreatedAt;
  /** Measured by the server from the start ticket; null without a valid ticket. */
  duration_seconds: number | null;
  code_link_id: number | null;
  /** Why the answer looks scripted or careless (migration 0012); empty for almost every answer. */
  marks: ColumnType<AnswerMark[], AnswerMark[] | undefined, AnswerMark[]>;
  review: ColumnType<Review, Review | undefined, Review>;
  /** Written with marks and review (shared/rules/answer-marks.ts `isCounted`); every figure reads only counted answers. */
  counted: ColumnType<boolean, boolean | undefined, boolean>;
  /** 'paper': typed in by `entered_by` from the printed sheet `sheet_id` (migration 0021). */
  source: ColumnType<ResponseSource, ResponseSource | undefined, never>;
  entered_by: ColumnType<number | null, number | null | undefined, never>;
  sheet_id: ColumnType<string | null, string | null | undefined, never>;
}

export type ResponseSource = 'online' | 'paper';

/** A printed questionnaire with its own id, printed as a QR code (migration 0021); entered once as a paper answer. */
export interface PaperSheetTable {
  id: string;
  wave_id: number;
  school_id: number;
  role: Role;
  issued_by: number | null;
  issued_at: CreatedAt;
}

/** Installation-wide keys, created on first use (migration 0012). */
export interface ServerSecretTable {
  name: string;
  value: string;
  created_at: CreatedAt;
}

export interface UserTable {
  id: Generated<number>;
  email: string;
  name: ColumnType<string, string | undefined, string>;
  role: AccountRole;
  region_id: number | null;
  municipality_id: number | null;
  school_id: number | null;
  password_hash: string | null;
  disabled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: CreatedAt;
  last_login_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The login before the last one: what the person is shown after logging in, so a stranger's login stands out. */
  previous_login_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Set when the administrator replaced the account's name and e-mail; its row stays for the audit log. */
  anonymised_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Base32 TOTP secret of the second factor; null while the account logs in with its password alone. */
  totp_secret: ColumnType<string | null, string | null | undefined, string | null>;
  /** A secret being set up, until its owner confirms a code from it. */
  totp_pending_secret: ColumnType<string | null, string | null | undefined, string | null>;
  /** The 30-second step of the last code accepted: a code of that step or an earlier one is never taken again. */
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
}

/** A staff member's consent to the processing of their personal data, one row per version of the text agreed to. */
export interface StaffConsentTable {
  id: Generated<number>;
  user_id: number;
  version: string;
  given_at: CreatedAt;
}

/** A login that passed its password and waits for the second factor's code. */
export interface LoginChallengeTable {
  /** SHA-256 of the token the page holds. */
  id_hash: string;
  user_id: number;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export interface SessionTable {
  /** SHA-256 of the cookie value: a stolen database does not yield usable sessions. */
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export interface InvitationTable {
  token_hash: string;
  user_id: number;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: CreatedAt;
}

/** A regional system's key to the API (migration 0015); the secret itself is never stored. */
export interface ServiceTokenTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  prefix: string;
  region_id: number;
  municipality_id: number | null;
  permissions: TokenPermission[];
  requests_per_minute: number;
  created_by: number | null;
  created_at: CreatedAt;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  revoked_by: number | null;
  last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** An administrator's confirmation of one shipped translation, by the hash of its content (migration 0022). */
export interface TranslationReviewTable {
  translation_id: string;
  role: Role;
  language: string;
  confirmed_by: number | null;
  confirmed_at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  user_id: number | null;
  /** The service token that acted, when no person did. */
  token_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  details: ColumnType<unknown, string | undefined, never>;
}

/**
 * Responses per wave × school × role, kept by triggers on responses (migration 0006). A school × role is
 * spread over shards so concurrent answers do not queue on one row; only the sum over shards means anything.
 */
export interface ParticipationCountTable {
  wave_id: number;
  school_id: number;
  role: Role;
  shard: number;
  /** Counted answers, marked ones accepted or counted by default among them. */
  responses: number;
  /** Counted answers that carry a mark. */
  marked_counted: number;
  /** Marked answers held back until a coordinator decides. */
  held: number;
  excluded: number;
}

/** Up to three risk factors a school team works on after a wave (migration 0007). */
export interface SchoolPriorityTable {
  wave_id: number;
  school_id: number;
  /** 1–3: the order the team listed them in. */
  position: number;
  factor_id: string;
  chosen_by: number | null;
  chosen_at: CreatedAt;
}

/** A curator's schools, assigned by the region (migration 0016). */
export interface CuratorSchoolTable {
  curator_id: number;
  school_id: number;
  assigned_by: number | null;
  assigned_at: CreatedAt;
}

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A calendar day: `pg` would read a date as a local midnight, so the server reads it as text (to_char). */
type Day = ColumnType<Date, string, string>;

export interface ProgrammeTable {
  id: Generated<number>;
  wave_id: number;
  school_id: number;
  factor_id: string;
  state: ProgrammeState;
  goal: Generated<string>;
  tasks: Generated<string[]>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ProgrammeMeasureTable {
  id: Generated<number>;
  programme_id: number;
  position: number;
  action: string;
  deadline: Day;
  responsible: string;
  expected_result: string;
  target_kind: 'factor' | 'indicator' | 'external';
  target_ref: string;
  status: Generated<MeasureStatus>;
  status_comment: Generated<string>;
  status_changed_at: NullableTimestamp;
}

export interface MeasureEvidenceTable {
  id: Generated<number>;
  measure_id: number;
  filename: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_by: number | null;
  uploaded_at: CreatedAt;
}

export interface ProgrammeEventTable {
  id: Generated<number>;
  programme_id: number;
  at: CreatedAt;
  user_id: number | null;
  action: ProgrammeEventAction;
  comment: string | null;
}

export interface ProgrammeRemarkTable {
  id: Generated<number>;
  programme_id: number;
  measure_id: number | null;
  author_id: number | null;
  body: string;
  created_at: CreatedAt;
  answer: string | null;
  answered_by: number | null;
  answered_at: NullableTimestamp;
}

export interface CuratorVisitTable {
  id: Generated<number>;
  school_id: number;
  curator_id: number;
  planned_on: Day;
  made_on: ColumnType<Date | null, string | null | undefined, string | null>;
  kind: VisitKind;
  purpose: string;
  protocol: ColumnType<unknown, string | undefined, string>;
  conclusions: Generated<string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type Settlement = 'urban' | 'rural';
export type AssessmentProcedure = 'vpr' | 'oge' | 'ege';

/** What is known about a school in a calendar year (migration 0017). */
export interface SchoolContextTable {
  school_id: number;
  year: number;
  social_index: number | null;
  settlement: Settlement | null;
  students: number | null;
  imported_by: number | null;
  imported_at: CreatedAt;
}

/** One assessment procedure's result for a school, subject and grade in a calendar year (migration 0017). */
export interface AssessmentResultTable {
  school_id: number;
  year: number;
  procedure: AssessmentProcedure;
  subject: string;
  grade: number;
  participants: number | null;
  mean_score: number | null;
  share_2: number | null;
  share_3: number | null;
  share_4: number | null;
  share_5: number | null;
  imported_by: number | null;
  imported_at: CreatedAt;
}

/** The retention periods an administrator sets (migration 0028): one row. */
export interface RetentionSettingsTable {
  id: ColumnType<boolean, never, never>;
  answers_months: number;
  accounts_days: number;
  updated_by: number | null;
  updated_at: ColumnType<Date, never, Date | string>;
}

/** A purged wave's scorer input per school: `CollectedStats` of the wave's model, as JSON (migration 0028). */
export interface KeptSchoolStatsTable {
  wave_id: number;
  school_id: number;
  stats: ColumnType<unknown, string, never>;
}

/** A purged wave's counts of each answer to the model's questions, per school × role (migration 0028). */
export interface KeptAnswerCountTable {
  wave_id: number;
  school_id: number;
  role: Role;
  question: string;
  answer: ColumnType<unknown, string, never>;
  count: number;
}

/** A purged wave's principal answers to the model's principal questions only, oldest first (migration 0028). */
export interface KeptPrincipalAnswersTable {
  wave_id: number;
  school_id: number;
  position: number;
  answers: ColumnType<Record<string, unknown>, string, never>;
}

/** The operator of personal data (migration 0024): one row, id 1, once an administrator has filled it in. */
export interface OperatorDetailsTable {
  id: ColumnType<number, 1 | undefined, never>;
  name: string;
  address: string;
  email: string;
  phone: string | null;
  inn: string | null;
  ogrn: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface Database {
  regions: RegionTable;
  municipalities: MunicipalityTable;
  schools: SchoolTable;
  risk_models: RiskModelTable;
  questionnaire_sets: QuestionnaireSetTable;
  waves: WaveTable;
  wave_rosters: WaveRosterTable;
  links: LinkTable;
  responses: ResponseTable;
  paper_sheets: PaperSheetTable;
  users: UserTable;
  staff_consents: StaffConsentTable;
  sessions: SessionTable;
  login_challenges: LoginChallengeTable;
  invitations: InvitationTable;
  audit_log: AuditLogTable;
  service_tokens: ServiceTokenTable;
  curator_schools: CuratorSchoolTable;
  programmes: ProgrammeTable;
  programme_measures: ProgrammeMeasureTable;
  measure_evidence: MeasureEvidenceTable;
  programme_events: ProgrammeEventTable;
  programme_remarks: ProgrammeRemarkTable;
  curator_visits: CuratorVisitTable;
  school_context: SchoolContextTable;
  assessment_results: AssessmentResultTable;
  wave_access: WaveAccessTable;
  participation_counts: ParticipationCountTable;
  school_priorities: SchoolPriorityTable;
  server_secrets: ServerSecretTable;
  translation_reviews: TranslationReviewTable;
  retention_settings: RetentionSettingsTable;
  kept_school_stats: KeptSchoolStatsTable;
  kept_answer_counts: KeptAnswerCountTable;
  kept_principal_answers: KeptPrincipalAnswersTable;
  operator_details: OperatorDetailsTable;
}

export type School = Selectable<SchoolTable>;
export type NewSchool = Insertable<SchoolTable>;
export type SchoolUpdate = Updateable<SchoolTable>;
export type Wave = Selectable<WaveTable>;
/** A wave with its region's time zone, the zone its days and times are written in. */
export type WaveInRegion = Wave & { time_zone: string };
export type Link = Selectable<LinkTable>;
export type User = Selectable<UserTable>;
