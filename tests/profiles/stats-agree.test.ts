import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/connect.js';
import { collectStatsInMemory } from '../../server/profiles/stats.memory.js';
import { collectStatsSql } from '../../server/profiles/stats.sql.js';
import { scoreProfile } from '../../server/scoring/engine.js';
import type { Answers, CollectedStats, Indicator, RiskModel } from '../../server/scoring/model.js';
import { ROLES, type Role } from '../../server/shared/roles.js';
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../helpers/database.js';
import { newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';

// Question names with characters SQL must quote; several indicators read the same ones.
const SINGLE = "q'single";
const MULTI = 'q"multi\\';
const NUM = 'q_num';
const DEN = 'q_den';

// Choice values whose string forms collide with numbers, booleans, JSON text and the not-answered values.
const choiceValue = fc.constantFrom<string | number>('a', "b'c", '1', '1.0', '1e+21', 'true', '[x', '', 'dont_know', 1, 2, 1.5, 0, 1e21);
const quarter = (min: number, max: number) => fc.integer({ min: min * 4, max: max * 4 }).map((n) => n / 4);
const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const scale = fc.tuple(quarter(-10, 110), quarter(-10, 110)).filter(([best, worst]) => best !== worst);
const role = fc.constantFrom(...ROLES);
const weight = fc.constantFrom(1, 2);

const indicator: fc.Arbitrary<Omit<Indicator, 'id'>> = fc.oneof(
  fc
    .record({
      role,
      weight,
      kind: fc.constant('share' as const),
      question: fc.constantFrom(SINGLE, MULTI),
      // Values and notApplicable apart by string form, as the loader demands; notApplicable may be absent.
      choices: fc.uniqueArray(choiceValue, { minLength: 1, maxLength: 5, selector: String }),
      split: fc.integer({ min: 1, max: 3 }),
    })
    .map(({ choices, split, ...rest }) => {
      const notApplicable = choices.slice(split);
      return { ...rest, values: choices.slice(0, split), ...(notApplicable.length > 0 ? { notApplicable } : {}) };
    }),
  fc
    .record({ role, weight, kind: fc.constant('mean' as const), question: fc.constantFrom(NUM, DEN), scale })
    .map(({ scale: [best, worst], ...rest }) => ({ ...rest, best, worst })),
  fc.record({
    role,
    weight,
    kind: fc.constant('choice' as const),
    question: fc.constantFrom(SINGLE, MULTI),
    risk: fc.dictionary(choiceValue.map(String), fraction, { minKeys: 1 }),
  }),
  fc
    .record({ role, weight, kind: fc.constant('ratio' as const), numerator: fc.constant(NUM), denominator: fc.constant(DEN), scale })
    .map(({ scale: [best, worst], ...rest }) => ({ ...rest, best, worst })),
  fc
    .record({ role, weight, kind: fc.constant('rate' as const), scale })
    .map(({ scale: [best, worst], ...rest }) => ({ ...rest, best: best / 100, worst: worst / 100 })),
);

const model: fc.Arbitrary<RiskModel> = fc.array(fc.array(indicator, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }).map((factors) => ({
  id: 'random',
  title: 'random',
  levels: { medium: 0.34, high: 0.67 },
  minRate: 0.5,
  factors: factors.map((indicators, i) => ({
    id: `F${i}`,
    title: `F${i}`,
    indicators: indicators.map((ind, j) => ({ ...ind, id: `F${i}.${j}` }) as Indicator),
  })),
}));

// Anything JSON can hold, not only what the questionnaires allow: the SQL must follow answers.ts everywhere.
const junk = fc.constantFrom<unknown>(null, true, false, {}, { a: 1 }, '7', '', 'dont_know');
const choiceAnswer = fc.oneof(choiceValue, junk, fc.array(fc.oneof(choiceValue, junk, fc.constant(['a'])), { maxLength: 4 }));
const numberAnswer = fc.oneof(
  { arbitrary: quarter(-5, 100), weight: 6 },
  { arbitrary: fc.constantFrom(0.1, 1e-7, -0, 1 / 3), weight: 1 },
  { arbitrary: junk, weight: 1 },
);
const response: fc.Arbitrary<Answers> = fc.record(
  { [SINGLE]: choiceAnswer, [MULTI]: choiceAnswer, [NUM]: numberAnswer, [DEN]: numberAnswer },
  { requiredKeys: [] },
);
const SCHOOLS = 3;
const school = fc.record(Object.fromEntries(ROLES.map((r) => [r, fc.array(response, { maxLength: 8 })])) as Record<Role, fc.Arbitrary<Answers[]>>);

function expectSameStats(actual: CollectedStats | undefined, expected: CollectedStats | undefined) {
  expect(actual === undefined).toBe(expected === undefined);
  if (!actual || !expected) return;
  expect(actual.responses).toEqual(expected.responses);
  expect(Object.keys(actual.indicators).sort()).toEqual(Object.keys(expected.indicators).sort());
  for (const [id, { n, sum, sumSq }] of Object.entries(expected.indicators)) {
    expect(actual.indicators[id]!.n, id).toBe(n);
    // Sums in another order may differ in the last bits.
    expect(Math.abs(actual.indicators[id]!.sum - sum), id).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(sum)));
    if (sumSq === Infinity) expect(actual.indicators[id]!.sumSq, id).toBe(Infinity);
    else expect(Math.abs(actual.indicators[id]!.sumSq - sumSq), id).toBeLessThanOrEqual(1e-9 * Math.max(1, sumSq));
  }
}

