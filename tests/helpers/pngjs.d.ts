// pngjs comes with qrcode and has no types of its own: only what tests read of a decoded PNG is declared.
declare module 'pngjs' {
  export const PNG: { sync: { read(data: Buffer): { width: number; height: number; data: Buffer } } };
}
