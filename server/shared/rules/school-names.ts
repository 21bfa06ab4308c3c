/**
 * The order of school lists, on the server and in the client alike. Schools are sorted by what they are called, not
 * by their legal form: «МАОУ …» and «МБОУ …» would otherwise fall into two blocks, and the quotes around the name
 * would sort before every letter.
 */

/** A leading legal form: МБОУ, МАОУ, МКОУ, ГБОУ, ФГБОУ, ЧОУ, МОУ, МБУ, АНО and the like, with «ДО» after it. */
const LEGAL_FORM = /^(?:[А-ЯЁ]{0,5}ОУ|[А-ЯЁ]{1,4}У|АНО)(?:\s+ДО)?\s+/u;
const QUOTES = /[«»"„“”‘’']/gu;

/** Russian alphabetical order, with numbers by value: «СОШ № 9» before «СОШ № 10». */
const collator = new Intl.Collator('ru', { numeric: true });

/** «МБОУ «Берёзовская СОШ № 1»» → «Берёзовская СОШ № 1». */
export function schoolSortName(name: string): string {
  return name.trim().replace(LEGAL_FORM, '').replace(QUOTES, '').replace(/\s+/gu, ' ').trim();
}

/** By name without the legal form and quotes; the full name decides between schools called alike. */
export function compareSchoolNames(a: string, b: string): number {
  return collator.compare(schoolSortName(a), schoolSortName(b)) || collator.compare(a, b);
}

/** Compares any two texts the way school lists compare municipality names. */
export const compareNames = (a: string, b: string): number => collator.compare(a, b);

/** What a list of schools is sorted on: the municipality first when the list spans several, then the school. */
export interface SchoolSortKey {
  municipality?: string;
  name: string;
  id: number;
}

/** The rows sorted in place the way every school list is: by municipality, school name, and id for a stable order. */
export function sortSchools<T>(rows: T[], key: (row: T) => SchoolSortKey): T[] {
  return rows.sort((x, y) => {
    const a = key(x);
    const b = key(y);
    return compareNames(a.municipality ?? '', b.municipality ?? '') || compareSchoolNames(a.name, b.name) || a.id - b.id;
  });
}
