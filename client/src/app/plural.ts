const rules = new Intl.PluralRules('ru-RU');

/** Russian plural of a whole number: one (1, 21), few (2–4, 22–24), many (0, 5–20, 25…). */
export function plural(n: number, one: string, few: string, many: string): string {
  const form = rules.select(n);
  return form === 'one' ? one : form === 'few' ? few : many;
}
