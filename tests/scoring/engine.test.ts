import { describe, expect, it } from 'vitest';
import { collectStats, computeProfile, mergeStats, scoreProfile } from '../../server/scoring/engine.js';
import type { ChoiceIndicator, IndicatorResult, MeanIndicator, RateIndicator, RatioIndicator, ShareIndicator } from '../../server/scoring/model.js';
import { answersTo, byRole, modelWith, onlyFactor, profileOf } from './model-fixtures.js';

const share = (extra: Partial<ShareIndicator> = {}): ShareIndicator => ({
  id: 'share',
  role: 'principal',
  kind: 'share',
  question: 't_pc',
  values: ['no'],
  weight: 1,
  ...extra,
});
const mean = (extra: Partial<MeanIndicator> = {}): MeanIndicator => ({
  id: 'mean',
  role: 'principal',
  kind: 'mean',
  question: 't_rating',
  best: 5,
  worst: 1,
  weight: 1,
  ...extra,
});
const choice = (extra: Partial<ChoiceIndicator> = {}): ChoiceIndicator => ({
  id: 'choice',
  role: 'principal',
  kind: 'choice',
  question: 't_speed',
  risk: { none: 1, slow: 0.6, medium: 0.2, fast: 0 },
  weight: 1,
  ...extra,
});
const ratio = (extra: Partial<RatioIndicator> = {}): RatioIndicator => ({
  id: 'ratio',
  role: 'principal',
  kind: 'ratio',
  numerator: 't_num',
  denominator: 't_den',
  best: 0,
  worst: 0.1,
  weight: 1,
  ...extra,
});
const rate = (extra: Partial<RateIndicator> = {}): RateIndicator => ({
  id: 'rate',
  role: 'parent',
  kind: 'rate',
  best: 0.8,
  worst: 0.2,
  weight: 1,
  ...extra,
});

function onlyIndicator(profile: ReturnType<typeof profileOf>): IndicatorResult {
  const [indicator] = onlyFactor(profile).indicators;
  if (!indicator) throw new Error('no indicator');
  return indicator;
}

