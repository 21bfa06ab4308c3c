/** Numbers, dates and plurals as people read them on every staff screen: Russian decimal comma, Russian month names. */
const numberFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });

const pluralRules = new Intl.PluralRules('ru-RU');

/** Russian plural of a whole number: one (1, 21), few (2–4, 22–24), many (0, 5–20, 25…). */
export function plural(n: number, one: string, few: string, many: string): string {
  const form = pluralRules.select(n);
  return form === 'one' ? one : form === 'few' ? few : many;
}

/**
 * «1 из 4 школ», «3 из 21 школы»: after «из» the noun agrees with the total, in the genitive, whose «few» form is
 * the same as its «many» one (give the genitive singular and plural: 'школы', 'школ').
 */
export const outOf = (part: number, total: number, genitiveOne: string, genitiveMany: string) =>
  `${part} из ${total} ${plural(total, genitiveOne, genitiveMany, genitiveMany)}`;

/** A count or a weight: up to two decimals, thousands grouped. */
export const number = (x: number) => numberFormat.format(x);

/** «85,5%» and, for a rate against its target, «89%»: the exports write them with the same functions. */
export { percent, ratePercent } from '../../../server/shared/rules/percent';

/** A score or risk in [0, 1] as whole points of 100. */
export const points = (x: number) => Math.round(x * 100);

/** A change in points with its sign, and a real minus sign rather than a hyphen. */
export const signed = (x: number) => (x > 0 ? `+${x}` : x < 0 ? `−${-x}` : '0');

// Dates and times are written in the zone of the region they belong to (a wave's `timeZone`), never in the zone the
// browser happens to run in: a wave of Primorye closes at midnight in Vladivostok for a reader in Moscow too.
const formats = new Map<string, Intl.DateTimeFormat>();
function inZone(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.DateTimeFormat('ru-RU', { ...options, timeZone: zone })));
  return format;
}

/** «20 апреля 2027 г.» */
export const date = (at: string | Date, zone: string) => inZone(zone, { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(at));

/** A calendar day as the API writes it («2027-04-20», no time of day): «20 апреля 2027 г.», the same in every zone. */
export const calendarDay = (day: string) => date(`${day}T00:00:00Z`, 'UTC');

/** «20 апреля», when the year goes without saying. */
export const day = (at: string | Date, zone: string) => inZone(zone, { day: 'numeric', month: 'long' }).format(new Date(at));

/** «1 апр. 2027 г. — 20 апр. 2027 г.» */
export const period = (from: string, to: string, zone: string) => {
  const short = inZone(zone, { day: 'numeric', month: 'short', year: 'numeric' });
  return `${short.format(new Date(from))} — ${short.format(new Date(to))}`;
};

/** «14:05:09» */
export const time = (at: string | Date, zone: string) => inZone(zone, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(at));

/** «20.04.2027, 14:05» */
export const dateTime = (at: string | Date, zone: string) => inZone(zone, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(at));

/** A wave closes at an instant that belongs to the next day; people name the last day answers are taken. */
export const lastDayOf = (closesAt: string) => new Date(new Date(closesAt).getTime() - 1);

/** The zone named, for a time that could be read as another zone's: «Владивосток, GMT+10». */
export { DEFAULT_TIME_ZONE, zoneLabel } from '../../../server/shared/rules/zoned-days';
