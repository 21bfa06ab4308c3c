import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { audit } from '../../audit/log.js';
import { staffPrincipal } from '../../auth/hooks.js';
import type { Db } from '../../db/connect.js';
import { conflict, notFound } from '../../shared/errors.js';
import { translatableStrings } from '../../shared/rules/survey-translations.js';
import { readQuestionnaireSet } from '../../surveys/questionnaire-set.js';
import { SURVEYS_DIR } from '../../surveys/questionnaires.js';
import { translationReviews } from '../../surveys/translation-reviews.js';
import { shippedTranslations, type ShippedTranslation } from '../../surveys/translations.js';
import { TranslationParams, TranslationView } from './translations.schemas.js';

async function viewsOf(db: Db, translations: readonly ShippedTranslation[]): Promise<TranslationView[]> {
  const [{ surveys }, reviews] = await Promise.all([
    readQuestionnaireSet(SURVEYS_DIR),
    translationReviews(
      db,
      translations.map((t) => t.id),
    ),
  ]);
  return translations.map((t) => {
    const review = reviews.get(t.id);
    return {
      id: t.id,
      role: t.role,
      language: t.language,
      name: t.name,
      ui: t.ui,
      strings: [...translatableStrings(surveys[t.role])].map(([key, russian]) => ({ key, russian, translated: t.strings[key] ?? '' })),
      confirmedAt: review?.confirmed_at.toISOString() ?? null,
      confirmedBy: review?.confirmed_by ?? null,
    };
  });
}

/**
 * Shipped translations and their review: each is shown to respondents marked «перевод не проверен» until an
 * administrator confirms exactly its words.
 */
export const translationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/admin/translations', { schema: { response: { 200: Type.Array(TranslationView) } }, config: { access: 'admin' } }, async () =>
    viewsOf(app.db, await shippedTranslations()),
  );

  app.post(
    '/api/admin/translations/:id/confirm',
    { schema: { params: TranslationParams, response: { 200: TranslationView } }, config: { access: 'admin' } },
    async (req) => {
      const translation = (await shippedTranslations()).find((t) => t.id === req.params.id);
      if (!translation) throw notFound('translation_not_found', `No shipped translation ${req.params.id}; it may have changed since the list was loaded`);
      const userId = staffPrincipal(req).id;
      await app.db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('translation_reviews')
          .values({ translation_id: translation.id, role: translation.role, language: translation.language, confirmed_by: userId })
          .onConflict((oc) => oc.column('translation_id').doNothing())
          .returning('translation_id')
          .executeTakeFirst();
        if (!inserted) throw conflict('translation_already_confirmed', `Translation ${translation.role}.${translation.language} was confirmed already`);
        await audit(trx, {
          userId,
          action: 'translation.confirm',
          entity: 'translation',
          entityId: translation.id,
          details: { role: translation.role, language: translation.language },
        });
      });
      return (await viewsOf(app.db, [translation]))[0];
    },
  );
};
