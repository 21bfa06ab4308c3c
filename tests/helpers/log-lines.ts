import { Writable } from 'node:stream';

/** A logger stream that keeps every line written to it, for a test to read what the server logged. */
export function collectLogLines(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}
