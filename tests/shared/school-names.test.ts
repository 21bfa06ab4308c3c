import { describe, expect, it } from 'vitest';
import { compareSchoolNames, schoolSortName } from '../../server/shared/rules/school-names.js';

describe('school names sort by the name, not the legal form', () => {
  it('drops the legal form and the quotes', () => {
    expect(schoolSortName('МБОУ «Берёзовская СОШ № 1»')).toBe('Берёзовская СОШ № 1');
    expect(schoolSortName('МАОУ "Лицей № 2"')).toBe('Лицей № 2');
    expect(schoolSortName('ФГБОУ  «Школа-интернат»')).toBe('Школа-интернат');
    expect(schoolSortName('МБУ ДО «Дом творчества»')).toBe('Дом творчества');
    // A name that starts with a type of school, not a legal form, keeps it.
    expect(schoolSortName('СОШ № 5 с. Ивановка')).toBe('СОШ № 5 с. Ивановка');
  });

  it('puts «МБОУ «Берёзовская»» before «МАОУ «Заречная»», and № 9 before № 10', () => {
    const names = ['МАОУ «Заречная СОШ»', 'МКОУ «Школа № 10»', 'МБОУ «Берёзовская СОШ № 1»', 'МБОУ «Школа № 9»', 'ГБОУ «Алексеевская ООШ»'];
    expect([...names].sort(compareSchoolNames)).toEqual([
      'ГБОУ «Алексеевская ООШ»',
      'МБОУ «Берёзовская СОШ № 1»',
      'МАОУ «Заречная СОШ»',
      'МБОУ «Школа № 9»',
      'МКОУ «Школа № 10»',
    ]);
  });

  it('orders schools called alike by the full name, so the order never depends on the input', () => {
    expect(['МКОУ «Лесная»', 'МБОУ «Лесная»'].sort(compareSchoolNames)).toEqual(['МБОУ «Лесная»', 'МКОУ «Лесная»']);
  });
});
