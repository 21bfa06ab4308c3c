import { Type, type Static } from '@fastify/type-provider-typebox';
import { Id, Role, WaveSchoolParams, WaveTerms } from '../shared/vocabulary.js';

export { WaveSchoolParams };

export const PreviewParams = Type.Object({ role: Role });
/** A wave whose pinned questionnaires to show; without it, the questionnaires new waves are created with. */
export const PreviewQuery = Type.Object({ wave: Type.Optional(Id) }, { additionalProperties: false });

export const QuestionnairePreview = Type.Object({
  role: Role,
  /** The SurveyJS questionnaire as respondents get it: shown read-only, never answered here. */
  survey: Type.Record(Type.String(), Type.Unknown()),
});
export type QuestionnairePreview = Static<typeof QuestionnairePreview>;

/** What the printed notice to parents carries besides its fixed text (client/src/school/notice/strings.ts). */
export const ParentNotice = Type.Object({
  school: Type.Object({ id: Id, name: Type.String(), municipality: Type.String() }),
  wave: WaveTerms,
  /** The public read-only page of the parents' questionnaire of this wave, and its QR code (an SVG data URL). */
  previewUrl: Type.String(),
  previewQr: Type.String(),
});
export type ParentNotice = Static<typeof ParentNotice>;
