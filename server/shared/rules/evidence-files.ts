/**
 * The files a measure may be evidenced with and how large, for the server's checks and the team's upload form alike:
 * what a school has at hand (a scan, a photo, a report, a table).
 */
export const EVIDENCE_TYPES = {
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'] },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  jpeg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  png: { mediaType: 'image/png', extensions: ['png'] },
} as const;
export type EvidenceKind = keyof typeof EVIDENCE_TYPES;

/** A photo of a page or a scanned report fits; a video does not belong here. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
