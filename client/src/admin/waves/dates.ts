const DAY = 24 * 3600 * 1000;

function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * A first guess for a new wave's days, from the administrator's calendar; the days chosen are sent as days, and the
 * server makes them the instants of the region's zone (00:00 of the first day to 24:00 of the last).
 */
export const todayPlus = (days: number) => localDay(new Date(Date.now() + days * DAY));
