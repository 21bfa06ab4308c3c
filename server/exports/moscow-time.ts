/** An export's moment in Moscow time, the one regional offices write in letters. */
export function moscowTime(at: Date): string {
  const text = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', dateStyle: 'short', timeStyle: 'short' }).format(at);
  return `${text} МСК`;
}
