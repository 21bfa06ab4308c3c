import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmeDocx } from '../../server/programmes/programme-docx.js';
import { MAX_EVIDENCE_BYTES } from '../../server/programmes/evidence-type.js';
import type { Programme } from '../../server/programmes/programmes.schemas.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { newLink, newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f2b3c00000000049454e44ae426082',
  'hex',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const measure = (action: string, extra: object = {}) => ({
  action,
  deadline: '2030-05-20',
  responsible: 'Заместитель директора по УВР',
  expectedResult: 'Учителя применяют приёмы на уроках',
  target: { kind: 'factor', id: 'R1' },
  ...extra,
});

describe.each(TEST_DATABASES)('antirisk programmes on %s', (kind) => {
  let t: TestApp;
  let waveId: number;
  let school: { id: number; name: string };
  let otherSchool: { id: number };
  type Account = LoggedIn & { email: string };
  let team: Account;
  let otherTeam: Account;
  let curator: Account;
  let otherCurator: Account;
  let region: Account;
  let municipality: Account;

  beforeAll(async () => {
    t = await openTestApp(kind);
    const db = t.database.db;
    const r = await newRegion(db);
    const m = await newMunicipality(db, r.id);
    const m2 = await newMunicipality(db, r.id);
    school = await newSchool(db, m.id, { parent: 10 }, 'МБОУ «Берёзовская СОШ № 1»');
    otherSchool = await newSchool(db, m2.id);
    waveId = (await newWave(db, r.id)).id;
    for (const s of [school, otherSchool]) {
      await newLink(db, waveId, s.id, 'parent');
      await db
        .insertInto('school_priorities')
        .values([
          { wave_id: waveId, school_id: s.id, position: 1, factor_id: 'R1' },
          { wave_id: waveId, school_id: s.id, position: 2, factor_id: 'R3' },
        ])
        .execute();
    }
    team = await newLoggedInAccount(t.app, db, { role: 'school', schoolId: school.id });
    otherTeam = await newLoggedInAccount(t.app, db, { role: 'school', schoolId: otherSchool.id });
    region = await newLoggedInAccount(t.app, db, { role: 'region', regionId: r.id });
    municipality = await newLoggedInAccount(t.app, db, { role: 'municipality', municipalityId: m.id });
    curator = await newLoggedInAccount(t.app, db, { role: 'curator', regionId: r.id, name: 'Анна Куратова' });
    otherCurator = await newLoggedInAccount(t.app, db, { role: 'curator', regionId: r.id });
    for (const [session, schoolId] of [
      [curator, school.id],
      [otherCurator, otherSchool.id],
    ] as const) {
      const { id } = await db.selectFrom('users').select('id').where('email', '=', session.email).executeTakeFirstOrThrow();
      await db.insertInto('curator_schools').values({ curator_id: id, school_id: schoolId }).execute();
    }
  });
  afterAll(() => t?.close());

  const call = (who: LoggedIn, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  const create = (who: LoggedIn, factorId: string, schoolId = school.id) =>
    call(who, 'POST', `/api/waves/${waveId}/schools/${schoolId}/programmes`, { factorId });
  const upload = (who: LoggedIn, programme: Programme, file: Buffer, filename: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/programmes/${programme.id}/measures/${programme.measures[0].id}/evidence?filename=${encodeURIComponent(filename)}`,
      headers: { ...who.headers, 'content-type': 'application/octet-stream' },
      payload: file,
    });

  it('lets the team create one programme per priority, and nobody else', async () => {
    expect((await create(team, 'R2')).json()).toMatchObject({ statusCode: 409, code: 'not_a_priority' });
    for (const who of [curator, region, municipality]) expect((await create(who, 'R3')).statusCode).toBe(403);
    expect((await create(otherTeam, 'R3')).statusCode).toBe(403);
    const created = await create(team, 'R3');
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ state: 'draft', version: 0, factor: { id: 'R3' }, actions: { edit: true, submit: true, review: false } });
    expect((await create(team, 'R3')).json().code).toBe('programme_exists');
    // What a measure may aim at is the model's structure, offered before any figure is out, each indicator in words.
    const targets: Programme['targets'] = created.json().targets;
    expect(targets.map((f) => f.factorId)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10']);
    const equipment = targets[0].indicators.find((i) => i.id === 'R1.classroom_equipment')!;
    expect(equipment.title).toMatch(/^R1\.classroom_equipment\. \S/);
    const list = (await call(team, 'GET', `/api/waves/${waveId}/schools/${school.id}/programmes`)).json();
    expect(list.priorities.map((p: { factorId: string; state: string | null }) => [p.factorId, p.state])).toEqual([
      ['R1', null],
      ['R3', 'draft'],
    ]);
  });

  it('goes draft → submitted → returned → resubmitted → approved, refusing every other step', async () => {
    const programme: Programme = (await create(team, 'R1')).json();
    const url = `/api/programmes/${programme.id}`;
    const incomplete = await call(team, 'POST', `${url}/submit`);
    expect(incomplete.json()).toMatchObject({ statusCode: 422, code: 'programme_incomplete', details: { missing: ['goal', 'tasks', 'measures'] } });

    const content = { goal: 'Оснастить кабинеты', tasks: ['Составить перечень'], measures: [measure('Закупить проекторы')], version: 0 };
    expect((await call(team, 'PUT', url, { ...content, measures: [measure('x', { target: { kind: 'factor', id: 'R99' } })] })).json().code).toBe(
      'unknown_target',
    );
    const saved = await call(team, 'PUT', url, content);
    expect(saved.json()).toMatchObject({
      version: 1,
      goal: 'Оснастить кабинеты',
      measures: [{ action: 'Закупить проекторы', targetTitle: expect.stringMatching(/^R1\. /), status: 'planned' }],
    });
    expect((await call(team, 'PUT', url, content)).json().code).toBe('programme_changed');
    expect((await call(curator, 'PUT', url, { ...content, version: 1 })).statusCode).toBe(403);

    expect((await call(curator, 'POST', `${url}/review`, { decision: 'approve' })).json().code).toBe('programme_transition');
    expect((await call(curator, 'POST', `${url}/remarks`, { body: 'Рано' })).json().code).toBe('programme_draft');
    expect((await call(team, 'POST', `${url}/submit`)).json().state).toBe('submitted');
    expect((await call(team, 'PUT', url, { ...content, version: 1 })).json().code).toBe('programme_not_editable');
    expect((await call(team, 'POST', `${url}/review`, { decision: 'approve' })).json().code).toBe('not_reviewer');
    expect((await call(municipality, 'POST', `${url}/review`, { decision: 'approve' })).json().code).toBe('not_reviewer');
    expect((await call(otherCurator, 'POST', `${url}/review`, { decision: 'approve' })).statusCode).toBe(403);
    expect((await call(curator, 'POST', `${url}/review`, { decision: 'return' })).json().code).toBe('remark_required');

    const returned = (await call(curator, 'POST', `${url}/review`, { decision: 'return', remark: 'Добавьте сроки закупки' })).json();
    expect(returned).toMatchObject({ state: 'returned', remarks: [{ body: 'Добавьте сроки закупки', author: 'Анна Куратова', answer: null }] });
    expect((await call(curator, 'POST', `${url}/review`, { decision: 'approve' })).json().code).toBe('programme_transition');
    const remarkId = returned.remarks[0].id;
    expect((await call(curator, 'POST', `${url}/remarks/${remarkId}/answer`, { answer: 'Нет' })).statusCode).toBe(403);
    expect((await call(team, 'POST', `${url}/remarks/${remarkId}/answer`, { answer: 'Сроки добавлены' })).json().remarks[0].answer).toBe('Сроки добавлены');
    expect((await call(team, 'POST', `${url}/remarks/${remarkId}/answer`, { answer: 'Ещё раз' })).json().code).toBe('remark_answered');
    const edited = (
      await call(team, 'PUT', url, { ...content, measures: [{ ...measure('Закупить проекторы до 1 марта'), id: saved.json().measures[0].id }], version: 1 })
    ).json();
    expect(edited.measures[0].id).toBe(saved.json().measures[0].id);
    expect((await call(team, 'POST', `${url}/submit`)).json().state).toBe('submitted');
    const approved = (await call(curator, 'POST', `${url}/review`, { decision: 'approve' })).json();
    expect(approved).toMatchObject({ state: 'approved', actions: { review: false, remark: true } });
    expect((await call(team, 'POST', `${url}/submit`)).json().code).toBe('programme_transition');
    expect((await call(region, 'POST', `${url}/review`, { decision: 'return', remark: 'Ещё' })).json().code).toBe('programme_transition');
    expect(approved.history.map((e: { action: string }) => e.action)).toEqual(['created', 'submitted', 'returned', 'resubmitted', 'approved']);
    expect(approved.history[2]).toMatchObject({ by: 'Анна Куратова', comment: 'Добавьте сроки закупки' });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'programme')
      .where('entity_id', '=', String(programme.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'programme.create',
      'programme.submitted',
      'programme.returned',
      'programme.resubmitted',
      'programme.approved',
    ]);

    const done = (await call(team, 'PATCH', `${url}/measures/${approved.measures[0].id}`, { status: 'done', comment: 'Проекторы установлены' })).json();
    expect(done.measures[0]).toMatchObject({ status: 'done', statusComment: 'Проекторы установлены', overdue: false });
  });

  it('shows a school’s programmes to those who see the school, and only to them', async () => {
    const [{ id }] = await t.database.db.selectFrom('programmes').select('id').where('school_id', '=', school.id).where('factor_id', '=', 'R1').execute();
    for (const who of [team, curator, region, municipality]) expect((await call(who, 'GET', `/api/programmes/${id}`)).statusCode).toBe(200);
    for (const who of [otherTeam, otherCurator]) expect((await call(who, 'GET', `/api/programmes/${id}`)).statusCode).toBe(403);
    expect((await call(team, 'GET', '/api/programmes/999999')).statusCode).toBe(404);
    const participation = (await call(curator, 'GET', `/api/waves/${waveId}/participation`)).json();
    expect(participation.schools.map((s: { id: number }) => s.id)).toEqual([school.id]);
  });

  it('takes evidence checked by its bytes and gives it back only as a download', async () => {
    const programme: Programme = (
      await call(
        team,
        'GET',
        `/api/programmes/${(await t.database.db.selectFrom('programmes').select('id').where('school_id', '=', school.id).where('factor_id', '=', 'R1').executeTakeFirstOrThrow()).id}`,
      )
    ).json();
    expect((await upload(curator, programme, PNG, 'фото.png')).statusCode).toBe(403);
    const tooLarge = await upload(team, programme, Buffer.alloc(MAX_EVIDENCE_BYTES + 1, 0x25), 'скан.pdf');
    expect(tooLarge.json()).toMatchObject({ statusCode: 400, code: 'body_too_large' });
    expect((await upload(team, programme, PDF, 'setup.exe')).json()).toMatchObject({ statusCode: 415, code: 'evidence_type' });
    const disguised = await upload(team, programme, Buffer.from('<script>fetch("/api/me")</script>'), 'фото.png');
    expect(disguised.json()).toMatchObject({ statusCode: 415, code: 'evidence_content' });
    expect((await upload(team, programme, PDF, 'фото.png')).json().code).toBe('evidence_content');
    expect((await upload(team, programme, Buffer.alloc(0), 'пусто.pdf')).statusCode).toBe(400);

    const docx = await programmeDocx(programme, new Date());
    expect((await upload(team, programme, docx, 'отчёт.xlsx')).json().code).toBe('evidence_content');
    expect((await upload(team, programme, docx, 'отчёт.docx')).statusCode).toBe(201);
    // A real PNG with a page after it is a PNG: it is stored, and served so that nothing in it can run.
    const polyglot = Buffer.concat([PNG, Buffer.from('<html><script>alert(1)</script></html>')]);
    const stored = await upload(team, programme, polyglot, '../../фото "класса".png');
    expect(stored.statusCode, stored.body).toBe(201);
    expect(stored.json()).toMatchObject({ filename: 'фото класса.png', mediaType: 'image/png', size: polyglot.length });
    const file = await call(municipality, 'GET', `/api/programmes/${programme.id}/measures/${programme.measures[0].id}/evidence/${stored.json().id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(polyglot)).toBe(true);
    expect(file.headers).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
    });
    expect(file.headers['content-disposition']).toMatch(/^attachment; /);
    expect(
      (await call(otherCurator, 'GET', `/api/programmes/${programme.id}/measures/${programme.measures[0].id}/evidence/${stored.json().id}`)).statusCode,
    ).toBe(403);
    const listed = (await call(curator, 'GET', `/api/programmes/${programme.id}`)).json();
    expect(listed.measures[0].evidence.map((e: { filename: string }) => e.filename)).toEqual(['отчёт.docx', 'фото класса.png']);
  });

  it('exports the programme as a Word document naming the school and the risk', async () => {
    const { id } = await t.database.db
      .selectFrom('programmes')
      .select('id')
      .where('school_id', '=', school.id)
      .where('factor_id', '=', 'R1')
      .executeTakeFirstOrThrow();
    const res = await call(curator, 'GET', `/api/programmes/${id}/document.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const folder = mkdtempSync(join(tmpdir(), 'programme-docx-'));
    try {
      writeFileSync(join(folder, 'p.docx'), res.rawPayload);
      const xml = execFileSync('unzip', ['-p', join(folder, 'p.docx'), 'word/document.xml'], { encoding: 'utf8' });
      expect(xml).toContain('Берёзовская СОШ № 1');
      expect(xml).toContain('Низкий уровень оснащения школы');
      expect(xml).toContain('Закупить проекторы до 1 марта');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('lets a curator plan and report visits to its schools only', async () => {
    const plan = { plannedOn: '2030-04-01', kind: 'lesson_observation', purpose: 'Наблюдение урока математики' };
    expect((await call(otherCurator, 'POST', `/api/schools/${school.id}/visits`, plan)).statusCode).toBe(403);
    expect((await call(region, 'POST', `/api/schools/${school.id}/visits`, plan)).json().code).toBe('not_curator');
    const visit = (await call(curator, 'POST', `/api/schools/${school.id}/visits`, plan)).json();
    expect(visit).toMatchObject({ plannedOn: '2030-04-01', madeOn: null, curator: 'Анна Куратова', editable: true });
    const report = {
      ...plan,
      madeOn: '2030-04-01',
      protocol: { observations: [{ factorId: 'R1', note: 'Проектор не работает' }] },
      conclusions: 'Нужен ремонт',
    };
    expect((await call(curator, 'PUT', `/api/visits/${visit.id}`, report)).json().code).toBe('visit_in_future');
    const today = new Date().toISOString().slice(0, 10);
    expect((await call(curator, 'PUT', `/api/visits/${visit.id}`, { ...report, madeOn: today })).json().code).toBe('protocol_incomplete');
    const made = await call(curator, 'PUT', `/api/visits/${visit.id}`, {
      ...report,
      madeOn: today,
      protocol: { ...report.protocol, lessonClass: '7Б', subject: 'Математика' },
    });
    expect(made.json()).toMatchObject({ madeOn: today, protocol: { lessonClass: '7Б', subject: 'Математика' }, conclusions: 'Нужен ремонт' });
    const seen = (await call(team, 'GET', `/api/schools/${school.id}/visits`)).json();
    expect(seen).toMatchObject({ mayPlan: false, visits: [{ id: visit.id, editable: false }] });
    expect((await call(team, 'PUT', `/api/visits/${visit.id}`, report)).statusCode).toBe(403);
  });

  it('has the region, not a municipality, assign a curator’s schools within the region', async () => {
    const { id } = await t.database.db.selectFrom('users').select('id').where('email', '=', otherCurator.email).executeTakeFirstOrThrow();
    expect((await call(municipality, 'PUT', `/api/curators/${id}/schools`, { schoolIds: [school.id] })).statusCode).toBe(403);
    const foreign = await newSchool(t.database.db, (await newMunicipality(t.database.db, (await newRegion(t.database.db)).id)).id);
    expect((await call(region, 'PUT', `/api/curators/${id}/schools`, { schoolIds: [foreign.id] })).json().code).toBe('school_not_in_region');
    const assigned = (await call(region, 'PUT', `/api/curators/${id}/schools`, { schoolIds: [school.id, otherSchool.id] })).json();
    expect(assigned.schools.map((s: { id: number }) => s.id).sort()).toEqual([school.id, otherSchool.id].sort());
    const me = (await call(otherCurator, 'GET', '/api/me')).json();
    expect(me.user.curatedSchoolIds.sort()).toEqual([school.id, otherSchool.id].sort());
    const listed = (await call(municipality, 'GET', '/api/curators')).json();
    expect(listed.find((c: { id: number }) => c.id === id).schools.map((s: { id: number }) => s.id)).toEqual([school.id]);
  });
});
