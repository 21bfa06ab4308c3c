/** The demo region of the first start: realistic names and expected counts of a rural Russian region. */
export const DEMO_REGION = 'Демонстрационная область';

export interface DemoSchool {
  code: string;
  name: string;
  teachers: number;
  students: number;
  parents: number;
}

export const DEMO_MUNICIPALITIES: Array<{ name: string; schools: DemoSchool[] }> = [
  {
    name: 'Берёзовский муниципальный район',
    schools: [
      { code: 'DEMO-001', name: 'МБОУ «Берёзовская СОШ № 1»', teachers: 34, students: 412, parents: 380 },
      { code: 'DEMO-002', name: 'МБОУ «Заречная ООШ»', teachers: 12, students: 64, parents: 58 },
      { code: 'DEMO-003', name: 'МКОУ «Сосновская СОШ»', teachers: 19, students: 151, parents: 140 },
      { code: 'DEMO-004', name: 'МБОУ «Луговская ООШ»', teachers: 9, students: 38, parents: 35 },
    ],
  },
  {
    name: 'Каменский муниципальный район',
    schools: [
      { code: 'DEMO-005', name: 'МБОУ «Каменская СОШ № 2»', teachers: 41, students: 520, parents: 470 },
      { code: 'DEMO-006', name: 'МКОУ «Новоселовская СОШ»', teachers: 16, students: 122, parents: 110 },
      { code: 'DEMO-007', name: 'МБОУ «Полевская ООШ»', teachers: 10, students: 47, parents: 44 },
      { code: 'DEMO-008', name: 'МКОУ «Ключевская СОШ»', teachers: 22, students: 198, parents: 176 },
    ],
  },
  {
    name: 'Город Озёрск',
    schools: [
      { code: 'DEMO-009', name: 'МАОУ «Средняя школа № 5»', teachers: 58, students: 760, parents: 690 },
      { code: 'DEMO-010', name: 'МБОУ «Средняя школа № 11»', teachers: 47, students: 590, parents: 540 },
      { code: 'DEMO-011', name: 'МБОУ «Основная школа № 3»', teachers: 21, students: 230, parents: 205 },
      { code: 'DEMO-012', name: 'МБОУ «Вечерняя (сменная) школа»', teachers: 8, students: 70, parents: 0 },
    ],
  },
];

/** The school of the demo's school account (school@demo.local) and of the respondent links printed at start. */
export const DEMO_TEAM_SCHOOL = DEMO_MUNICIPALITIES[0].schools[0];
