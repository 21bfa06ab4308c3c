import { describe, expect, it } from 'vitest';
import { isValidInn, isValidOgrn } from '../../server/shared/rules/russian-ids.js';

describe('ИНН check digits', () => {
  it('accepts a real organisation’s 10 digits and refuses a changed check digit', () => {
    // 7707083893: 7·2+7·4+0·10+7·3+0·5+8·9+3·4+8·6+9·8 = 267; 267 mod 11 = 3 = the tenth digit.
    expect(isValidInn('7707083893')).toBe(true);
    expect(isValidInn('7707083894')).toBe(false);
  });

  it('checks both digits of a person’s 12', () => {
    // 500100732259: first check 5 (weighted sum 148, 148 mod 11 = 5), second 9 (sum 141, 141 mod 11 = 9).
    expect(isValidInn('500100732259')).toBe(true);
    expect(isValidInn('500100732250')).toBe(false);
    expect(isValidInn('500100732209')).toBe(false);
  });

  it('refuses other lengths and anything but digits', () => {
    for (const value of ['', '770708389', '77070838930', '77070838 3', '７７０７０８３８９３']) expect(isValidInn(value)).toBe(false);
  });
});

describe('ОГРН check digits', () => {
  it('accepts an organisation’s 13 digits: the first 12 mod 11, last digit', () => {
    // 102770013219 mod 11 = 5, the 13th digit.
    expect(isValidOgrn('1027700132195')).toBe(true);
    expect(isValidOgrn('1027700132194')).toBe(false);
  });

  it('accepts a sole trader’s 15 digits: the first 14 mod 13, last digit', () => {
    // 30450011600015 mod 13 = 7 (13 · 2342308584616 = 30450011600008).
    expect(isValidOgrn('304500116000157')).toBe(true);
    expect(isValidOgrn('304500116000158')).toBe(false);
  });

  it('refuses other lengths', () => {
    for (const value of ['', '102770013219', '10277001321950', 'abcdefghijklm']) expect(isValidOgrn(value)).toBe(false);
  });
});
