import QRCode from 'qrcode';

/** An SVG data URL: vector, so the code prints sharp at any size; level M survives a crumpled sheet. */
export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
