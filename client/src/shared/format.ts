/** Numbers, dates and plurals as people read them on every staff screen: Russian decimal comma, Russian month names. */
const numberFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });
const oneDecimal = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 });
const wholeNumber = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 0 });
const dateFormat = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric' });
const dayFormat = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long' });
const shortDate = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'short', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('ru-RU', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const pluralRules = new Intl.PluralRules('ru-RU');

/** Russian plural of a whole number: one (1, 21), few (2–4, 22–24), many (0, 5–20, 25…). */
export function plural(n: number, one: string, few: string, many: string): string {
  const form = pluralRules.select(n);
  return form === 'one' ? one : form === 'few' ? few : many;
}

/** A count or a weight: up to two decimals, thousands grouped. */
export const number = (x: number) => numberFormat.format(x);

// Both percent forms are written «90%», without a space, as in the exports.
/** A share, a target or a coverage to one decimal: 0.855 is «85,5%». */
export const percent = (x: number) => `${oneDecimal.format(Math.round(x * 1000) / 10)}%`;

/**
 * A participation rate held against the target: whole percents rounded down, so 89.6% never reads as a met 90%;
 * above 100% as it is; null (nobody expected) as a dash. The epsilon keeps 0.29 · 100 = 28.999… at 29.
 */
export const ratePercent = (x: number | null) => (x === null ? '—' : `${wholeNumber.format(Math.floor(x * 100 + 1e-9))}%`);

/** A score or risk in [0, 1] as whole points of 100. */
export const points = (x: number) => Math.round(x * 100);

/** A change in points with its sign, and a real minus sign rather than a hyphen. */
export const signed = (x: number) => (x > 0 ? `+${x}` : x < 0 ? `−${-x}` : '0');

/** «20 апреля 2027 г.» */
export const date = (at: string | Date) => dateFormat.format(new Date(at));

/** «20 апреля», when the year goes without saying. */
export const day = (at: string | Date) => dayFormat.format(new Date(at));

/** «1 апр. 2027 г. — 20 апр. 2027 г.» */
export const period = (from: string, to: string) => `${shortDate.format(new Date(from))} — ${shortDate.format(new Date(to))}`;

export const time = (at: string | Date) => timeFormat.format(new Date(at));

/** A wave closes at an instant that belongs to the next day; people name the last day answers are taken. */
export const lastDayOf = (closesAt: string) => new Date(new Date(closesAt).getTime() - 1);
