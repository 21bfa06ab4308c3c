import { describe, expect, it } from 'vitest';
import { calendarDay, date, dateTime, percent, period, ratePercent } from '../../client/src/shared/format';
import * as exported from '../../server/shared/rules/percent';
import { schoolStrings } from '../../client/src/school/strings';
import { contextStrings } from '../../client/src/school/context/strings';

describe('one form for percentages and dates on every staff screen and export', () => {
  it('the screens and the exports write a percent with the same functions', () => {
    expect(percent).toBe(exported.percent);
    expect(ratePercent).toBe(exported.ratePercent);
  });

  it('a share to one decimal with a comma and no space; a rate rounded down to whole percents', () => {
    expect([0.855, 0.9, 0.6, 1 / 3, 0.1234, 0].map(percent)).toEqual(['85,5%', '90%', '60%', '33,3%', '12,3%', '0%']);
    expect([0.896, 0.9, 0.29, 1.25, null].map(ratePercent)).toEqual(['89%', '90%', '29%', '125%', '—']);
  });

  it('the explanation and the context sections write percents as the rest', () => {
    expect(schoolStrings.explanation.insufficient(percent(0.4))).toContain('лишь на 40% веса');
    expect(schoolStrings.explanation.missing['role-not-reportable']('обучающихся', 3, 100, percent(0.5))).toContain('от 50% ожидаемых');
    // A share of marks arrives in percents: 14.286 reads «14,3%» like every other share, not «14,29%».
    expect(contextStrings.percent(14.286)).toBe('14,3%');
  });

  it('dates in words in the region\u2019s zone, periods and moments short', () => {
    expect(date('2027-04-19T21:30:00Z', 'Europe/Moscow')).toBe('20 апреля 2027 г.');
    expect(calendarDay('2027-04-20')).toBe('20 апреля 2027 г.');
    expect(period('2027-04-01T00:00:00+03:00', '2027-04-20T00:00:00+03:00', 'Europe/Moscow')).toBe('1 апр. 2027 г. — 20 апр. 2027 г.');
    expect(dateTime('2027-04-20T11:05:00Z', 'Europe/Moscow')).toBe('20.04.2027, 14:05');
  });
});
