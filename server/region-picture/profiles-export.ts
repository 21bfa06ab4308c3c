import { csvFile } from '../exports/csv.js';
import { localTime } from '../exports/local-time.js';
import type { Table } from '../exports/table.js';
import { xlsxFile } from '../exports/xlsx.js';
import type { Level } from '../scoring/model.js';
import type { WaveProfilesBody } from '../profiles/schemas.js';

/** How levels read in a coordinator's spreadsheet, the same words as on screen. */
const LEVEL_TITLES: Record<Level, string> = { low: 'низкий', medium: 'средний', high: 'высокий', insufficient: 'недостаточно данных' };

/** Scores go out on the 0–100 scale people see on screen, to one decimal. */
const score100 = (score: number | null) => (score === null ? null : Math.round(score * 1000) / 10);

/** A level as the spreadsheet says it, «пограничный» when the score's interval crosses a threshold (docs/methodology.md §8). */
const levelText = (level: Level, borderline: boolean) => (borderline ? `${LEVEL_TITLES[level]} (пограничный)` : LEVEL_TITLES[level]);

/** One row per school: each factor's score, its interval and level, under a heading that names the wave and the model. */
function profilesTable(body: WaveProfilesBody, generatedAt: Date, filter: string): Table {
  const factors = body.profiles[0]?.factors ?? [];
  const headers = [
    'Код школы',
    'Школа',
    'Муниципалитет',
    ...factors.flatMap((f) => [`${f.id} ${f.title}: балл`, `${f.id}: от`, `${f.id}: до`, `${f.id}: уровень`]),
  ];
  return {
    heading: [
      ['Риск-профили школ', ''],
      ['Волна', body.wave.title],
      ['Модель', `${body.model.title} (${body.model.id})`],
      ['Дата выгрузки', localTime(generatedAt, body.wave.timeZone)],
      ['Балл', 'от 0 до 100: чем больше, тем выше риск'],
      ['От, до', 'интервал, в котором балл лежит с вероятностью 80% при том же составе ответивших'],
      ...(filter ? [['Отбор', filter] as [string, string]] : []),
    ],
    columns: headers.map((header, i) => ({ header, width: i === 1 ? 44 : i === 2 ? 24 : 14 })),
    rows: body.profiles.map((p) => [
      p.school.code,
      p.school.name,
      p.school.municipality.name,
      ...p.factors.flatMap((f) => [score100(f.score), score100(f.interval?.low ?? null), score100(f.interval?.high ?? null), levelText(f.level, f.borderline)]),
    ]),
  };
}

/** `filter` names the municipality the screen showed, for the heading: a file read later says which schools it holds. */
export function profilesCsv(body: WaveProfilesBody, generatedAt = new Date(), filter = ''): Buffer {
  return csvFile(profilesTable(body, generatedAt, filter));
}

export function profilesXlsx(body: WaveProfilesBody, generatedAt = new Date(), filter = ''): Promise<Buffer> {
  return xlsxFile([{ name: 'Риск-профили', ...profilesTable(body, generatedAt, filter), frozenColumns: 2, filter: true }], `Риск-профили: ${body.wave.title}`);
}
