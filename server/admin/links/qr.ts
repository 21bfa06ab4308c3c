import QRCode from 'qrcode';

/** The address printed and encoded for a link: short enough to type from paper if a camera fails. */
export function shortUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/s/${token}`;
}

/** An SVG data URL: vector, so the code prints sharp at any size; level M survives a crumpled sheet. */
export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
