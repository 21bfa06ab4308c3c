import { sql, type RawBuilder } from 'kysely';
import { DONT_KNOW } from '../scoring/answers.js';
import type { ChoiceValue, Indicator } from '../scoring/model.js';

/**
 * One answer as SQL: `type` = jsonb_typeof (NULL when absent), `text` = `->>` (a string's own
 * characters, a number's digits), `json` = the jsonb value (read only for lists).
 * The caller decides how each is computed (stats.sql.ts reads the text once per response).
 */
export interface AnswerSql {
  type: RawBuilder<string | null>;
  text: RawBuilder<string | null>;
  json: RawBuilder<unknown>;
}

/**
 * SQL twin of `contributionOf` (server/scoring/answers.ts): the response's contribution to the
 * indicator's `sum`, or NULL when the response is not in A. count() and sum() of it give the same
 * `{ n, sum }` as `collectStats`; tests/profiles/stats-agree.test.ts checks that on random data.
 *
 * Strings are compared as text, numbers as float8, and jsonb is touched only for lists: comparing
 * jsonb values costs several times more, and this runs for millions of responses. The caller gives
 * the text the "C" collation: equality is the same in every deterministic collation, and C skips a
 * locale lookup per comparison.
 *
 * Model values reach the text only through `sql.lit`, which quotes and escapes them: the model
 * comes from a validated file, but no string from it is ever spliced raw.
 *
 * Stored numbers are JSON.stringify output of finite JS doubles (the server writes answers that
 * way), so `::float8` of their digits gives back exactly the double JavaScript parses.
 */
export function contributionSql(indicator: Indicator, answer: (question: string) => AnswerSql): RawBuilder<number | null> {
  switch (indicator.kind) {
    case 'mean': {
      const x = answer(indicator.question);
      return sql`case when ${x.type} = 'number' then ${x.text}::float8 end`;
    }
    case 'ratio': {
      const num = answer(indicator.numerator);
      const den = answer(indicator.denominator);
      // Nested CASE, not AND: only CASE promises the casts run after the type checks.
      return sql`case when ${num.type} = 'number' and ${den.type} = 'number' then
        case when ${den.text}::float8 > 0 then ${num.text}::float8 / ${den.text}::float8 end end`;
    }
    case 'choice':
      return choiceSql(answer(indicator.question), indicator.risk);
    case 'share':
      return shareSql(answer(indicator.question), indicator.values, indicator.notApplicable ?? []);
    case 'rate':
      // Every response counts once; the engine scores the role's counts, not this sum (engine.ts scoreRate).
      return sql`1::float8`;
  }
}

/** risk[String(answer)] for a single answer; anything else (dont_know, "", a list, a key not in the map) is NULL. */
function choiceSql(x: AnswerSql, risk: Record<string, number>): RawBuilder<number | null> {
  const keys = Object.entries(risk).filter(([key]) => isAnswerText(key));
  const byText = keys.map(([key, r]) => sql`when ${sql.lit(key)} then ${float8(r)}`);
  const byNumber = keys.flatMap(([key, r]) => (printsNumber(key) ? [sql`when ${float8(Number(key))} then ${float8(r)}`] : []));
  const branches = [
    ...(byText.length > 0 ? [sql`when 'string' then case ${x.text} ${sql.join(byText, sql` `)} end`] : []),
    ...(byNumber.length > 0 ? [sql`when 'number' then case ${x.text}::float8 ${sql.join(byNumber, sql` `)} end`] : []),
  ];
  return branches.length === 0 ? sql`null::float8` : sql`case ${x.type} ${sql.join(branches, sql` `)} end`;
}

/**
 * 1 when the answer (for a multi-select: any of its elements) is one of `values` by string form, 0 when answered
 * otherwise; `notApplicable` answers are not answers, like dont_know. The model keeps the two lists apart.
 */
function shareSql(x: AnswerSql, values: ChoiceValue[], notApplicable: ChoiceValue[]): RawBuilder<number | null> {
  const hits = byType(values);
  const skips = byType(notApplicable);
  const textHit = anyOf(hits.texts.map((t) => sql`${x.text} = ${sql.lit(t)}`));
  const numberHit = anyOf(hits.numbers.map((n) => sql`${x.text}::float8 = ${float8(n)}`));
  const textSkip = anyOf(['', DONT_KNOW, ...skips.texts].map((t) => sql`${x.text} = ${sql.lit(t)}`));
  const numberSkip = anyOf(skips.numbers.map((n) => sql`${x.text}::float8 = ${float8(n)}`));
  // `["no", 1] @> ["no"]`: containment of a one-element list compares strings as strings, numbers as numbers.
  const listItems = [...hits.texts.map((t) => JSON.stringify([t])), ...hits.numbers.map((n) => JSON.stringify([n]))];
  const listHit = listItems.length === 0 ? sql`false` : sql`${x.json} @> any (array[${sql.join(listItems.map((j) => sql`${sql.lit(j)}::jsonb`))}])`;
  return sql`case ${x.type}
    when 'string' then case when ${textHit} then 1::float8 when ${textSkip} then null else 0::float8 end
    when 'number' then case when ${numberHit} then 1::float8 when ${numberSkip} then null else 0::float8 end
    when 'array' then case when ${listHit} then 1::float8 when jsonb_path_exists(${x.json}, ${anyChoiceAnswer(skips)}) then 0::float8 end
  end`;
}

/** Model values as the answers that can match them: every string form, and the numbers among them. */
function byType(values: ChoiceValue[]): { texts: string[]; numbers: number[] } {
  const texts = [...new Set(values.map(String).filter(isAnswerText))];
  return { texts, numbers: [...new Set(texts.filter(printsNumber).map(Number))] };
}

/**
 * `a or b or ...`, or false for none. PostgreSQL turns `x in (a, b)` into an array operation whose
 * set-up costs more per row than the few comparisons it replaces.
 */
function anyOf(conditions: RawBuilder<boolean>[]): RawBuilder<boolean> {
  return conditions.length === 0 ? sql`false` : sql`(${sql.join(conditions, sql` or `)})`;
}

/**
 * A list with at least one element that `isChoiceAnswer` accepts and that is not `skips`: a number, or
 * a string other than "" and dont_know. A jsonpath is one function call, where a subquery over
 * jsonb_array_elements would be a correlated subplan run for every list answer.
 */
function anyChoiceAnswer(skips: { texts: string[]; numbers: number[] }): RawBuilder<unknown> {
  const other = (literals: string[]) => literals.map((l) => ` && @ != ${l}`).join('');
  const strings = other(['', DONT_KNOW, ...skips.texts].map((t) => JSON.stringify(t)));
  const numbers = other(skips.numbers.map(float8Text));
  return sql`${sql.lit(`strict $[*] ? ((@.type() == "number"${numbers}) || (@.type() == "string"${strings}))`)}::jsonpath`;
}

/** "" and dont_know are never answers (docs/methodology.md §2), so a value or key spelled so matches nothing. */
function isAnswerText(text: string): boolean {
  return text !== '' && text !== DONT_KNOW;
}

/**
 * Whether `String(n) === text` for some number n: then a number answer matches `text` exactly when it
 * equals Number(text) (String is one-to-one on doubles, and -0 prints as "0").
 */
function printsNumber(text: string): boolean {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) && String(n) === text;
}

function float8(value: number): RawBuilder<number> {
  return sql`${sql.lit(float8Text(value))}::float8`;
}

function float8Text(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`model value ${value} is not a finite number`);
  return String(value);
}
