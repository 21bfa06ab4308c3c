import { Type, type Static } from '@fastify/type-provider-typebox';
import { Instant, Nullable, Role } from '../../shared/vocabulary.js';

/** A shipped translation is named by the hash of its content (server/surveys/translations.ts). */
export const TranslationParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{64}$' }) });

/** A translation as the administrator reviews it: unconfirmed until someone who reads the language says it is right. */
export const TranslationView = Type.Object({
  id: Type.String(),
  role: Role,
  language: Type.String(),
  name: Type.String(),
  /** The questionnaire's Russian strings and the translation beside each, in the order the respondent meets them. */
  strings: Type.Array(Type.Object({ key: Type.String(), russian: Type.String(), translated: Type.String() })),
  /** SurveyJS's own words in the language, by SurveyJS's keys (server/shared/rules/survey-translations.ts). */
  ui: Type.Record(Type.String(), Type.String()),
  confirmedAt: Nullable(Instant),
  confirmedBy: Nullable(Type.String()),
});
export type TranslationView = Static<typeof TranslationView>;
