import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiError, badRequest, conflict, notFound } from '../shared/errors.js';
import type { Questionnaires } from '../surveys/questionnaires.js';
import { findLinkByToken } from './links.repository.js';
import { storeResponse } from './responses.repository.js';
import { validateAnswers } from './validate-answers.js';

export interface RespondRoutesOptions {
  questionnaires: Questionnaires;
}

/** A submission is a few KB; anything near this is not a questionnaire answer. */
export const RESPONSE_BODY_LIMIT = 64 * 1024;

const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 64 }) });

const SubmitBody = Type.Object(
  {
    answers: Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), { maxProperties: 300 }),
    clientKey: Type.String({ format: 'uuid' }),
    durationSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 7 * 24 * 3600 })),
  },
  { additionalProperties: false },
);

async function linkOrFail(db: Parameters<typeof findLinkByToken>[0], token: string) {
  const link = await findLinkByToken(db, token);
  if (!link) throw notFound('link_not_found', 'No questionnaire link has this address; check the link or ask the school for a new one');
  if (link.revoked_at) throw new ApiError(410, 'link_revoked', 'This link was replaced by a new one; ask the school for the current link');
  return link;
}

/** Public routes of the respondent: no account, the link's token is the only credential. */
export const respondRoutes: FastifyPluginAsyncTypebox<RespondRoutesOptions> = async (app, { questionnaires }) => {
  app.get('/api/links/:token', { schema: { params: TokenParams }, config: { access: 'public' } }, async (req) => {
    const link = await linkOrFail(app.db, req.params.token);
    return {
      role: link.role,
      kind: link.kind,
      school: { name: link.school_name },
      wave: { title: link.wave_title, opensAt: link.opens_at, closesAt: link.closes_at, open: link.wave_open },
      survey: questionnaires[link.role].json,
    };
  });

  app.post(
    '/api/links/:token/responses',
    { schema: { params: TokenParams, body: SubmitBody }, bodyLimit: RESPONSE_BODY_LIMIT, config: { access: 'public' } },
    async (req, reply) => {
      const link = await linkOrFail(app.db, req.params.token);
      if (!link.wave_open) throw conflict('wave_closed', 'The survey wave is not open now; answers are accepted only while it runs');
      const problems = validateAnswers(questionnaires[link.role], req.body.answers);
      if (problems.length > 0) {
        throw badRequest('invalid_answers', problems.map((p) => p.message).join('; '), problems);
      }
      const result = await storeResponse(app.db, link, {
        clientKey: req.body.clientKey,
        answers: req.body.answers,
        durationSeconds: req.body.durationSeconds ?? null,
      });
      switch (result.status) {
        case 'key-taken':
          throw conflict('client_key_taken', 'This clientKey was already used for another link; generate a new one');
        case 'code-used':
          throw conflict('code_used', 'This single-use code has already been answered');
        default:
          return reply.code(201).send({ id: result.id });
      }
    },
  );
};
