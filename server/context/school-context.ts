import type { ContextYear, ResultSeries, ResultYear } from './context.schemas.js';
import type { IndicatorRecord, ResultRecord } from './validate.js';

/** Differences are rounded to a hundredth, so 15.3 − 12.1 reads 3.2 and not 3.2000000000000001. */
const difference = (now: number | null, before: number | null | undefined) =>
  now === null || before === null || before === undefined ? null : Math.round((now - before) * 100) / 100;

const PROCEDURE_ORDER = { vpr: 0, oge: 1, ege: 2 } as const;

/** A school's yearly figures, ascending, each with its change from the nearest earlier year that has a row. Pure. */
export function contextYears(rows: IndicatorRecord[]): ContextYear[] {
  const sorted = [...rows].sort((a, b) => a.year - b.year);
  return sorted.map((row, i) => {
    const before = sorted[i - 1];
    return {
      year: row.year,
      socialIndex: row.social_index,
      settlement: row.settlement,
      students: row.students,
      previousYear: before?.year ?? null,
      change: { socialIndex: difference(row.social_index, before?.social_index), students: difference(row.students, before?.students) },
    };
  });
}

/** A school's results by procedure (ВПР, ОГЭ, ЕГЭ), subject and grade, each series by year with its change. Pure. */
export function resultSeries(rows: ResultRecord[]): ResultSeries[] {
  const series = new Map<string, { procedure: ResultRecord['procedure']; subject: string; grade: number; rows: ResultRecord[] }>();
  for (const row of rows) {
    const key = `${row.procedure}|${row.subject}|${row.grade}`;
    const entry = series.get(key) ?? { procedure: row.procedure, subject: row.subject, grade: row.grade, rows: [] };
    entry.rows.push(row);
    series.set(key, entry);
  }
  return [...series.values()]
    .sort((a, b) => PROCEDURE_ORDER[a.procedure] - PROCEDURE_ORDER[b.procedure] || a.subject.localeCompare(b.subject, 'ru') || a.grade - b.grade)
    .map(({ procedure, subject, grade, rows: own }) => {
      const sorted = own.sort((a, b) => a.year - b.year);
      return {
        procedure,
        subject,
        grade,
        years: sorted.map((row, i): ResultYear => {
          const before = sorted[i - 1];
          return {
            year: row.year,
            participants: row.participants,
            meanScore: row.mean_score,
            share2: row.share_2,
            share3: row.share_3,
            share4: row.share_4,
            share5: row.share_5,
            previousYear: before?.year ?? null,
            change: {
              participants: difference(row.participants, before?.participants),
              meanScore: difference(row.mean_score, before?.mean_score),
              share2: difference(row.share_2, before?.share_2),
              share3: difference(row.share_3, before?.share_3),
              share4: difference(row.share_4, before?.share_4),
              share5: difference(row.share_5, before?.share_5),
            },
          };
        }),
      };
    });
}
