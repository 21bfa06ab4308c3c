import QRCode from 'qrcode';

/** An SVG data URL: vector, so the code prints sharp at any size; level M survives a crumpled sheet. */
export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** A PNG of 600 px: for messengers and office programs that do not open SVG. */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 600 });
}
