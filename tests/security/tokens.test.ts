import { describe, expect, it } from 'vitest';
import { newLinkToken } from '../../server/shared/tokens.js';
import { newSecret } from '../../server/shared/hash.js';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Bits of a secret drawn uniformly from a 64-letter alphabet. */
const bitsOf = (token: string) => token.length * 6;

describe('secrets are unguessable', () => {
  it('makes respondent link tokens of at least 128 random bits over the whole URL-safe alphabet', () => {
    const tokens = Array.from({ length: 20_000 }, newLinkToken);
    for (const token of tokens) {
      expect(token).toMatch(BASE64URL);
      expect(bitsOf(token)).toBeGreaterThanOrEqual(128);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
    // Every letter shows up, each near 1/64 of the time: no letter is fixed, so all bits are random.
    const counts = new Map<string, number>();
    for (const char of tokens.join('')) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(64);
    const expected = (tokens.length * tokens[0].length) / 64;
    for (const [char, n] of counts) expect(Math.abs(n - expected) / expected, char).toBeLessThan(0.1);
    // Every position varies too (a fixed prefix would cut the entropy).
    for (let i = 0; i < tokens[0].length; i++) expect(new Set(tokens.map((t) => t[i])).size).toBeGreaterThan(60);
  });

  it('makes session, CSRF and invitation secrets of at least 128 bits', () => {
    for (const bytes of [32, 24, 18]) {
      const secret = newSecret(bytes);
      expect(secret).toMatch(BASE64URL);
      expect(bitsOf(secret)).toBeGreaterThanOrEqual(128);
    }
    expect(bitsOf(newSecret())).toBeGreaterThanOrEqual(256);
  });
});
