import type { FastifyReply } from 'fastify';

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

export type ExportFormat = keyof typeof CONTENT_TYPES;

/**
 * The successful answer of a download route as OpenAPI describes it: a file of the format's media type. The body is
 * a Buffer, which Fastify sends as it is, so the schema documents and never serializes.
 */
export function attachmentResponse(format: ExportFormat) {
  const mediaType = CONTENT_TYPES[format].split(';')[0]!;
  return { 200: { description: `A ${format.toUpperCase()} file to save`, content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } } } };
}

export interface Attachment {
  format: ExportFormat;
  /** The name a browser saves the file under. */
  filename: string;
  /** For a name that is not ASCII: the name for clients that do not read RFC 5987's `filename*`. */
  asciiFilename?: string;
  body: Buffer;
}

/**
 * RFC 6266 with RFC 5987's UTF-8 name, so the name arrives intact whatever the browser. A Russian name leads with its
 * UTF-8 form, which clients that read only the first parameter then take; an ASCII name is the same in both forms.
 */
export function contentDisposition({ filename, asciiFilename }: Pick<Attachment, 'filename' | 'asciiFilename'>): string {
  const utf8 = `filename*=UTF-8''${encodeURIComponent(filename)}`;
  return asciiFilename === undefined ? `attachment; filename="${filename}"; ${utf8}` : `attachment; ${utf8}; filename="${asciiFilename}"`;
}

/** Sends a file to download: its type, the name to save it under, and never from a cache (figures change by the minute). */
export function sendAttachment(reply: FastifyReply, file: Attachment) {
  return reply
    .header('content-type', CONTENT_TYPES[file.format])
    .header('content-disposition', contentDisposition(file))
    .header('cache-control', 'no-store')
    .send(file.body);
}
