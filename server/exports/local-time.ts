import { zoneLabel } from '../shared/rules/zoned-days.js';

/** An export's moment in the region's own time, the zone named: «20.04.2027, 10:00 (Владивосток, GMT+10)». */
export function localTime(at: Date, zone: string): string {
  const text = new Intl.DateTimeFormat('ru-RU', { timeZone: zone, dateStyle: 'short', timeStyle: 'short' }).format(at);
  return `${text} (${zoneLabel(zone, at)})`;
}
