import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { staffPrincipal } from '../auth/hooks.js';
import { qrDataUrl } from '../links/qr.js';
import { waveQuestionnaires } from '../surveys/pinned-questionnaires.js';
import { loadQuestionnaires, type Questionnaires } from '../surveys/questionnaires.js';
import { waveTerms } from '../shared/vocabulary.js';
import { schoolOfWave } from '../territory/assert.js';
import { previewUrl } from './preview-url.js';
import { ParentNotice, PreviewParams, PreviewQuery, QuestionnairePreview, WaveSchoolParams } from './notices.schemas.js';

export interface NoticeRoutesOptions {
  /** PUBLIC_URL: the preview's address printed on the notice starts with it. */
  publicUrl: string;
}

/**
 * What families are told before the survey (152-ФЗ: informed, voluntary): every role's questionnaire, readable by
 * anyone without an account and without a way to answer, and the school's printable notice that points to it.
 */
export const noticeRoutes: FastifyPluginAsyncTypebox<NoticeRoutesOptions> = async (app, { publicUrl }) => {
  // The questionnaires of surveys/ as new waves get them; read once, as the server's start pins them once.
  let current: Promise<Questionnaires> | undefined;
  const currentQuestionnaires = () => {
    current ??= loadQuestionnaires();
    current.catch(() => (current = undefined));
    return current;
  };

  app.get(
    '/api/questionnaires/:role',
    { schema: { params: PreviewParams, querystring: PreviewQuery, response: { 200: QuestionnairePreview } }, config: { access: 'public' } },
    async (req) => {
      const { role } = req.params;
      const wave =
        req.query.wave === undefined
          ? undefined
          : await app.db.selectFrom('waves').select(['questionnaires_id', 'model_id']).where('id', '=', req.query.wave).executeTakeFirst();
      // An unknown wave, or one older than pinning, shows today's questionnaires: the questions are public either way.
      const set = wave?.questionnaires_id ? await waveQuestionnaires(app.db, wave) : await currentQuestionnaires();
      return { role, survey: set[role].json as unknown as Record<string, unknown> };
    },
  );

  app.get(
    '/api/waves/:waveId/schools/:schoolId/parent-notice',
    { schema: { params: WaveSchoolParams, response: { 200: ParentNotice } }, config: { access: 'staff' } },
    async (req) => {
      const { wave, school } = await schoolOfWave(app.db, staffPrincipal(req), req.params.waveId, req.params.schoolId);
      const url = previewUrl(publicUrl, 'parent', wave.id);
      return {
        school: { id: school.ref.id, name: school.ref.name, municipality: school.ref.municipality.name },
        wave: waveTerms(wave),
        previewUrl: url,
        previewQr: await qrDataUrl(url),
      };
    },
  );
};
