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

/** One row per school: each factor's score and level, under a heading that names the wave and the model. */
function profilesTable(body: WaveProfilesBody, generatedAt: Date): Table {
  const factors = body.profiles[0]?.factors ?? [];
  const headers = ['Код школы', 'Школа', 'Муниципалитет', ...factors.flatMap((f) => [`${f.id} ${f.title}: балл`, `${f.id}: уровень`])];
  return {
    heading: [
      ['Риск-профили школ', ''],
      ['Волна', body.wave.title],
      ['Модель', `${body.model.title} (${body.model.id})`],
      ['Дата выгрузки', localTime(generatedAt, body.wave.timeZone)],
      ['Балл', 'от 0 до 100: чем больше, тем выше риск'],
    ],
    columns: headers.map((header, i) => ({ header, width: i === 1 ? 44 : i === 2 ? 24 : 14 })),
    rows: body.profiles.map((p) => [
      p.school.code,
      p.school.name,
      p.school.municipality.name,
      ...p.factors.flatMap((f) => [score100(f.score), LEVEL_TITLES[f.level]]),
    ]),
  };
}

export function profilesCsv(body: WaveProfilesBody, generatedAt = new Date()): Buffer {
  return csvFile(profilesTable(body, generatedAt));
}

export function profilesXlsx(body: WaveProfilesBody, generatedAt = new Date()): Promise<Buffer> {
  return xlsxFile([{ name: 'Риск-профили', ...profilesTable(body, generatedAt), frozenColumns: 2, filter: true }], `Риск-профили: ${body.wave.title}`);
}
