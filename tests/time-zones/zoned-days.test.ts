import { describe, expect, it } from 'vitest';
import { dayOf, daysUntil, isTimeZone, nextDay, parseDay, startOfDay, waveDays, waveInstants } from '../../server/shared/rules/zoned-days.js';

// The process's own zone must not matter: set it far from every zone below.
process.env.TZ = 'America/Los_Angeles';

describe('days of a region and their instants', () => {
  it.each([
    // zone, day → the instant 00:00 of that day there, worked out from the zone's fixed offset
    ['Asia/Vladivostok', '2027-04-01', '2027-03-31T14:00:00.000Z'], // UTC+10
    ['Asia/Tomsk', '2027-04-01', '2027-03-31T17:00:00.000Z'], // UTC+7
    ['Europe/Moscow', '2027-04-01', '2027-03-31T21:00:00.000Z'], // UTC+3
    ['Europe/Kaliningrad', '2027-01-01', '2026-12-31T22:00:00.000Z'], // UTC+2
    ['Asia/Kamchatka', '2027-04-01', '2027-03-31T12:00:00.000Z'], // UTC+12
    // A zone that moves its clocks: Berlin is UTC+1 on 28 March 2027 at midnight and UTC+2 from 02:00 that night.
    ['Europe/Berlin', '2027-03-28', '2027-03-27T23:00:00.000Z'],
    ['Europe/Berlin', '2027-03-29', '2027-03-28T22:00:00.000Z'],
  ])('%s: %s begins at %s', (zone, day, instant) => {
    expect(startOfDay(day, zone).toISOString()).toBe(instant);
    expect(dayOf(instant, zone)).toBe(day);
  });

  it('a wave of 1–20 April opens at 00:00 on the 1st and closes at 24:00 on the 20th of its zone', () => {
    const vladivostok = waveInstants('2027-04-01', '2027-04-20', 'Asia/Vladivostok');
    expect(vladivostok.opensAt.toISOString()).toBe('2027-03-31T14:00:00.000Z');
    expect(vladivostok.closesAt.toISOString()).toBe('2027-04-20T14:00:00.000Z');
    expect(waveDays(vladivostok.opensAt, vladivostok.closesAt, 'Asia/Vladivostok')).toEqual({ firstDay: '2027-04-01', lastDay: '2027-04-20' });
    // The same instants read in Moscow are other days: a Moscow browser must not be the one to name them.
    expect(waveDays(vladivostok.opensAt, vladivostok.closesAt, 'Europe/Moscow')).toEqual({ firstDay: '2027-03-31', lastDay: '2027-04-20' });
    const tomsk = waveInstants('2027-04-01', '2027-04-20', 'Asia/Tomsk');
    expect(tomsk.closesAt.toISOString()).toBe('2027-04-20T17:00:00.000Z');
  });

  it('counts the days left in the zone: 0 on the last day, whatever the hour', () => {
    const zone = 'Asia/Vladivostok';
    // 23:59 on 19 April in Vladivostok is 13:59 UTC.
    expect(daysUntil('2027-04-20', new Date('2027-04-19T13:59:00Z'), zone)).toBe(1);
    expect(daysUntil('2027-04-20', new Date('2027-04-19T14:00:00Z'), zone)).toBe(0);
    expect(daysUntil('2027-04-20', new Date('2027-04-20T13:59:00Z'), zone)).toBe(0);
  });

  it('knows calendar days and zone names', () => {
    expect(parseDay('2027-02-29')).toBeNull();
    expect(parseDay('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseDay('2027-4-1')).toBeNull();
    expect(nextDay('2027-12-31')).toBe('2028-01-01');
    expect(isTimeZone('Asia/Vladivostok')).toBe(true);
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('Asia/Nowhere')).toBe(false);
    expect(isTimeZone('MSK')).toBe(false);
    expect(isTimeZone('+03:00')).toBe(false);
    expect(() => startOfDay('2027-04-31', 'Europe/Moscow')).toThrow(RangeError);
  });
});
