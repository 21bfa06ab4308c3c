import { auditExport } from '../audit/reads.js';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { audit } from '../audit/log.js';
import { staffPrincipal } from '../auth/hooks.js';
import { contentDisposition } from '../exports/attachment.js';
import { ApiError, badRequest, notFound } from '../shared/errors.js';
import { sha256Bytes } from '../shared/hash.js';
import { fileBody } from '../shared/openapi-file-body.js';
import { isTeamOf } from './programme-access.js';
import { programmeInScope } from './programme-scope.js';
import { cleanFilename, EVIDENCE_TYPES, kindOfName, MAX_EVIDENCE_BYTES, sniffEvidence } from './evidence-type.js';
import { findMeasure, insertEvidence, readEvidence } from './programmes.repository.js';
import { Evidence, EvidenceParams, MeasureParams } from './programmes.schemas.js';

const EvidenceQuery = Type.Object({ filename: Type.String({ minLength: 1, maxLength: 255 }) });
const ALLOWED = Object.values(EVIDENCE_TYPES)
  .map((type) => type.extensions[0])
  .join(', ');

/**
 * Evidence of a measure done: a scan, a photo, a report. Its type is read from the bytes and must agree with its
 * name; it is only ever sent as a download, with a policy that lets nothing in it run, so a file that is a page or a
 * script in disguise cannot act in the staff's browser.
 */
/** A stored file, always as a download: `nosniff` and a sandbox keep a browser from running anything inside it. */
function sendEvidence(reply: FastifyReply, file: { id: number; filename: string; media_type: string; content: Buffer }) {
  const extension = EVIDENCE_TYPES[kindOfName(file.filename) ?? 'pdf'].extensions[0];
  return reply
    .header('content-type', file.media_type)
    .header('content-disposition', contentDisposition({ filename: file.filename, asciiFilename: `evidence-${file.id}.${extension}` }))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "sandbox; default-src 'none'")
    .header('cache-control', 'private, no-store')
    .send(file.content);
}

export const evidenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_EVIDENCE_BYTES }, (_req, body, done) => done(null, body));

  app.post(
    '/api/programmes/:programmeId/measures/:measureId/evidence',
    {
      schema: { params: MeasureParams, querystring: EvidenceQuery, response: { 201: Evidence } },
      config: { access: 'staff', swaggerTransform: fileBody(Object.values(EVIDENCE_TYPES).map((type) => type.mediaType)) },
    },
    async (req, reply) => {
      const principal = staffPrincipal(req);
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const filename = cleanFilename(req.query.filename);
      const created = await app.db.transaction().execute(async (trx) => {
        const { programme } = await programmeInScope(trx, principal, req.params.programmeId, true);
        if (!isTeamOf(principal, programme.school_id)) throw new ApiError(403, 'not_school_team', "Only the school's own team attaches evidence");
        const measure = await findMeasure(trx, programme.id, req.params.measureId);
        if (!measure) throw notFound('measure_not_found', `No measure ${req.params.measureId} in programme ${programme.id}`);
        if (bytes.length === 0) throw badRequest('evidence_empty', 'The file is empty');
        const claimed = kindOfName(filename);
        if (!claimed) throw new ApiError(415, 'evidence_type', `Attach ${ALLOWED} files only; "${filename}" is none of them`);
        const actual = sniffEvidence(bytes);
        if (actual !== claimed) {
          throw new ApiError(
            415,
            'evidence_content',
            `"${filename}" is not a ${claimed.toUpperCase()} file inside; save it again in that format and attach it`,
          );
        }
        const hash = sha256Bytes(bytes);
        const id = await insertEvidence(trx, {
          measureId: measure.id,
          filename,
          mediaType: EVIDENCE_TYPES[actual].mediaType,
          content: bytes,
          sha256: hash,
          userId: principal.id,
        });
        await audit(trx, {
          userId: principal.id,
          action: 'evidence.upload',
          entity: 'programme',
          entityId: programme.id,
          details: { measureId: measure.id, evidenceId: id, filename, size: bytes.length, sha256: hash },
        });
        return { id, mediaType: EVIDENCE_TYPES[actual].mediaType, uploadedAt: new Date() };
      });
      return reply.code(201).send({
        id: created.id,
        filename,
        mediaType: created.mediaType,
        size: bytes.length,
        uploadedAt: created.uploadedAt.toISOString(),
        uploadedBy: principal.name || principal.email,
      });
    },
  );

  app.get(
    '/api/programmes/:programmeId/measures/:measureId/evidence/:evidenceId',
    {
      schema: {
        params: EvidenceParams,
        response: {
          200: { description: 'The file, as a download', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
        },
      },
      config: { access: 'staff' },
    },
    async (req, reply) => {
      const principal = staffPrincipal(req);
      const { programme } = await programmeInScope(app.db, principal, req.params.programmeId);
      const measure = await findMeasure(app.db, programme.id, req.params.measureId);
      const file = measure && (await readEvidence(app.db, measure.id, req.params.evidenceId));
      if (!file) throw notFound('evidence_not_found', `No file ${req.params.evidenceId} of measure ${req.params.measureId}`);
      await auditExport(app.db, req, {
        kind: 'evidence',
        format: 'file',
        entity: 'programme',
        entityId: programme.id,
        details: { measureId: measure.id, evidenceId: req.params.evidenceId },
      });
      return sendEvidence(reply, file);
    },
  );
};
