import fc from 'fast-check';

/** One request as `app.inject` takes it: the body is raw text or bytes, so malformed JSON reaches the server as sent. */
export interface HostileRequest {
  url: string;
  contentType?: string;
  body: string | Buffer;
  /** What the request tries, for a failure message. */
  kind: string;
}

export const SQL_STRINGS = [
  "' or 1=1 --",
  "'; drop table responses; --",
  '"; delete from users; --',
  '1; update links set revoked_at = null --',
  "' union select password_hash from users --",
  '$$; select pg_sleep(10); $$',
  '\\x00\\x27',
  "') on conflict do nothing; insert into responses values (default) --",
];

export const NASTY_STRINGS = [
  ...SQL_STRINGS,
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '\u0000',
  '\u0000\u0001\u0002\u001b[31m',
  '\r\n\r\nHTTP/1.1 200 OK',
  '\ud800',
  '\u202e\u2066',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://evil.example","x")',
  '${7*7}{{7*7}}',
  '𝕏'.repeat(50),
  'NaN',
  'Infinity',
  '-0',
  '1e309',
];

/** Strings that every kind of parser and check has tripped over somewhere. */
export const nastyString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 20 }),
);

/** JSON nested `depth` levels deep, built as text so no serializer in the test shortcuts it. */
export const deepJson = (depth: number, open = '[', close = ']') => `${open.repeat(depth)}1${close.repeat(depth)}`;

export const deepObjectJson = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

export const WRONG_CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/json-patch+json',
  'application/octet-stream',
  'application/jsonp',
  'image/png',
  '',
];
