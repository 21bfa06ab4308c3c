import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../../client/src/shared/api';
import { worthRetrying } from '../../client/src/shared/errors';

describe('worthRetrying: «Повторить» only where another try may help', () => {
  it('offers it for a lost connection, a server fault, a timeout and a refused rate', () => {
    for (const status of [0, 500, 502, 503, 408, 429]) expect(worthRetrying(new ApiFailure(status, 'x', 'x'))).toBe(true);
    expect(worthRetrying(new TypeError('Failed to fetch'))).toBe(true);
  });

  it('never for an answer that would be the same again: no session, no access, no such thing, bad input', () => {
    for (const status of [400, 401, 403, 404, 409, 410, 413, 422]) expect(worthRetrying(new ApiFailure(status, 'x', 'x'))).toBe(false);
  });
});