/** Every school expects 8 of each role, so the rate passes with 4 answers and only the minimum group decides. */
const EXPECTED = Object.fromEntries(ROLES.map((r) => [r, 8])) as Record<Role, number>;

/** What each path's statistics score to: the same missing reasons and levels, values equal to rounding. */
function expectSameProfile(m: RiskModel, actual: CollectedStats | undefined, expected: CollectedStats | undefined) {
  if (!actual || !expected) return;
  const a = scoreProfile(m, EXPECTED, actual.responses, actual.indicators);
  const b = scoreProfile(m, EXPECTED, expected.responses, expected.indicators);
  expect(a.roles).toEqual(b.roles);
  expect(a.factors.map((f) => f.level)).toEqual(b.factors.map((f) => f.level));
  expect(a.factors.flatMap((f) => f.indicators.map((i) => i.missing))).toEqual(b.factors.flatMap((f) => f.indicators.map((i) => i.missing)));
  const closeAll = (of: (p: typeof a) => Array<number | null | undefined>) =>
    of(a).forEach((v, i) => (v == null ? expect(of(b)[i]).toBe(v) : expect(v).toBeCloseTo(of(b)[i]!, 9)));
  closeAll((p) => p.factors.flatMap((f) => f.indicators.map((i) => i.value)));
  closeAll((p) => p.factors.flatMap((f) => f.indicators.map((i) => i.se)));
  closeAll((p) => p.factors.flatMap((f) => [f.interval?.low, f.interval?.high, f.interval?.se]));
}

/** A model of one factor F over `indicators`, with the default thresholds: for cases built by hand. */
function oneFactorModel(id: string, indicators: RiskModel['factors'][number]['indicators']): RiskModel {
  return { id, title: id, levels: { medium: 0.34, high: 0.67 }, minRate: 0.5, factors: [{ id: 'F', title: 'F', indicators }] };
}

