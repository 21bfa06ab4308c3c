import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadQuestionnaires } from '../../server/surveys/questionnaires.js';
import type { Role } from '../../server/shared/roles.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLink, newWorld } from '../helpers/fixtures.js';
import { countedAnswers } from '../helpers/answers.js';

// docs/methodology.md §7: what an answer must say before it is stored and counted.
const questionnaires = await loadQuestionnaires();
const DONT_KNOW = 'dont_know';

/** The scored questions of a role that offer «затрудняюсь ответить». */
const withDontKnow = (role: Role) =>
  questionnaires[role].counting.questions.filter((name) => {
    const spec = questionnaires[role].questions.get(name)!;
    return spec.type === 'single' && spec.values.has(DONT_KNOW);
  });

describe.each(TEST_DATABASES)('what an answer must say to count, on %s', (kind) => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof newWorld>>;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    t = await openTestApp(kind);
    world = await newWorld(t.database.db);
    for (const role of ['principal', 'teacher', 'student', 'parent'] as const) {
      tokens[role] = (await newLink(t.database.db, world.wave.id, world.school.id, role)).token;
    }
  });
  afterAll(() => t?.close());

  const submit = (role: Role, answers: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/links/${tokens[role]}/responses`, payload: { answers, clientKey: randomUUID() } });
  const stored = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('responses')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('tells the page which questions count and how many are needed', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/links/${tokens.parent}` });
    const { questions, minAnswered } = questionnaires.parent.counting;
    expect(res.json().counting).toEqual({ questions: [...questions], minAnswered });
    // The context question (the child's grade) is not scored, so it does not count.
    expect(questions).not.toContain('pa_child_grade');
    expect(minAnswered).toBe(Math.ceil(0.5 * questions.length));
  });

  it.each([
    ['nothing', {}],
    ['only nulls', Object.fromEntries(questionnaires.parent.counting.questions.map((name) => [name, null]))],
    ['only the context question', { pa_child_grade: '5' }],
  ])('refuses an answer of %s with 422 too_few_answers and stores nothing', async (_title, answers) => {
    const before = await stored();
    const res = await submit('parent', answers);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'too_few_answers', details: { answered: 0, required: questionnaires.parent.counting.minAnswered } });
    expect(res.json().message).toMatch(/answer at least \d+ more/);
    expect(await stored()).toBe(before);
  });

  it('counts an answer from exactly the minimum on, on every questionnaire', async () => {
    for (const role of ['principal', 'teacher', 'student', 'parent'] as const) {
      const enough = countedAnswers(role);
      const oneShort = Object.fromEntries(Object.entries(enough).slice(1));
      const refused = await submit(role, oneShort);
      expect(refused.statusCode, role).toBe(422);
      expect(refused.json().details).toEqual({ answered: questionnaires[role].counting.minAnswered - 1, required: questionnaires[role].counting.minAnswered });
      expect((await submit(role, enough)).statusCode, role).toBe(201);
    }
  });

  it('counts «затрудняюсь ответить» as an answer', async () => {
    const names = withDontKnow('parent');
    expect(names.length).toBeGreaterThan(0);
    // Just enough with the «затрудняюсь ответить» ones: one short if they did not count.
    const others = Object.entries(countedAnswers('parent')).filter(([name]) => !names.includes(name));
    const answers = {
      ...Object.fromEntries(names.map((name) => [name, DONT_KNOW])),
      ...Object.fromEntries(others.slice(0, questionnaires.parent.counting.minAnswered - names.length)),
    };
    expect((await submit('parent', answers)).statusCode).toBe(201);
  });

  it('does not count an empty multiple choice', async () => {
    const multi = questionnaires.teacher.counting.questions.find((name) => questionnaires.teacher.questions.get(name)!.type === 'multi');
    if (!multi) return;
    const answers = { ...countedAnswers('teacher'), [multi]: [] };
    const res = await submit('teacher', Object.fromEntries(Object.entries(answers).filter(([name]) => name !== Object.keys(countedAnswers('teacher'))[0])));
    expect(res.statusCode).toBe(422);
  });

  it('refuses a principal part larger than its total with 422, naming the question', async () => {
    const before = await stored();
    // A school large enough that only the pair under test can break a rule.
    const base = { ...countedAnswers('principal'), p_students_total: 1000 };
    for (const [part, total] of [
      ['p_teachers_60plus', 'p_teachers_total'],
      ['p_students_2_11', 'p_students_total'],
      ['p_students_failing', 'p_students_2_11'],
      ['p_students_ovz', 'p_students_total'],
      ['p_students_weak_russian', 'p_students_total'],
    ]) {
      const res = await submit('principal', { ...base, [total]: 10, [part]: 11 });
      expect(res.statusCode, part).toBe(422);
      expect(res.json().code).toBe('part_exceeds_total');
      expect(res.json().message).toContain(`"${part}"`);
      expect(res.json().details).toEqual([expect.objectContaining({ question: part, total })]);
    }
    expect(await stored()).toBe(before);
    // Equal is allowed, and a part without its total has nothing to be compared with.
    expect((await submit('principal', { ...base, p_teachers_total: 10, p_teachers_60plus: 10 })).statusCode).toBe(201);
    const everything: Record<string, unknown> = Object.fromEntries(
      [...questionnaires.principal.questions.values()].map((q) => [q.name, q.type === 'number' ? q.min : [...q.values][0]]),
    );
    const withoutTotal: Record<string, unknown> = { ...everything, p_teachers_60plus: 40 };
    delete withoutTotal.p_teachers_total;
    expect((await submit('principal', withoutTotal)).statusCode).toBe(201);
  });
});
