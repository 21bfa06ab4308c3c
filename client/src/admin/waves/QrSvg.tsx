import { memo } from 'react';
import { create } from 'qrcode';

const QUIET_ZONE = 2;

/**
 * A QR code drawn as one inline SVG path. Slips are made in the browser, hundreds at a time: the server's
 * event loop stays free for respondents, and one path per code renders far faster than hundreds of images.
 */
export const QrSvg = memo(function QrSvg({ text, className }: { text: string; className?: string }) {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  let path = '';
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && modules.get(row, col)) col++;
      path += `M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${col - start}v1h${start - col}z`;
    }
  }
  const box = size + 2 * QUIET_ZONE;
  return (
    <svg className={className} viewBox={`0 0 ${box} ${box}`} role="img" aria-label={text} shapeRendering="crispEdges">
      <rect width={box} height={box} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
});
