import { describe, expect, it } from 'vitest';
import { matchesSearch, searchable } from '../../client/src/shared/picker/search-text.js';

describe(matchesSearch.name, () => {
  const school = '500-017 — МБОУ «Берёзовская СОШ № 1» Берёзовский район';

  it('finds a school by part of its name, its code or its municipality, in any case', () => {
    expect(matchesSearch('березовская', school)).toBe(true);
    expect(matchesSearch('БЕРЁЗОВСКАЯ', school)).toBe(true);
    expect(matchesSearch('500-017', school)).toBe(true);
    expect(matchesSearch('  район   сош ', school)).toBe(true);
    expect(matchesSearch('', school)).toBe(true);
  });

  it('needs every typed word somewhere in the text', () => {
    expect(matchesSearch('березовская гимназия', school)).toBe(false);
    expect(matchesSearch('500-018', school)).toBe(false);
    expect(matchesSearch('сосновская', school)).toBe(false);
  });

  it('reads «ё» as «е» both ways and keeps other letters apart', () => {
    expect(searchable('Ёлкин  Еж')).toBe('елкин еж');
    expect(matchesSearch('ёж', 'Школа «Еж»')).toBe(true);
    expect(matchesSearch('и', 'Школа «Й»')).toBe(false);
  });
});
