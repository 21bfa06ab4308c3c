import { Type, type Static } from '@fastify/type-provider-typebox';
import { Instant, IntegerIn, LinkKind, Nullable, Role, TimeZone } from '../shared/vocabulary.js';

// Tokens are base64url (shared/tokens.ts); anything else is refused before it reaches a query.
export const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });

/**
 * A translation of the questionnaire (surveys/translations/): its words only, keyed as
 * server/shared/rules/survey-translations.ts says; the values answered are the questionnaire's own.
 */
export const ServedTranslation = Type.Object({
  /** A SurveyJS locale code: `uz`, `tg`, `ky`. */
  language: Type.String(),
  /** The language's name in itself, for the picker. */
  name: Type.String(),
  /** Whether an administrator has confirmed it; until then the page says «перевод не проверен». */
  verified: Type.Boolean(),
  /** SurveyJS's own words (buttons, progress, errors), by SurveyJS's keys. */
  ui: Type.Record(Type.String(), Type.String()),
  strings: Type.Record(Type.String(), Type.String()),
});
export type ServedTranslation = Static<typeof ServedTranslation>;

/** What a respondent's link opens: whom the questionnaire is for, whether it takes answers now, and the questionnaire. */
export const QuestionnaireLink = Type.Object({
  role: Role,
  kind: LinkKind,
  school: Type.Object({ name: Type.String() }),
  wave: Type.Object({ title: Type.String(), opensAt: Instant, closesAt: Instant, timeZone: TimeZone, open: Type.Boolean() }),
  /** The SurveyJS questionnaire of the role, as surveys/*.json has it. */
  survey: Type.Record(Type.String(), Type.Unknown()),
  /** The questionnaire in other languages; the page offers Russian and these. */
  translations: Type.Array(ServedTranslation),
  /** An answer counts only if it answers at least `minAnswered` of `questions` (docs/methodology.md §7). */
  counting: Type.Object({ questions: Type.Array(Type.String()), minAnswered: Type.Integer({ minimum: 1 }) }),
  /** Signed by the server when the questionnaire is opened; the submission brings it back so the server measures the time. */
  ticket: Type.String(),
  /** Who processes the answers, named on the first screen; null only on a server where no one has filled it in yet. */
  operator: Nullable(Type.Object({ name: Type.String() })),
});
export type QuestionnaireLink = Static<typeof QuestionnaireLink>;

export const Submission = Type.Object(
  {
    answers: Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), { maxProperties: 300 }),
    // The format alone would let "urn:uuid:…" through, which PostgreSQL's uuid type does not read.
    clientKey: Type.String({ format: 'uuid', pattern: '^[0-9A-Fa-f-]{36}$' }),
    /** What a page of an earlier version measured with its own clock; accepted from such pages, never used: the ticket measures. */
    durationSeconds: Type.Optional(IntegerIn(0, 7 * 24 * 3600)),
    ticket: Type.Optional(Type.String({ maxLength: 200 })),
    /** A random id the page keeps in the browser, used only to notice one device answering again and again; never stored. */
    deviceId: Type.Optional(Type.String({ format: 'uuid', pattern: '^[0-9A-Fa-f-]{36}$' })),
  },
  { additionalProperties: false },
);
export type Submission = Static<typeof Submission>;

/** The stored response; a retry with the same client key gets the first one's id. */
export const StoredResponse = Type.Object({ id: Type.Integer() });
export type StoredResponse = Static<typeof StoredResponse>;

/** What a person typed from a slip; the server normalises it (case, dashes, spaces). */
export const CodeEntry = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });
export type CodeEntry = Static<typeof CodeEntry>;

/** The link the code stands for: the page goes on to /s/<token>. */
export const CodeEntryLink = Type.Object({ token: Type.String() });
export type CodeEntryLink = Static<typeof CodeEntryLink>;
