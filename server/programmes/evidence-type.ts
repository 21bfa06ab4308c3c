import { EVIDENCE_TYPES, type EvidenceKind } from '../shared/rules/evidence-files.js';

export { EVIDENCE_TYPES, MAX_EVIDENCE_BYTES, type EvidenceKind } from '../shared/rules/evidence-files.js';

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/**
 * What the bytes are, whatever the name or the header says: a script named photo.png is not a PNG. Office files are
 * ZIP archives; the part every Word or Excel file has tells them apart (its name is stored in plain bytes).
 */
export function sniffEvidence(bytes: Uint8Array): EvidenceKind | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, ZIP)) {
    const names = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    if (!names.includes('[Content_Types].xml')) return null;
    if (names.includes('word/document.xml')) return 'docx';
    if (names.includes('xl/workbook.xml')) return 'xlsx';
  }
  return null;
}

/** The kind a file name claims by its extension. */
export function kindOfName(filename: string): EvidenceKind | null {
  const extension = filename.toLowerCase().split('.').pop() ?? '';
  const found = Object.entries(EVIDENCE_TYPES).find(([, type]) => (type.extensions as readonly string[]).includes(extension));
  return found ? (found[0] as EvidenceKind) : null;
}

/**
 * A name safe to store and to send back: no folders, no control characters, no quotes that would break a header,
 * at most 200 characters with the extension kept.
 */
export function cleanFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((char) => char.charCodeAt(0) >= 0x20 && char.charCodeAt(0) !== 0x7f && !'"<>|*?:'.includes(char))
    .join('')
    .trim();
  if (cleaned.length <= 200) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, 200 - extension.length) + extension;
}
