import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadQuestionnaires } from '../../server/surveys/questionnaires.js';
import { readTranslations } from '../../server/surveys/translations.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLink, newWorld } from '../helpers/fixtures.js';
import { newLoggedInAccount } from '../helpers/auth.js';
import { honestSubmission } from '../helpers/answers.js';

const questionnaires = await loadQuestionnaires();
const shipped = await readTranslations();
const uz = shipped.find((t) => t.role === 'parent' && t.language === 'uz')!;

interface Served {
  survey: unknown;
  translations: Array<{ language: string; name: string; verified: boolean; ui: Record<string, string>; strings: Record<string, string> }>;
}

describe.each(TEST_DATABASES)('questionnaire translations on %s', (kind) => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof newLoggedInAccount>>;
  let adminId: number;
  let parentLink: { id: number; token: string };
  let principalToken: string;

  beforeAll(async () => {
    t = await openTestApp(kind);
    const world = await newWorld(t.database.db);
    parentLink = await newLink(t.database.db, world.wave.id, world.school.id, 'parent');
    principalToken = (await newLink(t.database.db, world.wave.id, world.school.id, 'principal')).token;
    admin = await newLoggedInAccount(t.app, t.database.db, { role: 'admin' });
    adminId = (await t.database.db.selectFrom('users').select('id').where('email', '=', admin.email).executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t?.close());

  const served = async (token: string) => (await t.app.inject({ method: 'GET', url: `/api/links/${token}` })).json() as Served;
  const confirm = (id: string) => t.app.inject({ method: 'POST', url: `/api/admin/translations/${id}/confirm`, headers: admin.headers });

  it('serves the pinned questionnaire untouched with its three translations beside it, none confirmed', async () => {
    const body = await served(parentLink.token);
    expect(body.survey).toEqual(questionnaires.parent.json);
    expect(body.translations.map((x) => [x.language, x.name, x.verified])).toEqual([
      ['ky', 'Кыргызча', false],
      ['tg', 'Тоҷикӣ', false],
      ['uz', 'Oʻzbekcha', false],
    ]);
    const servedUz = body.translations.find((x) => x.language === 'uz')!;
    expect(servedUz.strings['pa_relations.title']).toBe('Maktabdagi munosabatlarni qanday baholaysiz: bolalar oʻrtasida, bolalar va oʻqituvchilar oʻrtasida?');
    expect(Object.keys(servedUz.strings)).toHaveLength(51);
    expect(servedUz.ui.completeText).toBe('Javoblarni yuborish');
    expect((await served(principalToken)).translations).toEqual([]);
  });

  it('lists the translations for review with the Russian beside each string', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/admin/translations', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    const list = res.json() as Array<{ id: string; language: string; strings: Array<{ key: string; russian: string; translated: string }>; confirmedAt: null }>;
    expect(list.map((x) => x.language)).toEqual(['ky', 'tg', 'uz']);
    const order = list.find((x) => x.language === 'uz')!.strings.find((s) => s.key === 'pa_order.title');
    expect(order).toEqual({
      key: 'pa_order.title',
      russian: 'Как вы оцениваете порядок и безопасность в школе?',
      translated: 'Maktabdagi tartib va xavfsizlikni qanday baholaysiz?',
    });
    expect(list.every((x) => x.confirmedAt === null)).toBe(true);
  });

  it("an administrator's confirmation lifts «не проверен» for that language only, once, and is audited", async () => {
    const res = await confirm(uz.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: uz.id, language: 'uz', confirmedBy: admin.email });
    expect((await served(parentLink.token)).translations.map((x) => [x.language, x.verified])).toEqual([
      ['ky', false],
      ['tg', false],
      ['uz', true],
    ]);
    const entries = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'translation.confirm').execute();
    expect(entries.map((e) => [e.user_id, e.entity, e.entity_id, e.details])).toEqual([[adminId, 'translation', uz.id, { role: 'parent', language: 'uz' }]]);

    const again = await confirm(uz.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('translation_already_confirmed');
    const unknown = await confirm('f'.repeat(64));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('translation_not_found');
  });

  it('stores an answer from the Uzbek page as the same values, counted alike: the server never sees the language', async () => {
    const answers = {
      pa_child_grade: '7',
      pa_relations: 4,
      pa_order: 'dont_know',
      pa_meetings: 'sometimes',
      pa_follow_studies: 'weekly',
      pa_informed: 'not_always',
    };
    const ids: number[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/links/${parentLink.token}/responses`,
        payload: await honestSubmission(t.database.db, parentLink, answers),
      });
      expect(res.statusCode).toBe(201);
      ids.push(res.json().id);
    }
    const rows = await t.database.db.selectFrom('responses').select(['id', 'answers', 'counted']).where('id', 'in', ids).orderBy('id').execute();
    expect(rows.map((r) => [r.answers, r.counted])).toEqual([
      [answers, true],
      [answers, true],
    ]);
    // What the Uzbek page shows is never a value: its text is refused, and a language cannot ride along.
    const asText = await t.app.inject({
      method: 'POST',
      url: `/api/links/${parentLink.token}/responses`,
      payload: await honestSubmission(t.database.db, parentLink, { ...answers, pa_relations: uz.strings['pa_relations.choice.4'] }),
    });
    expect(asText.statusCode).toBe(400);
    expect(asText.json().code).toBe('invalid_answers');
    const withLanguage = await t.app.inject({
      method: 'POST',
      url: `/api/links/${parentLink.token}/responses`,
      payload: { ...(await honestSubmission(t.database.db, parentLink, answers)), language: 'uz' },
    });
    expect(withLanguage.statusCode).toBe(400);
  });
});
