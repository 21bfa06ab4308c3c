/**
 * Percentages as every staff screen and every export writes them, so that one figure never reads two ways: a
 * Russian decimal comma, «90%» without a space. Files in this folder import nothing, so the client may run them as
 * they are (client/src/shared/format.ts re-exports these).
 */
const oneDecimal = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 });
const wholeNumber = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 0 });

/** A share, a target or a coverage to one decimal: 0.855 is «85,5%». */
export const percent = (x: number) => `${oneDecimal.format(Math.round(x * 1000) / 10)}%`;

/**
 * A participation rate held against the target: whole percents rounded down, so 89.6% never reads as a met 90%;
 * above 100% as it is; null (nobody expected) as a dash. The epsilon keeps 0.29 · 100 = 28.999… at 29.
 */
export const ratePercent = (x: number | null) => (x === null ? '—' : `${wholeNumber.format(Math.floor(x * 100 + 1e-9))}%`);
