import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { audit } from '../audit/log.js';
import { staffPrincipal } from '../auth/hooks.js';
import type { Db } from '../db/connect.js';
import { conflict } from '../shared/errors.js';
import { findOperator, saveOperator, toOperatorDetails } from './operator.repository.js';
import { OperatorBody, OperatorDetails, PublicOperator } from './operator.schemas.js';
import { cleanOperator } from './validate.js';

/**
 * Refuses to let a survey run before its respondents can be told who processes their answers (152-ФЗ art. 18):
 * creating a wave, or dating one so that it still runs, needs the operator's details first.
 */
export async function assertOperatorKnown(db: Db) {
  if (!(await findOperator(db))) {
    throw conflict(
      'operator_details_missing',
      'Fill in the operator of personal data first (PUT /api/admin/operator): respondents must be told who processes their answers before a survey opens',
    );
  }
}

/** The operator of personal data: anyone reads it (the privacy page), an administrator writes it. */
export const operatorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/operator', { schema: { response: { 200: PublicOperator } }, config: { access: 'public' } }, async () => {
    const row = await findOperator(app.db);
    return { operator: row ? toOperatorDetails(row) : null };
  });

  app.put('/api/admin/operator', { schema: { body: OperatorBody, response: { 200: OperatorDetails } }, config: { access: 'admin' } }, async (req) => {
    const details = cleanOperator(req.body);
    return app.db.transaction().execute(async (trx) => {
      const before = await findOperator(trx);
      const row = await saveOperator(trx, details);
      await audit(trx, {
        userId: staffPrincipal(req).id,
        action: 'operator.update',
        entity: 'operator',
        entityId: 1,
        details: { before: before ? toOperatorDetails(before) : null, after: details },
      });
      return toOperatorDetails(row);
    });
  });
};
