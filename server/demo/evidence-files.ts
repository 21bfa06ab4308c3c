import { crc32, deflateSync } from 'node:zlib';

/**
 * The demo's evidence: a one-page PDF that looks like a typed document (a heading and lines of text drawn as bars, so
 * it needs no font) and a small PNG that looks like a photo of a classroom board. Both are real files a viewer opens,
 * built here so the repository holds no binaries.
 */
export function demoPdf(): Buffer {
  const lines = Array.from({ length: 24 }, (_, i) => `60 ${700 - i * 22} ${475 - ((i * 53) % 160)} 7 re f`);
  const drawing = ['0.18 0.29 0.48 rg 60 760 300 20 re f', '0.72 g', ...lines, '0.35 g 360 120 175 1.5 re f'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>',
    `<< /Length ${drawing.length} >>\nstream\n${drawing}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const [i, object] of objects.entries()) {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  }
  const xref = body.length;
  // Each cross-reference entry is exactly 20 bytes, its end of line included.
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function chunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

const WALL = [232, 226, 208];
const BOARD = [38, 84, 62];
const FRAME = [120, 86, 52];
const FLOOR = [150, 112, 78];
const CHALK = [236, 240, 236];

/** The colour of a pixel of a 120 × 80 picture: a green board in its frame on a wall, a line of chalk on it, the floor. */
function pixel(x: number, y: number): number[] {
  if (y >= 64) return FLOOR;
  const inFrame = x >= 18 && x < 102 && y >= 10 && y < 52;
  if (!inFrame) return WALL;
  const inBoard = x >= 21 && x < 99 && y >= 13 && y < 49;
  if (!inBoard) return FRAME;
  const chalk = (y === 22 && x >= 28 && x < 78) || (y === 30 && x >= 28 && x < 90) || (y === 38 && x >= 28 && x < 64);
  return chalk ? CHALK : BOARD;
}

export function demoPng(): Buffer {
  const width = 120;
  const height = 80;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  // 8 bits per channel, RGB, the standard compression and filtering, no interlace.
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3);
    for (let x = 0; x < width; x++) rows.set(pixel(x, y), row + 1 + x * 3);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}
