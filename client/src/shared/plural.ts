/**
 * Russian plurals, apart from format.ts so that the respondent page can use them without the staff screens'
 * number and date formatters.
 */
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
