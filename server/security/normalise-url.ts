/** `%2573` is `%73` decoded once and `s` decoded twice; deeper nesting is given up on rather than looped over. */
const MAX_DECODING_ROUNDS = 4;

function decodeOnce(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A malformed sequence elsewhere must not keep the well-formed ones (`%6c`) from being read.
    return text.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

/** The text with every layer of percent-encoding removed, or null when layers remain after the last round. */
function fullyDecoded(text: string): string | null {
  let current = text;
  for (let round = 0; round < MAX_DECODING_ROUNDS; round++) {
    const next = decodeOnce(current);
    if (next === current) return current;
    current = next;
  }
  return decodeOnce(current) === current ? current : null;
}

export interface NormalisedUrl {
  /** The path's segments as a browser or a reader would take them: decoded, `\` read as `/`, no empty segments, `.` and `..` applied. Null when undecodable. */
  segments: string[] | null;
  /** The decoded query, without its `?`; null when there is none or it is undecodable. */
  query: string | null;
}

/**
 * What a request URL says once every spelling trick is undone: `//s/x`, `/api/%6cinks/x`, `/a/../s/x` and
 * `http://host/s/x` all name `/s/x`. Used to decide what a log may show, never to route.
 */
export function normaliseUrl(url: string): NormalisedUrl {
  const withoutOrigin = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  const mark = withoutOrigin.indexOf('?');
  const path = fullyDecoded(mark < 0 ? withoutOrigin : withoutOrigin.slice(0, mark));
  const query = mark < 0 ? null : fullyDecoded(withoutOrigin.slice(mark + 1));
  if (path === null) return { segments: null, query };
  const segments: string[] = [];
  for (const segment of path.split(/[/\\]/)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return { segments, query };
}
