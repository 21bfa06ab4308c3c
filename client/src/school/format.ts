import { missingRespondents } from '../../../server/shared/rules/participation-target';
/** Numbers as people read them on this screen: Russian decimal comma, scores on a 0–100 scale. */
const decimal = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });
const dateFormat = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric' });
const shortDate = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'short', year: 'numeric' });

/** A score or risk in [0, 1] as whole points of 100. */
export const points = (x: number) => Math.round(x * 100);

/** A change in points with its sign, and a real minus sign rather than a hyphen. */
export const signed = (x: number) => (x > 0 ? `+${x}` : x < 0 ? `−${-x}` : '0');

export const percent = (x: number) => `${decimal.format(Math.round(x * 1000) / 10)}%`;

export const number = (x: number) => twoDecimals.format(x);

export const date = (iso: string | Date) => dateFormat.format(new Date(iso));

export const period = (from: string, to: string) => `${shortDate.format(new Date(from))} — ${shortDate.format(new Date(to))}`;

/** Respondents still missing for the target: the coordinator's rule (METHODOLOGY §3), from the same function. */
export const needed = (target: number, expected: number, responses: number) => missingRespondents(expected, responses, target);
