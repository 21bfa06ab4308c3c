import { lastDayOf } from '../../shared/format';

const DAY = 24 * 3600 * 1000;

/**
 * People plan waves in whole days: a wave "from 1 to 20 April" opens at the start of the 1st and closes at the
 * end of the 20th in the administrator's time zone. The server stores the instants.
 */
export function opensAtFromDay(day: string): string {
  return new Date(`${day}T00:00:00`).toISOString();
}

export function closesAtFromDay(day: string): string {
  return new Date(new Date(`${day}T00:00:00`).getTime() + DAY).toISOString();
}

function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export const dayFromOpensAt = (iso: string) => dayOf(new Date(iso));
export const dayFromClosesAt = (iso: string) => dayOf(lastDayOf(iso));

export const todayPlus = (days: number) => dayOf(new Date(Date.now() + days * DAY));
