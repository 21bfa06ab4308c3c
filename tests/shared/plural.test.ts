import { describe, expect, it } from 'vitest';
import { outOf, plural } from '../../client/src/shared/format';
import { wavesStrings } from '../../client/src/admin/waves/strings';
import { regionStrings } from '../../client/src/coordinator/region/strings';
import { methodologyStrings } from '../../client/src/admin/methodology/strings';
import { strings as respondStrings } from '../../client/src/respond/strings';

const NUMBERS = [1, 2, 4, 5, 11, 21, 22, 41, 111];

describe('Russian plurals, one rule for every screen', () => {
  it('plural: one for 1, 21, 41; few for 2, 4, 22; many for 5, 11, 111', () => {
    expect(NUMBERS.map((n) => `${n} ${plural(n, 'код', 'кода', 'кодов')}`)).toEqual([
      '1 код',
      '2 кода',
      '4 кода',
      '5 кодов',
      '11 кодов',
      '21 код',
      '22 кода',
      '41 код',
      '111 кодов',
    ]);
  });

  it('outOf: after «из» the noun agrees with the total, in the genitive', () => {
    expect(NUMBERS.map((n) => outOf(1, n, 'школы', 'школ'))).toEqual([
      '1 из 1 школы',
      '1 из 2 школ',
      '1 из 4 школ',
      '1 из 5 школ',
      '1 из 11 школ',
      '1 из 21 школы',
      '1 из 22 школ',
      '1 из 41 школы',
      '1 из 111 школ',
    ]);
  });

  it('the screens that counted by hand: codes on the wave page, schools on the region page and the workbench, questions left', () => {
    expect(wavesStrings.wave.codes(4, 0)).toBe('4 кода · ответили 0');
    expect(wavesStrings.wave.codes(41, 3)).toBe('41 код · ответили 3');
    expect(wavesStrings.wave.codes(111, 3)).toBe('111 кодов · ответили 3');
    expect(regionStrings.stats.positiveOf(1, 4)).toBe('1 из 4 школ');
    expect(regionStrings.stats.prioritiesOf(2, 21)).toBe('2 из 21 школы');
    expect(methodologyStrings.derive.changedSchools(22)).toBe('22 школы');
    expect(methodologyStrings.derive.changedSchools(111)).toBe('111 школ');
    expect(respondStrings.tooFewAnswers(21)).toMatch(/на 21 вопрос\.$/);
    expect(respondStrings.tooFewAnswers(11)).toMatch(/на 11 вопросов\.$/);
  });
});
