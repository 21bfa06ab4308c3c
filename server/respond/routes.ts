import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { findOperator } from '../operator/operator.repository.js';
import { ApiError, badRequest, conflict, notFound } from '../shared/errors.js';
import { waveQuestionnaires } from '../surveys/pinned-questionnaires.js';
import { translationReviews } from '../surveys/translation-reviews.js';
import { shippedTranslations, translationsOf } from '../surveys/translations.js';
import { AnswerIntegrity } from './answer-integrity.js';
import { contentRefusal } from './content-rules.js';
import { LinkFactsCache } from './link-facts-cache.js';
import { findLinkByToken, isCodeUsed } from './links.repository.js';
import { QuestionnaireLink, StoredResponse, Submission, TokenParams } from './respond.schemas.js';
import { ResponseBatcher } from './response-batcher.js';
import { markAsBurst } from './responses.repository.js';
import { StartTickets, startTicketKey } from './start-ticket.js';
import { validateAnswers } from './validate-answers.js';
import { firstPageHtml, respondentPageWithFirstPage } from './first-page/first-page-html.js';

/** A submission is a few KB; anything near this is not a questionnaire answer. */
export const RESPONSE_BODY_LIMIT = 64 * 1024;

/**
 * Submissions per link and minute. A whole school may answer from one address, so the limit is per link,
 * not per address, and generous: a class finishing together stays far below it; a script flooding one
 * link does not.
 */
export const SUBMISSION_RATE_LIMIT = { max: 120, timeWindow: '1 minute' };

const linkNotFound = () => notFound('link_not_found', 'No questionnaire link has this address; check the link or ask the school for a new one');

async function linkOrFail(db: Parameters<typeof findLinkByToken>[0], token: string) {
  const link = await findLinkByToken(db, token);
  if (!link) throw linkNotFound();
  if (link.revoked_at) throw new ApiError(410, 'link_revoked', 'This link was replaced by a new one; ask the school for the current link');
  return link;
}

const codeUsed = () => conflict('code_used', 'This single-use code has already been answered; each respondent needs a code of their own');

const waveClosed = () => conflict('wave_closed', 'The survey wave is not open now; answers are accepted only while it runs');

/** How /metrics names a submission's outcome: the code the phone was answered with. */
function submissionOutcome(status: number, errorCode: string | null): string {
  return status === 201 ? 'accepted' : (errorCode ?? String(status));
}

export interface RespondRoutesOptions {
  /** The built respondent page (respond.html), when the server serves the client; null while it is not built. */
  page?: { template(): Promise<string> };
}

