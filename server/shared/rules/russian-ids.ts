/**
 * Check digits of the Russian registration numbers an operator of personal data publishes: a typo in them is caught
 * when typed, not by a lawyer reading the privacy page. Pure functions, shared by the server and the admin screen.
 */

const digitsOf = (value: string) => [...value].map(Number);

/** The check digit of a weighted sum: mod 11, and 10 counts as 0 (ФНС's rule for ИНН). */
const innDigit = (digits: number[], weights: number[]) => (weights.reduce((sum, w, i) => sum + w * digits[i]!, 0) % 11) % 10;

/** ИНН: 10 digits for an organisation, 12 for a person or a sole trader. */
export function isValidInn(value: string): boolean {
  if (!/^\d{10}$|^\d{12}$/.test(value)) return false;
  const d = digitsOf(value);
  if (d.length === 10) return innDigit(d, [2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9];
  return innDigit(d, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[10] && innDigit(d, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[11];
}

/**
 * ОГРН (13 digits, an organisation): the first 12 as a number mod 11, last digit of that; ОГРНИП (15 digits, a sole
 * trader): the first 14 mod 13, last digit. BigInt: 14 digits pass the safe range of a double only barely, 12 do not.
 */
export function isValidOgrn(value: string): boolean {
  if (!/^\d{13}$|^\d{15}$/.test(value)) return false;
  const modulus = value.length === 13 ? 11n : 13n;
  const check = (BigInt(value.slice(0, -1)) % modulus) % 10n;
  return check === BigInt(value.slice(-1));
}
