const numberFormat = new Intl.NumberFormat('ru-RU');
const preciseFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 });
const dayFormat = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long' });
const timeFormat = new Intl.DateTimeFormat('ru-RU', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export const formatNumber = (n: number) => numberFormat.format(n);
/**
 * Whole percents, rounded down so 89.6% never reads as a met 90% target; null (nobody expected) as a dash.
 * A rate above 100% is shown as it is. The epsilon keeps 0.29 · 100 = 28.999… at 29.
 */
// Written «90%», without a space, as on every other screen and in the exports.
export const formatRate = (rate: number | null) => (rate === null ? '—' : `${numberFormat.format(Math.floor(rate * 100 + 1e-9))}%`);
export const formatTarget = (target: number) => `${preciseFormat.format(Math.round(target * 1000) / 10)}%`;
/** A wave closes at an instant that belongs to the next day; people name the last day answers are taken. */
export const formatLastDay = (iso: string) => dayFormat.format(new Date(new Date(iso).getTime() - 1));
export const formatDay = (iso: string) => dayFormat.format(new Date(iso));
export const formatTime = (iso: string) => timeFormat.format(new Date(iso));