/** Public routes of the respondent: no account, the link's token is the only credential. */
export const respondRoutes: FastifyPluginAsyncTypebox<RespondRoutesOptions> = async (app, { page }) => {
  const known = new LinkFactsCache();
  const responses = new ResponseBatcher(app.db);
  app.metrics.watchSubmissionQueue(() => responses.queueDepth);
  const integrity = new AnswerIntegrity(() => startTicketKey(app.db).then((key) => new StartTickets(key)));

  /** What the page needs to show the questionnaire of a link: the API's answer, also written into the page itself. */
  async function linkFacts(token: string): Promise<QuestionnaireLink> {
    const link = await linkOrFail(app.db, token);
    known.remember(token, link);
    // Said before the questionnaire is shown, not after it was filled in for nothing on a second phone. Asked here
    // only, and only of codes: a submission learns it from its insert, at no extra cost.
    if (link.kind === 'code' && (await isCodeUsed(app.db, link.id))) throw codeUsed();
    // The questionnaire the wave pinned, whatever surveys/ holds today (docs/methodology.md §1).
    const questionnaire = (await waveQuestionnaires(app.db, link))[link.role];
    const { counting } = questionnaire;
    const translations = translationsOf(await shippedTranslations(), link.role, questionnaire.json);
    // Two independent reads of a page every respondent opens: one round trip, not two.
    const [operator, reviews] = await Promise.all([
      findOperator(app.db),
      translationReviews(
        app.db,
        translations.map((t) => t.id),
      ),
    ]);
    return {
      role: link.role,
      kind: link.kind,
      school: { name: link.school_name },
      wave: {
        title: link.wave_title,
        opensAt: link.opens_at.toISOString(),
        closesAt: link.closes_at.toISOString(),
        timeZone: link.time_zone,
        open: link.wave_open,
      },
      survey: questionnaire.json,
      translations: translations.map((t) => ({ language: t.language, name: t.name, verified: reviews.has(t.id), ui: t.ui, strings: t.strings })),
      counting: { questions: [...counting.questions], minAnswered: counting.minAnswered },
      ticket: await integrity.issueTicket(link.id),
      operator: operator ? { name: operator.name } : null,
    };
  }

  app.get('/api/links/:token', { schema: { params: TokenParams, response: { 200: QuestionnaireLink } }, config: { access: 'public' } }, (req) =>
    linkFacts(req.params.token),
  );

  if (page) {
    /**
     * The questionnaire's page with its first questions and its facts in it, so a phone on a slow network sees the
     * first question as soon as the HTML is in, not after the scripts and a second round trip. Any link the page
     * would only show a message for (unknown, replaced, used code, closed wave) gets the plain page, which says so.
     */
    app.get('/s/:token', { schema: { hide: true, params: TokenParams }, config: { access: 'public' } }, async (req, reply) => {
      const template = await page.template();
      reply.header('content-type', 'text/html; charset=utf-8');
      let facts: QuestionnaireLink | null = null;
      try {
        facts = await linkFacts(req.params.token);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
      }
      if (!facts?.wave.open) {
        reply.header('cache-control', 'no-cache');
        return template;
      }
      // The page carries a start ticket issued now: a cached copy would carry a stale one.
      reply.header('cache-control', 'no-store');
      return respondentPageWithFirstPage(template, facts, firstPageHtml(facts.survey, facts.school.name));
    });
  }

  app.post(
    '/api/links/:token/responses',
    {
      schema: { params: TokenParams, body: Submission, response: { 201: StoredResponse } },
      bodyLimit: RESPONSE_BODY_LIMIT,
      config: { access: 'public', rateLimit: { ...SUBMISSION_RATE_LIMIT, keyGenerator: (req) => `link|${(req.params as { token: string }).token}` } },
      // Counted when answered, so that every refusal counts, the rate limit's and the body parser's included.
      onResponse: async (req, reply) => app.metrics.countAnswer(submissionOutcome(reply.statusCode, req.errorCode)),
    },
    async (req, reply) => {
      const { token } = req.params;
      // Whether the link is live and its wave open is checked by the insert; a retry of a stored answer is
      // confirmed even after the link closed, so a phone whose first attempt got through learns it did.
      let link = known.get(token);
      if (!link) {
        const found = await findLinkByToken(app.db, token);
        if (!found) throw linkNotFound();
        known.remember(token, found);
        link = found;
      }
      const questionnaire = (await waveQuestionnaires(app.db, link))[link.role];
      const problems = validateAnswers(questionnaire, req.body.answers);
      if (problems.length > 0) {
        throw badRequest('invalid_answers', problems.map((p) => p.message).join('; '), problems);
      }
      const refusal = contentRefusal(questionnaire, req.body.answers);
      if (refusal) throw refusal;
      const verdict = await integrity.check({
        linkId: link.id,
        target: `${link.wave_id}:${link.school_id}:${link.role}`,
        expected: link.expected,
        questionnaire,
        answers: req.body.answers,
        clientKey: req.body.clientKey,
        ticket: req.body.ticket,
        deviceId: req.body.deviceId,
        address: req.ip,
      });
      let result;
      try {
        result = await responses.store(link, {
          clientKey: req.body.clientKey,
          answers: req.body.answers,
          durationSeconds: verdict.durationSeconds,
          marks: verdict.marks,
          counted: verdict.counted,
        });
      } finally {
        // Acknowledged only once the burst it revealed is marked, so what the school sees next already says so.
        await markAsBurst(app.db, verdict.settle(result?.status === 'stored' ? result.id : null));
      }
      switch (result.status) {
        case 'key-taken':
          throw conflict('client_key_taken', 'This clientKey was already used for another link; generate a new one');
        case 'code-used':
          throw codeUsed();
        case 'link-closed':
          await linkOrFail(app.db, token);
          throw waveClosed();
        default:
          return reply.code(201).send({ id: result.id });
      }
    },
  );
};
