/**
 * How a typed search meets a name: any case, «ё» and «е» alike (people type «Березовская» for «Берёзовская»),
 * spaces collapsed, every word of the search found somewhere in the text, in any order.
 */
export function searchable(text: string): string {
  return text.toLocaleLowerCase('ru').replaceAll('ё', 'е').replace(/\s+/g, ' ').trim();
}

export function matchesSearch(search: string, text: string): boolean {
  const haystack = searchable(text);
  return searchable(search)
    .split(' ')
    .every((word) => haystack.includes(word));
}