describe(computeProfile.name, () => {
  describe('role eligibility', () => {
    const teacherShare = () => share({ role: 'teacher' });
    const answers = answersTo('t_pc', ['no', 'yes', 'yes', 'yes', 'yes']);

    it('counts a role whose participation is exactly minRate', () => {
      const profile = profileOf(modelWith([teacherShare()]), { teacher: answers }, { teacher: 10 });
      expect(profile.roles.teacher).toEqual({ expected: 10, responses: 5, rate: 5 / 10, reportable: true });
      expect(onlyIndicator(profile)).toMatchObject({ missing: null, n: 5, value: 1 / 5 });
    });

    it('drops a role below minRate but still reports how many answered', () => {
      const profile = profileOf(modelWith([teacherShare()]), { teacher: answers.slice(0, 4) }, { teacher: 10 });
      expect(profile.roles.teacher).toEqual({ expected: 10, responses: 4, rate: 4 / 10, reportable: false });
      expect(onlyIndicator(profile)).toEqual({
        id: 'share',
        role: 'teacher',
        kind: 'share',
        weight: 1,
        value: null,
        risk: null,
        se: null,
        n: 4,
        missing: 'role-not-reportable',
      });
    });

    it('drops an anonymous role of 4 responses even at a rate above minRate', () => {
      // 4 of 5 expected: rate 0.8 ≥ 0.5, but fewer than five respondents.
      const profile = profileOf(modelWith([teacherShare()]), { teacher: answers.slice(0, 4) }, { teacher: 5 });
      expect(profile.roles.teacher).toEqual({ expected: 5, responses: 4, rate: 4 / 5, reportable: false });
      expect(onlyIndicator(profile)).toMatchObject({ n: 4, value: null, risk: null, missing: 'role-not-reportable' });
      // The fifth response makes the role count: 5 of 5.
      const five = profileOf(modelWith([teacherShare()]), { teacher: answers }, { teacher: 5 });
      expect(five.roles.teacher.reportable).toBe(true);
      expect(onlyIndicator(five)).toMatchObject({ n: 5, value: 1 / 5, risk: 1 / 5, missing: null });
    });

    it('counts the principal alone: the principal is not anonymous', () => {
      const profile = profileOf(modelWith([share()]), { principal: answersTo('t_pc', ['no']) }, { principal: 1 });
      expect(profile.roles.principal).toEqual({ expected: 1, responses: 1, rate: 1, reportable: true });
      expect(onlyIndicator(profile)).toMatchObject({ n: 1, value: 1, risk: 1, missing: null });
    });

    it('uses each role its own minRate and 0.5 for a role missing from the map', () => {
      const model = modelWith(
        [
          share({ id: 'parent', role: 'parent', question: 'q' }),
          share({ id: 'teacher', role: 'teacher', question: 'q' }),
          share({ id: 'student', role: 'student', question: 'q' }),
        ],
        { minRate: { parent: 0.2, teacher: 0.8 } },
      );
      const ten = answersTo('q', Array(10).fill('no'));
      const profile = profileOf(
        model,
        { parent: ten.slice(0, 5), teacher: ten.slice(0, 7), student: ten.slice(0, 5) },
        { parent: 25, teacher: 10, student: 10 },
      );
      expect(profile.roles.parent.reportable).toBe(true); // 5/25 = 0.2 ≥ 0.2
      expect(profile.roles.teacher.reportable).toBe(false); // 7/10 = 0.7 < 0.8
      expect(profile.roles.student.reportable).toBe(true); // 5/10 = 0.5 ≥ default 0.5
      expect(onlyFactor(profile).indicators.map((i) => i.missing)).toEqual([null, 'role-not-reportable', null]);

      const fewerStudents = profileOf(model, { student: ten.slice(0, 5) }, { student: 11 });
      expect(fewerStudents.roles.student.reportable).toBe(false); // 5/11 ≈ 0.45 < default 0.5
    });

    it('never reports a role nobody is expected in, whatever arrived', () => {
      const profile = profileOf(modelWith([teacherShare()]), { teacher: answers }, { teacher: 0 });
      expect(profile.roles.teacher).toEqual({ expected: 0, responses: 5, rate: null, reportable: false });
      expect(onlyIndicator(profile).missing).toBe('role-not-reportable');
    });

    it('keeps a rate above 1 as it is and reports the role', () => {
      const profile = profileOf(modelWith([teacherShare()]), { teacher: answers }, { teacher: 4 });
      expect(profile.roles.teacher).toEqual({ expected: 4, responses: 5, rate: 5 / 4, reportable: true });
    });

    it('lists every role, including ones the model does not use', () => {
      const profile = profileOf(modelWith([teacherShare()]), { teacher: answers });
      expect(Object.keys(profile.roles)).toEqual(['principal', 'teacher', 'student', 'parent']);
      expect(profile.roles.principal).toEqual({ expected: 0, responses: 0, rate: null, reportable: false });
    });
  });

  describe('minimum group of an anonymous indicator', () => {
    // Six teachers answered (a reportable role); of them, `values.length` answered the question.
    const teachers = (values: unknown[]) => answersTo('t_rating', [...values, ...Array(6 - values.length).fill('dont_know')]);
    const model = modelWith([mean({ role: 'teacher', best: 0, worst: 10 })]);

    it('withholds an indicator with 4 answers (too-few-answers), and reports that 4 answered', () => {
      const result = onlyIndicator(profileOf(model, { teacher: teachers([2, 4, 6, 8]) }));
      expect(result).toEqual({ id: 'mean', role: 'teacher', kind: 'mean', weight: 1, value: null, risk: null, se: null, n: 4, missing: 'too-few-answers' });
    });

    it('scores an indicator with 5 answers', () => {
      const result = onlyIndicator(profileOf(model, { teacher: teachers([2, 4, 6, 8, 10]) }));
      expect(result).toMatchObject({ n: 5, value: 6, risk: 0.6, missing: null }); // (2+4+6+8+10)/5 = 6; (6−0)/10
    });

    it('leaves the factor without the withheld indicator: its weight counts against coverage', () => {
      const two = modelWith([
        mean({ id: 'few', role: 'teacher', best: 0, worst: 10 }),
        mean({ id: 'many', role: 'teacher', question: 'other', best: 0, worst: 10 }),
      ]);
      const teacher = [2, 4, 6, 8, 'dont_know', 'dont_know'].map((x) => ({ t_rating: x, other: 5 }));
      const factor = onlyFactor(profileOf(two, { teacher }));
      expect(factor.indicators.map((i) => i.missing)).toEqual(['too-few-answers', null]);
      expect(factor.coverage).toBe(1 / 2);
      expect(factor.score).toBe(0.5); // only `many`: (5−0)/10
    });
  });

  describe('share', () => {
    it('is the share of answers in values, with risk equal to it by default', () => {
      const result = onlyIndicator(profileOf(modelWith([share()]), { principal: answersTo('t_pc', ['no', 'yes', 'yes', 'yes']) }));
      expect(result).toEqual({ id: 'share', role: 'principal', kind: 'share', weight: 1, value: 1 / 4, risk: 1 / 4, se: 0, n: 4, missing: null });
    });

    it('rescales between best and worst and clamps at worst', () => {
      const model = modelWith([share({ values: ['yes'], best: 0, worst: 0.5 })]);
      const fewYes = onlyIndicator(profileOf(model, { principal: answersTo('t_pc', ['yes', 'no', 'no', 'no', 'no']) }));
      expect(fewYes.value).toBe(1 / 5);
      expect(fewYes.risk).toBeCloseTo((1 / 5 - 0) / (0.5 - 0), 12);
      const manyYes = onlyIndicator(profileOf(model, { principal: answersTo('t_pc', ['yes', 'yes', 'yes', 'no', 'no']) }));
      expect(manyYes.value).toBe(3 / 5);
      expect(manyYes.risk).toBe(1); // (0.6 - 0) / 0.5 = 1.2, clamped
    });

    it('leaves skipped, empty and dont_know answers out of the denominator', () => {
      // Six responses: absent key, null, '', dont_know, and two real answers.
      const result = onlyIndicator(profileOf(modelWith([share()]), { principal: answersTo('t_pc', [undefined, null, '', 'dont_know', 'no', 'yes']) }));
      expect(result).toMatchObject({ n: 2, value: 1 / 2, risk: 1 / 2 });
    });

    it('counts a multi-select answer as a hit when any element is in values and ignores dont_know elements', () => {
      const answers = answersTo('t_pc', [
        ['a', 'b'], // hit
        ['c'], // answered, no hit
        ['dont_know'], // not answered
        [], // not answered
        ['b', 'dont_know'], // hit: dont_know ignored
      ]);
      const result = onlyIndicator(profileOf(modelWith([share({ values: ['b'] })]), { principal: answers }));
      expect(result).toMatchObject({ n: 3, value: 2 / 3, risk: 2 / 3 });
    });

    it('matches numeric and string choice values by their string form', () => {
      const result = onlyIndicator(profileOf(modelWith([share({ values: [1] })]), { principal: answersTo('t_pc', [1, '1', 2]) }));
      expect(result).toMatchObject({ n: 3, value: 2 / 3 });
    });
  });

  describe('mean', () => {
    it('averages only numeric answers and rescales a scale where high is good', () => {
      // 'dont_know', null and the numeric string '3' are not numeric answers.
      const result = onlyIndicator(profileOf(modelWith([mean()]), { principal: answersTo('t_rating', [5, 4, 1, 'dont_know', null, '3']) }));
      const value = (5 + 4 + 1) / 3;
      expect(result.n).toBe(3);
      expect(result.value).toBeCloseTo(value, 12);
      expect(result.risk).toBeCloseTo((value - 5) / (1 - 5), 12); // = 5/12
    });

    it('rescales a scale where high is bad', () => {
      const result = onlyIndicator(profileOf(modelWith([mean({ best: 0, worst: 50 })]), { principal: answersTo('t_rating', [20, 30]) }));
      expect(result).toMatchObject({ value: 25, risk: (25 - 0) / (50 - 0) });
    });

    it('clamps risk to 0 beyond best and to 1 beyond worst, in both directions', () => {
      const lowIsBad = modelWith([mean({ best: 10, worst: 50 })]);
      expect(onlyIndicator(profileOf(lowIsBad, { principal: answersTo('t_rating', [0]) })).risk).toBe(0); // (0-10)/40 = -0.25
      expect(onlyIndicator(profileOf(lowIsBad, { principal: answersTo('t_rating', [80]) })).risk).toBe(1); // (80-10)/40 = 1.75
      const highIsGood = modelWith([mean({ best: 4, worst: 2 })]);
      expect(onlyIndicator(profileOf(highIsGood, { principal: answersTo('t_rating', [5]) })).risk).toBe(0); // (5-4)/(2-4) = -0.5
      expect(onlyIndicator(profileOf(highIsGood, { principal: answersTo('t_rating', [1]) })).risk).toBe(1); // (1-4)/(2-4) = 1.5
      expect(onlyIndicator(profileOf(highIsGood, { principal: answersTo('t_rating', [3]) })).risk).toBe(0.5); // (3-4)/(2-4)
    });
  });

  describe('choice', () => {
    it('averages the risk of each answer and skips answers absent from the risk map', () => {
      // 'other' is not in the map and 'dont_know' is never an answer: A = slow, fast, medium.
      const result = onlyIndicator(profileOf(modelWith([choice()]), { principal: answersTo('t_speed', ['slow', 'fast', 'other', 'dont_know', 'medium']) }));
      expect(result.n).toBe(3);
      expect(result.value).toBeCloseTo((0.6 + 0 + 0.2) / 3, 12);
      expect(result.risk).toBe(result.value);
    });

    it('is missing when no answer is in the risk map', () => {
      const result = onlyIndicator(profileOf(modelWith([choice()]), { principal: answersTo('t_speed', ['other', 'dont_know']) }));
      expect(result).toMatchObject({ n: 0, value: null, risk: null, missing: 'no-answers' });
    });
  });

  describe('ratio', () => {
    it('averages numerator / denominator over responses with both numbers and a positive denominator', () => {
      const answers = [
        { t_num: 1, t_den: 20 }, // 0.05
        { t_num: 2, t_den: 0 }, // denominator 0: not in A
        { t_num: 5 }, // no denominator
        { t_den: 10 }, // no numerator
        { t_num: 'dont_know', t_den: 10 },
        { t_num: 3, t_den: 40 }, // 0.075
      ];
      const result = onlyIndicator(profileOf(modelWith([ratio()]), { principal: answers }));
      const value = (1 / 20 + 3 / 40) / 2;
      expect(result.n).toBe(2);
      expect(result.value).toBeCloseTo(value, 12);
      expect(result.risk).toBeCloseTo((value - 0) / (0.1 - 0), 12); // 0.625
    });

    it('is missing when every denominator is 0', () => {
      const result = onlyIndicator(profileOf(modelWith([ratio()]), { principal: [{ t_num: 1, t_den: 0 }] }));
      expect(result).toMatchObject({ n: 0, missing: 'no-answers' });
    });
  });

  describe('share with notApplicable answers (docs/methodology.md §2)', () => {
    const teachers = share({ role: 'teacher', question: 't_often', values: ['often'], notApplicable: ['no_such_students'] });

    it('leaves «таких учеников нет» out of A, like dont_know: 3 «Часто» of 10 teachers, 2 not applicable → 3/8', () => {
      const answers = answersTo('t_often', [
        'often',
        'often',
        'often',
        'no_such_students',
        'no_such_students',
        'rarely',
        'rarely',
        'sometimes',
        'sometimes',
        'rarely',
      ]);
      expect(onlyIndicator(profileOf(modelWith([teachers]), { teacher: answers }))).toMatchObject({ n: 8, value: 3 / 8, risk: 3 / 8, missing: null });
    });

    it('neither raises nor lowers the risk: the same answers without the not-applicable ones score alike', () => {
      const some = ['often', 'rarely', 'rarely', 'sometimes', 'often', 'rarely'];
      const withNa = profileOf(modelWith([teachers]), { teacher: answersTo('t_often', [...some, 'no_such_students', 'no_such_students']) });
      const without = profileOf(modelWith([teachers]), { teacher: answersTo('t_often', some) }, { teacher: 8 });
      expect(onlyIndicator(withNa)).toEqual(onlyIndicator(without));
    });

    it('drops not-applicable elements of a multi-select answer one by one; a list left empty is not answered', () => {
      const multi = share({ question: 't_did', values: ['nothing'], notApplicable: ['no_vpr'] });
      const answers = answersTo('t_did', [['no_vpr'], ['no_vpr', 'dont_know'], ['no_vpr', 'errors'], ['nothing'], ['no_vpr', 'nothing']]);
      // A: ["errors"] → 0, ["nothing"] → 1, ["nothing"] → 1; the first two are empty once dropped.
      expect(onlyIndicator(profileOf(modelWith([multi]), { principal: answers }))).toMatchObject({ n: 3, value: 2 / 3 });
    });

    it('counts only what is left toward the minimum group: 4 answers besides the not-applicable ones are too few', () => {
      const answers = answersTo('t_often', ['often', 'rarely', 'rarely', 'rarely', 'no_such_students', 'no_such_students']);
      expect(onlyIndicator(profileOf(modelWith([teachers]), { teacher: answers }))).toMatchObject({ n: 4, missing: 'too-few-answers' });
    });
  });

  describe('rate', () => {
    const parents = (n: number) => Array.from({ length: n }, () => ({}));

    it('scores the role’s participation: 45 of 120 parents → 0.375, risk (0.375 − 0.8) / (0.2 − 0.8) ≈ 0.7083', () => {
      const result = onlyIndicator(profileOf(modelWith([rate()]), { parent: parents(45) }, { parent: 120 }));
      expect(result).toMatchObject({ kind: 'rate', n: 45, value: 0.375, missing: null });
      expect(result.risk).toBeCloseTo(0.7083333333, 9);
    });

    it('is missing as no-roster when nobody of the role is expected', () => {
      expect(onlyIndicator(profileOf(modelWith([rate()]), { parent: parents(3) }, { parent: 0 }))).toEqual({
        id: 'rate',
        role: 'parent',
        kind: 'rate',
        weight: 1,
        value: null,
        risk: null,
        se: null,
        n: 3,
        missing: 'no-roster',
      });
    });

    it('is a count, not an answer: 3 responses of 4 expected parents score though the role is not reportable', () => {
      const profile = profileOf(modelWith([rate(), share({ role: 'parent' })]), { parent: parents(3) }, { parent: 4 });
      expect(profile.roles.parent.reportable).toBe(false);
      const [rateResult, shareResult] = onlyFactor(profile).indicators;
      expect(rateResult).toMatchObject({ n: 3, value: 0.75, missing: null });
      expect(rateResult.risk).toBeCloseTo((0.75 - 0.8) / (0.2 - 0.8), 12);
      expect(shareResult).toMatchObject({ missing: 'role-not-reportable' });
    });

    it('is 0 responses of those expected when nobody answered, at full risk below worst', () => {
      expect(onlyIndicator(profileOf(modelWith([rate()]), {}, { parent: 50 }))).toMatchObject({ n: 0, value: 0, risk: 1, missing: null });
    });
  });

  describe('factor score and level', () => {
    it('weights the risks of the indicators present', () => {
      // choice risk 0.6 with weight 2; share risk 1/4 with weight 1.
      const model = modelWith([choice({ weight: 2 }), share()]);
      const factor = onlyFactor(
        profileOf(model, { principal: [{ t_speed: 'slow', t_pc: 'no' }, { t_speed: 'slow', t_pc: 'yes' }, { t_pc: 'yes' }, { t_pc: 'yes' }] }),
      );
      expect(factor.coverage).toBe(1);
      expect(factor.score).toBeCloseTo((2 * 0.6 + 1 * 0.25) / 3, 12);
      expect(factor.level).toBe('medium'); // 0.4833 ∈ [0.34, 0.67)
    });

    it('scores a factor whose coverage is exactly 0.5 from the indicators present', () => {
      const model = modelWith([choice({ weight: 1 }), share({ id: 'parents', role: 'parent', weight: 1 })]);
      const factor = onlyFactor(profileOf(model, { principal: answersTo('t_speed', ['none']) }));
      expect(factor.coverage).toBe(1 / (1 + 1));
      expect(factor.score).toBe((1 * 1) / 1);
      expect(factor.level).toBe('high');
      expect(factor.indicators.map((i) => i.missing)).toEqual([null, 'role-not-reportable']);
    });

    it('withholds the score when coverage is below 0.5', () => {
      const model = modelWith([choice({ weight: 1 }), share({ id: 'parents', role: 'parent', weight: 2 })]);
      const factor = onlyFactor(profileOf(model, { principal: answersTo('t_speed', ['none']) }));
      expect(factor.coverage).toBeCloseTo(1 / (1 + 2), 12);
      expect(factor.score).toBeNull();
      expect(factor.level).toBe('insufficient');
    });

    it('is insufficient with coverage 0 when nothing was answered', () => {
      const factor = onlyFactor(profileOf(modelWith([choice(), mean()]), {}));
      expect(factor).toMatchObject({ id: 'F', title: 'Фактор', score: null, level: 'insufficient', coverage: 0 });
    });

    it('uses the factor thresholds over the model thresholds', () => {
      const principal = answersTo('t_speed', ['slow']); // score 0.6
      const withModelLevels = onlyFactor(profileOf(modelWith([choice()]), { principal }));
      expect(withModelLevels.level).toBe('medium'); // 0.34 ≤ 0.6 < 0.67
      const withOwnLevels = onlyFactor(profileOf(modelWith([choice()], {}, { levels: { medium: 0.3, high: 0.6 } }), { principal }));
      expect(withOwnLevels.level).toBe('high'); // 0.6 ≥ 0.6
    });

    it('puts a score equal to a threshold in the higher level', () => {
      const levelAt = (risk: number) => onlyFactor(profileOf(modelWith([choice({ risk: { a: risk } })]), { principal: answersTo('t_speed', ['a']) })).level;
      expect(levelAt(0.67)).toBe('high');
      expect(levelAt(0.6699)).toBe('medium');
      expect(levelAt(0.34)).toBe('medium');
      expect(levelAt(0.3399)).toBe('low');
      expect(levelAt(0)).toBe('low');
    });
  });

  describe('two-stage computation', () => {
    const model = modelWith([share(), mean()]);
    const principal = [{ t_pc: 'no', t_rating: 2 }, { t_pc: 'yes' }, { t_rating: 'dont_know' }];

    it('collects n, sum, the sum of squares and responses per role', () => {
      expect(collectStats(model, byRole({ principal }, []))).toEqual({
        responses: { principal: 3, teacher: 0, student: 0, parent: 0 },
        indicators: { share: { n: 2, sum: 1, sumSq: 1 }, mean: { n: 1, sum: 2, sumSq: 4 } },
      });
    });

    it('merges statistics of two groups of responses into those of all of them', () => {
      const merged = mergeStats(
        collectStats(model, byRole({ principal: principal.slice(0, 1) }, [])),
        collectStats(model, byRole({ principal: principal.slice(1) }, [])),
      );
      expect(merged).toEqual(collectStats(model, byRole({ principal }, [])));
    });

    it('scores statistics from elsewhere, treating an indicator they omit as unanswered', () => {
      const profile = scoreProfile(model, byRole({ principal: 3 }, 0), byRole({ principal: 3 }, 0), { share: { n: 2, sum: 1, sumSq: 1 } });
      const [shareResult, meanResult] = onlyFactor(profile).indicators;
      expect(shareResult).toMatchObject({ n: 2, value: 1 / 2, risk: 1 / 2, missing: null });
      expect(meanResult).toMatchObject({ n: 0, value: null, missing: 'no-answers' });
      expect(profile.modelId).toBe('test-model');
    });
  });
});
