import { sql, type RawBuilder } from 'kysely';
import type { AnswerSql } from '../profiles/contribution.sql.js';
import { contributionSql } from '../profiles/contribution.sql.js';
import { DONT_KNOW, questionsOf } from '../scoring/answers.js';
import type { Indicator } from '../scoring/model.js';

function answerOf(question: string): AnswerSql {
  const json = sql`(answers -> ${sql.lit(question)})`;
  return { type: sql<string | null>`jsonb_typeof(${json})`, text: sql<string | null>`(answers ->> ${sql.lit(question)}) collate "C"`, json };
}

/** The score of a response on an indicator as the profile codes it (server/profiles/contribution.sql.ts), or NULL. */
export function scoreSql(indicator: Indicator): RawBuilder<number | null> {
  return contributionSql(indicator, answerOf);
}

/** Some question of the indicator answered «затрудняюсь ответить» (alone, or as a list's element). */
export function dontKnowSql(indicator: Indicator): RawBuilder<boolean> {
  const tests = questionsOf(indicator).map((q) => sql`coalesce(${answerOf(q).json} @> ${sql.lit(JSON.stringify(DONT_KNOW))}::jsonb, false)`);
  return sql`(${sql.join(tests, sql` or `)})`;
}

/** Some question of the indicator left without an answer: absent, null, an empty string or an empty list. */
export function emptySql(indicator: Indicator): RawBuilder<boolean> {
  const tests = questionsOf(indicator).map((q) => {
    const json = answerOf(q).json;
    return sql`coalesce(${json} in ('null'::jsonb, '""'::jsonb, '[]'::jsonb), true)`;
  });
  return sql`(${sql.join(tests, sql` or `)})`;
}
