/**
 * Days of a region's time zone and the instants they begin at. A wave «from 1 to 20 April» in Primorye opens at
 * 00:00 on the 1st and closes at 24:00 on the 20th in Vladivostok, whoever edits it from wherever; the server
 * stores the instants and every screen writes them back as days of the same zone. Pure: the browser runs it too.
 * Intl knows every zone's offsets (and any future change of them); this module only inverts that knowledge.
 */

import { RUSSIAN_ZONES } from './russian-zones.js';

export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

const DAY_MS = 24 * 3600 * 1000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const partsFormats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(zone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(zone, format);
  }
  return format;
}

/** An IANA zone name Intl knows (`Asia/Vladivostok`); abbreviations and offsets are refused. */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z]+(\/[A-Za-z0-9_+-]+)+$/.test(zone) && zone !== 'UTC') return false;
  try {
    partsFormat(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading of an instant in a zone, as if it were UTC: its difference from the instant is the offset. */
function wallClock(at: number, zone: string): number {
  const p = Object.fromEntries(
    partsFormat(zone)
      .formatToParts(new Date(at))
      .map((x) => [x.type, Number(x.value)]),
  );
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

/** A calendar day `YYYY-MM-DD` that exists (no 31 April), or null. */
export function parseDay(day: string): { year: number; month: number; day: number } | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const [year, month, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, d));
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === d ? { year, month, day: d } : null;
}

/** The instant a day begins (00:00) in a zone. */
export function startOfDay(day: string, zone: string): Date {
  const parsed = parseDay(day);
  if (!parsed) throw new RangeError(`Not a calendar day: "${day}"`);
  const midnightAsUtc = Date.UTC(parsed.year, parsed.month - 1, parsed.day);
  // Two corrections settle on the offset in force at that midnight, even across a change of offset.
  let at = midnightAsUtc - (wallClock(midnightAsUtc, zone) - midnightAsUtc);
  at = midnightAsUtc - (wallClock(at, zone) - at);
  return new Date(at);
}

/** The day `YYYY-MM-DD` an instant falls on in a zone. */
export function dayOf(at: Date | string, zone: string): string {
  return new Date(wallClock(new Date(at).getTime(), zone)).toISOString().slice(0, 10);
}

/** The day after `day`. */
export function nextDay(day: string): string {
  return new Date(startOfDay(day, 'UTC').getTime() + DAY_MS).toISOString().slice(0, 10);
}

/** A wave of whole days: open from 00:00 of its first day to 24:00 of its last, in the zone. */
export function waveInstants(firstDay: string, lastDay: string, zone: string): { opensAt: Date; closesAt: Date } {
  return { opensAt: startOfDay(firstDay, zone), closesAt: startOfDay(nextDay(lastDay), zone) };
}

/** The days people name a wave by: the day it opens and the last day it takes answers (it closes at the end of it). */
export function waveDays(opensAt: Date | string, closesAt: Date | string, zone: string): { firstDay: string; lastDay: string } {
  return { firstDay: dayOf(opensAt, zone), lastDay: dayOf(new Date(new Date(closesAt).getTime() - 1), zone) };
}

/** Whole days from today to the wave's last day, both in the zone: 0 on the last day itself. */
export function daysUntil(lastDay: string, now: Date, zone: string): number {
  return Math.round((startOfDay(lastDay, 'UTC').getTime() - startOfDay(dayOf(now, zone), 'UTC').getTime()) / DAY_MS);
}

/** A zone as people recognise it, with its offset at that moment: «Владивосток, GMT+10». */
export function zoneLabel(zone: string, at: Date = new Date()): string {
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  return `${RUSSIAN_ZONES[zone] ?? zone}, ${offset ?? zone}`;
}