describe.each(TEST_DATABASES)('SQL and in-memory statistics on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  let regionId: number;
  let schoolIds: number[];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.db;
    regionId = (await newRegion(db)).id;
    const municipality = await newMunicipality(db, regionId);
    schoolIds = [];
    for (let i = 0; i < SCHOOLS; i++) schoolIds.push((await newSchool(db, municipality.id)).id);
  });
  afterAll(() => database?.close());

  const allSchools = () =>
    db
      .selectFrom('schools')
      .innerJoin('municipalities', 'municipalities.id', 'schools.municipality_id')
      .select('schools.id')
      .where('municipalities.region_id', '=', regionId);

  /** A new wave holding the given answers, stored as the server stores them (a JSON string into jsonb). */
  async function waveWith(answersBySchool: Array<Record<Role, Answers[]>>) {
    const wave = await newWave(db, regionId);
    const rows = [];
    for (const [i, responses] of answersBySchool.entries()) {
      for (const r of ROLES) {
        if (responses[r].length === 0) continue;
        const link = await db
          .insertInto('links')
          .values({ token: randomUUID(), wave_id: wave.id, school_id: schoolIds[i]!, role: r })
          .returning('id')
          .executeTakeFirstOrThrow();
        rows.push(
          ...responses[r].map((answers) => ({
            wave_id: wave.id,
            school_id: schoolIds[i]!,
            role: r,
            link_id: link.id,
            client_key: randomUUID(),
            answers: JSON.stringify(answers),
          })),
        );
      }
    }
    if (rows.length > 0) await db.insertInto('responses').values(rows).execute();
    return wave.id;
  }

  it('agree on random models and answers, for a territory and for one school', async () => {
    await fc.assert(
      fc.asyncProperty(model, fc.array(school, { minLength: SCHOOLS, maxLength: SCHOOLS }), async (m, data) => {
        const waveId = await waveWith(data);
        const bySql = await collectStatsSql(db, m, waveId, allSchools());
        const inMemory = await collectStatsInMemory(db, m, waveId, allSchools());
        expect([...bySql.keys()].sort()).toEqual([...inMemory.keys()].sort());
        for (const id of schoolIds) {
          expectSameStats(bySql.get(id), inMemory.get(id));
          expectSameProfile(m, bySql.get(id), inMemory.get(id));
        }
        const one = await collectStatsSql(db, m, waveId, schoolIds[0]!);
        expectSameStats(one.get(schoolIds[0]!), inMemory.get(schoolIds[0]!));
      }),
      { numRuns: 40 },
    );
  });

  it('follows the answer rules on a hand-made list of awkward answers', async () => {
    const m = oneFactorModel('edge', [
      { id: 'share', role: 'parent', kind: 'share', question: MULTI, values: ['a', 1], weight: 1 },
      { id: 'choice', role: 'parent', kind: 'choice', question: MULTI, risk: { a: 0.5, '1': 1, dont_know: 1 }, weight: 1 },
      { id: 'na', role: 'parent', kind: 'share', question: MULTI, values: ['a'], notApplicable: ['b', 2], weight: 1 },
      { id: 'rate', role: 'parent', kind: 'rate', best: 0.8, worst: 0.2, weight: 1 },
    ]);
    const answers: unknown[] = [
      ['dont_know'],
      [''],
      [],
      [['a']],
      true,
      {},
      'dont_know',
      '',
      null, // not answered
      ['a', 'b'],
      [1],
      ['1'],
      'a',
      1, // hits: 'a' and 1 match by string form
      [null, 'b'],
      2, // answered, no hit
    ];
    const waveId = await waveWith([{ principal: [], teacher: [], student: [], parent: answers.map((x) => ({ [MULTI]: x })) }]);
    const stats = (await collectStatsSql(db, m, waveId, schoolIds[0]!)).get(schoolIds[0]!)!;
    expect(stats.responses).toEqual({ principal: 0, teacher: 0, student: 0, parent: answers.length });
    expect(stats.indicators.share).toEqual({ n: 7, sum: 5, sumSq: 5 });
    // choice: a single answer only ('a' → 0.5, 1 → 1); lists, 2 and dont_know are not in the map's answers.
    expect(stats.indicators.choice).toEqual({ n: 2, sum: 1.5, sumSq: 0.5 ** 2 + 1 ** 2 });
    // na: as share, but "b" and 2 are not answers: ["a", "b"] still hits; [null, "b"] and 2 leave A; [1], ["1"] and 1 are answered, no hit.
    expect(stats.indicators.na).toEqual({ n: 5, sum: 2, sumSq: 2 });
    // rate: one per response; the engine scores the role's counts.
    expect(stats.indicators.rate).toEqual({ n: answers.length, sum: answers.length, sumSq: answers.length });
    expectSameStats(stats, (await collectStatsInMemory(db, m, waveId, schoolIds[0]!)).get(schoolIds[0]!));
  });

  it('square answers too small or too large for a double without an error, alike on both paths', async () => {
    const m = oneFactorModel('squares', [
      { id: 'mean', role: 'teacher', kind: 'mean', question: NUM, best: 0, worst: 10, weight: 1 },
      { id: 'ratio', role: 'teacher', kind: 'ratio', numerator: NUM, denominator: DEN, best: 0, worst: 1, weight: 1 },
    ]);
    // PostgreSQL refuses 1e-300 · 1e-300 (underflow) and 1e304 · 1e304 (overflow) as errors.
    const teacher = [
      { [NUM]: 1e-300, [DEN]: 1 },
      { [NUM]: 1e4, [DEN]: 1e-300 },
      { [NUM]: 2, [DEN]: 1 },
      { [NUM]: 3, [DEN]: 1 },
      { [NUM]: 4, [DEN]: 1 },
    ];
    const waveId = await waveWith([{ principal: [], teacher, student: [], parent: [] }]);
    const bySql = (await collectStatsSql(db, m, waveId, schoolIds[0]!)).get(schoolIds[0]!)!;
    // mean: 0 + 1e8 + 4 + 9 + 16 (the square of 1e-300 is 0); ratio: 0 + ∞ + 4 + 9 + 16.
    expect(bySql.indicators.mean!.sumSq).toBe(1e8 + 29);
    expect(bySql.indicators.ratio!.sumSq).toBe(Infinity);
    expectSameStats(bySql, (await collectStatsInMemory(db, m, waveId, schoolIds[0]!)).get(schoolIds[0]!));
    // A spread past measuring leaves the ratio's risk free to be anything: its sd is the widest, 1 / (2z).
    const ratio = scoreProfile(m, EXPECTED, bySql.responses, bySql.indicators).factors[0]!;
    expect(ratio.indicators[1]).toMatchObject({ risk: 1, se: Number.MAX_VALUE });
    expect(ratio.interval!.se).toBeCloseTo(Math.hypot(0, 0.5 / (2 * 1.2816)), 12);
  });

  it('withhold an anonymous indicator below five answers on both paths, and score it from five', async () => {
    const m = oneFactorModel('group', [{ id: 'mean', role: 'teacher', kind: 'mean', question: NUM, best: 0, worst: 10, weight: 1 }]);
    // 6 responses (rate 6/8 and a group of 6): the role counts; 4 or 5 of them answered the question.
    const four = [2, 4, 6, 8, 'dont_know', undefined].map((x) => (x === undefined ? {} : { [NUM]: x }));
    const five = [2, 4, 6, 8, 10, 'dont_know'].map((x) => ({ [NUM]: x }));
    for (const [responses, expected] of [
      [four, { n: 4, value: null, se: null, missing: 'too-few-answers' }],
      // sumSq 4 + 16 + 36 + 64 + 100 = 220, s² = (220 − 5·6²) / 4 = 10, se = sqrt(10/5 · (1 − 5/8)) = sqrt(0.75).
      [five, { n: 5, value: 6, risk: 0.6, se: Math.sqrt(0.75), missing: null }],
    ] as const) {
      const waveId = await waveWith([{ principal: [], teacher: [...responses], student: [], parent: [] }]);
      const bySql = (await collectStatsSql(db, m, waveId, schoolIds[0]!)).get(schoolIds[0]!)!;
      const inMemory = (await collectStatsInMemory(db, m, waveId, schoolIds[0]!)).get(schoolIds[0]!)!;
      for (const stats of [bySql, inMemory]) {
        const profile = scoreProfile(m, EXPECTED, stats.responses, stats.indicators);
        expect(profile.roles.teacher.reportable).toBe(true);
        expect(profile.factors[0]!.indicators[0]).toMatchObject(expected);
      }
    }
  });
});
