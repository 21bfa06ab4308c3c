import { type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { audit } from '../audit/log.js';
import { actorOf } from '../auth/hooks.js';
import { waveStatus } from '../db/wave-status.js';
import { findWave, lockWave } from '../admin/waves/waves.repository.js';
import { badRequest, conflict, notFound } from '../shared/errors.js';
import { IdParams } from '../shared/vocabulary.js';
import { applyRetention, type RetentionSteps } from './apply.js';
import { deleteWave } from './delete-wave.js';
import { assertWithinBounds, readRetention, RETENTION_BOUNDS, writeRetention } from './settings.js';
import { DeletedWave, DeleteWaveBody, RetentionBody, RetentionRunView, RetentionView } from './retention.schemas.js';

/** docs/methodology.md «Сроки хранения»: the audit log is kept at least this long; nothing in the application deletes it. */
const AUDIT_MONTHS = 12;

/** The administrator's retention page: the periods, the waves' dates, a run of the job now, and a wave's deletion. */
export const retentionRoutes: FastifyPluginAsyncTypebox<{ steps?: RetentionSteps }> = async (app, options) => {
  app.get('/api/admin/retention', { schema: { response: { 200: RetentionView } }, config: { access: 'admin' } }, async () => {
    const settings = await readRetention(app.db);
    const lastRun = await app.db.selectFrom('audit_log').select('at').where('action', '=', 'retention.apply').orderBy('id', 'desc').limit(1).executeTakeFirst();
    const waves = await app.db
      .selectFrom('waves')
      .innerJoin('regions', 'regions.id', 'waves.region_id')
      .select([
        'waves.id',
        'waves.title',
        'regions.name as region_name',
        'regions.time_zone',
        'waves.closes_at',
        'waves.answers_purged_at',
        waveStatus.as('status'),
      ])
      .select(sql<Date>`waves.closes_at + make_interval(months => ${settings.answers_months})`.as('due_at'))
      .orderBy('waves.closes_at', 'desc')
      .orderBy('waves.id', 'desc')
      .execute();
    return {
      answersMonths: settings.answers_months,
      accountsDays: settings.accounts_days,
      bounds: RETENTION_BOUNDS,
      auditMonths: AUDIT_MONTHS,
      updatedAt: settings.updated_at.toISOString(),
      lastRunAt: lastRun?.at.toISOString() ?? null,
      waves: waves.map((w) => ({
        id: w.id,
        title: w.title,
        regionName: w.region_name,
        closesAt: w.closes_at.toISOString(),
        timeZone: w.time_zone,
        status: w.status,
        answersDueAt: w.status === 'closed' ? new Date(w.due_at).toISOString() : null,
        answersPurgedAt: w.answers_purged_at?.toISOString() ?? null,
      })),
    };
  });

  app.put('/api/admin/retention', { schema: { body: RetentionBody, response: { 200: RetentionBody } }, config: { access: 'admin' } }, async (req) => {
    assertWithinBounds(req.body);
    await app.db.transaction().execute(async (trx) => {
      const before = await readRetention(trx);
      await writeRetention(trx, req.body, actorOf(req).userId);
      await audit(trx, {
        ...actorOf(req),
        action: 'retention.settings',
        entity: 'retention',
        details: { before: { answersMonths: before.answers_months, accountsDays: before.accounts_days }, after: req.body },
      });
    });
    return { answersMonths: req.body.answersMonths, accountsDays: req.body.accountsDays };
  });

  // The daily job, now: after shortening a period, or to see what it would do today. Busy on another instance: 409.
  app.post('/api/admin/retention/apply', { schema: { response: { 200: RetentionRunView } }, config: { access: 'admin' } }, async () => {
    const run = await applyRetention(app.db, app.dbKind, options.steps);
    if (!run) throw conflict('retention_running', 'The retention job is running on another instance; try again in a minute');
    return run;
  });

  app.delete(
    '/api/admin/waves/:id',
    { schema: { params: IdParams, body: DeleteWaveBody, response: { 200: DeletedWave } }, config: { access: 'admin' } },
    async (req) => {
      const waveId = req.params.id;
      return app.db.transaction().execute(async (trx) => {
        if (!(await lockWave(trx, waveId))) throw notFound('wave_not_found', `No wave ${waveId}`);
        const wave = (await findWave(trx, waveId))!;
        if (wave.status === 'open') throw conflict('wave_open', 'An open wave cannot be deleted; close it first');
        if (req.body.confirmTitle.trim() !== wave.title) {
          throw badRequest('wave_title_mismatch', 'Type the wave’s title exactly to confirm its deletion');
        }
        const deleted = await deleteWave(trx, waveId);
        await audit(trx, {
          ...actorOf(req),
          action: 'wave.delete',
          entity: 'wave',
          entityId: waveId,
          details: { title: wave.title, regionId: wave.region_id, ...deleted },
        });
        return { id: waveId, ...deleted };
      });
    },
  );
};
