import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESPONSE_BODY_LIMIT } from '../../server/respond/routes.js';
import { ROLES, type Role } from '../../server/shared/roles.js';
import { loadQuestionnaires, type QuestionSpec } from '../../server/surveys/questionnaires.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { newLink, newWave, newWorld } from '../helpers/fixtures.js';
import { deepJson, deepObjectJson, NASTY_STRINGS, nastyString, SQL_STRINGS, WRONG_CONTENT_TYPES, type HostileRequest } from './hostile-input.js';
import { countedAnswers } from '../helpers/answers.js';

const RUNS = 10_000;
const OPEN_LINKS_PER_ROLE = 50;
const questionnaires = await loadQuestionnaires();

/** A value this question can never accept (null is "not answered", so it is not one of them). */
function wrongValue(spec: QuestionSpec): fc.Arbitrary<unknown> {
  const notAChoice = fc.oneof(nastyString, fc.string()).map((s) => `zz-fuzz-${s}`);
  const shapes = fc.oneof(
    fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 0, maxKeys: 4 }),
    fc.boolean(),
    fc.constant(deepJson(200)).map((text) => JSON.parse(text) as unknown),
  );
  switch (spec.type) {
    case 'single':
      return fc.oneof(notAChoice, shapes, fc.array(fc.constantFrom(...spec.values), { minLength: 1, maxLength: 3 }));
    case 'multi':
      return fc.oneof(
        notAChoice,
        shapes,
        fc.array(notAChoice, { minLength: 1, maxLength: 10 }),
        fc.constant(Array.from({ length: 5_000 }, (_, i) => `zz-fuzz-${i}`)),
        fc.constantFrom(...spec.values).map((v) => [v, v]),
      );
    case 'number':
      return fc.oneof(
        notAChoice,
        shapes,
        fc.double({ min: spec.max + 1, max: 1e308, noNaN: true, noDefaultInfinity: true }),
        fc.double({ min: -1e308, max: spec.min - 1, noNaN: true, noDefaultInfinity: true }),
        fc.constant(`${spec.min}`),
      );
  }
}

/** Answers a questionnaire accepts: the valid part every hostile submission hides its one bad piece in. */
function validAnswers(role: Role): fc.Arbitrary<Record<string, unknown>> {
  const questions = [...questionnaires[role].questions.values()];
  return fc.record(
    Object.fromEntries(
      questions.map((spec) => [
        spec.name,
        spec.type === 'number'
          ? fc.integer({ min: Math.ceil(spec.min), max: Math.floor(spec.max) })
          : spec.type === 'multi'
            ? fc.subarray([...spec.values])
            : fc.constantFrom(...spec.values),
      ]),
    ),
    { requiredKeys: [] },
  );
}

/** Answers with exactly one thing wrong: an unknown question, a wrong value, too many or too long keys, not an object. */
function badAnswers(role: Role): fc.Arbitrary<unknown> {
  const questions = [...questionnaires[role].questions.values()];
  return fc.oneof(
    fc
      .tuple(
        validAnswers(role),
        fc.oneof(nastyString, fc.string({ minLength: 1 })).filter((k) => !questionnaires[role].questions.has(k)),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map(([answers, key, value]) => ({ ...answers, [key]: value ?? 0 })),
    fc
      .tuple(
        validAnswers(role),
        fc.constantFrom(...questions).chain((spec) => wrongValue(spec).map((value) => [spec.name, value] as const)),
      )
      .map(([answers, [name, value]]) => ({ ...answers, [name]: value })),
    fc.constant(Object.fromEntries(Array.from({ length: 301 }, (_, i) => [`q${i}`, 1]))),
    fc.string({ minLength: 101, maxLength: 300 }).map((key) => ({ [key]: 1 })),
    fc.oneof(fc.array(fc.jsonValue({ maxDepth: 1 })), fc.string(), fc.integer(), fc.constant(null)),
  );
}

const badClientKey = fc.oneof(
  nastyString,
  fc.uuid().map((u) => u.replaceAll('-', '')),
  fc.uuid().map((u) => `{${u}}`),
  fc.uuid().map((u) => `urn:uuid:${u}`),
  fc.uuid().map((u) => `${u}0`),
  fc.uuid().map((u) => ` ${u}`),
  fc.integer(),
  fc.constant({}),
  fc.constant([randomUUID(), randomUUID()]),
);

const badDuration = fc.oneof(
  fc.integer({ max: -1 }),
  fc.integer({ min: 7 * 24 * 3600 + 1 }),
  fc.double({ min: 0.1, max: 1000, noInteger: true, noNaN: true }),
  fc.constantFrom('abc', '1e400', '', {}, [1, 2]),
);

describe.each(TEST_DATABASES)('hostile submissions on %s', (kind) => {
  let t: TestApp;
  let tokens: Record<Role, string[]>;
  let revoked: string;
  let closedWave: string;
  let usedCode: string;
  let replayKey: string;
  let replayId: number;
  let rowsBefore: number;

  const countRows = async () => Number((await sql<{ n: string }>`select count(*) as n from responses`.execute(t.database.db)).rows[0]!.n);

  beforeAll(async () => {
    t = await openTestApp(kind);
    const db = t.database.db;
    const world = await newWorld(db);
    tokens = Object.fromEntries(ROLES.map((role) => [role, [] as string[]])) as Record<Role, string[]>;
    for (const role of ROLES) {
      for (let i = 0; i < OPEN_LINKS_PER_ROLE; i++) tokens[role].push((await newLink(db, world.wave.id, world.school.id, role)).token);
    }
    const gone = await newLink(db, world.wave.id, world.school.id, 'parent');
    await db.updateTable('links').set({ revoked_at: new Date(), revoked_reason: 'replaced' }).where('id', '=', gone.id).execute();
    revoked = gone.token;
    const past = await newWave(db, world.region.id, { opensInDays: -30, closesInDays: -1 });
    closedWave = (await newLink(db, past.id, world.school.id, 'parent')).token;
    usedCode = (await newLink(db, world.wave.id, world.school.id, 'student', 'code')).token;
    const submit = (token: string, role: Role, clientKey: string) =>
      t.app.inject({ method: 'POST', url: `/api/links/${token}/responses`, payload: { answers: countedAnswers(role), clientKey } });
    expect((await submit(usedCode, 'student', randomUUID())).statusCode).toBe(201);
    replayKey = randomUUID();
    const first = await submit(tokens.parent[0]!, 'parent', replayKey);
    expect(first.statusCode).toBe(201);
    replayId = first.json().id;
    rowsBefore = await countRows();
  });
  afterAll(() => t?.close());

  const json = (url: string, body: unknown, kind: string): HostileRequest => ({ url, contentType: 'application/json', body: JSON.stringify(body), kind });
  // Byte by byte, so a lone surrogate is sent (as UTF-8 replacement) instead of stopping the test.
  const urlOf = (token: string) => `/api/links/${[...Buffer.from(token)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')}/responses`;
  const openToken = (role: Role) => fc.constantFrom(...tokens[role]);
  const anyRole = fc.constantFrom(...ROLES);

  function hostileRequest(): fc.Arbitrary<HostileRequest> {
    const withRole = <T>(f: (role: Role) => fc.Arbitrary<T>) => anyRole.chain(f);
    return fc.oneof(
      // Bodies that are not JSON at all, or JSON cut short, or nested beyond any questionnaire.
      withRole((role) =>
        fc
          .tuple(
            openToken(role),
            fc.oneof(
              fc.string(),
              fc.string({ unit: 'binary' }),
              fc.constantFrom('{', '{"answers":', '{"answers":{}', '[', 'null,', '{"a":1,}', "{'answers':{}}", '\ufeff{"answers":{}}'),
            ),
          )
          .map(([token, body]) => ({ url: urlOf(token), contentType: 'application/json', body, kind: 'invalid JSON' })),
      ),
      withRole((role) => openToken(role).map((token) => ({ url: urlOf(token), contentType: 'application/json', body: deepJson(2_000), kind: 'deep array' }))),
      withRole((role) =>
        openToken(role).map((token) => ({
          url: urlOf(token),
          contentType: 'application/json',
          body: `{"answers":${deepObjectJson(2_000)},"clientKey":"${randomUUID()}"}`,
          kind: 'deep object',
        })),
      ),
      // The right JSON under a content type the route does not take.
      withRole((role) =>
        fc.tuple(openToken(role), fc.constantFrom(...WRONG_CONTENT_TYPES), validAnswers(role)).map(([token, contentType, answers]) => ({
          url: urlOf(token),
          contentType,
          body: JSON.stringify({ answers, clientKey: randomUUID() }),
          kind: `content type ${contentType}`,
        })),
      ),
      // Prototype pollution, written as text so the key really is "__proto__" on the wire.
      withRole((role) =>
        fc
          .tuple(
            openToken(role),
            fc.constantFrom(
              `{"answers":{"__proto__":{"polluted":1}},"clientKey":"${randomUUID()}"}`,
              `{"__proto__":{"isAdmin":true},"answers":{},"clientKey":"${randomUUID()}"}`,
              `{"answers":{"constructor":{"prototype":{"polluted":1}}},"clientKey":"${randomUUID()}"}`,
              `{"constructor":{"prototype":{"polluted":1}},"answers":{},"clientKey":"${randomUUID()}"}`,
            ),
          )
          .map(([token, body]) => ({ url: urlOf(token), contentType: 'application/json', body, kind: 'prototype pollution' })),
      ),
      // A body of the wrong shape.
      withRole((role) =>
        fc
          .tuple(
            openToken(role),
            fc.jsonValue({ maxDepth: 3 }).filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
          )
          .map(([token, body]) => json(urlOf(token), body, 'not an object')),
      ),
      withRole((role) =>
        fc.tuple(openToken(role), badAnswers(role)).map(([token, answers]) => json(urlOf(token), { answers, clientKey: randomUUID() }, 'bad answers')),
      ),
      withRole((role) =>
        fc
          .tuple(openToken(role), validAnswers(role), badClientKey)
          .map(([token, answers, clientKey]) => json(urlOf(token), { answers, clientKey }, 'bad clientKey')),
      ),
      withRole((role) => fc.tuple(openToken(role), validAnswers(role)).map(([token, answers]) => json(urlOf(token), { answers }, 'no clientKey'))),
      withRole((role) =>
        fc
          .tuple(openToken(role), validAnswers(role), badDuration)
          .map(([token, answers, durationSeconds]) => json(urlOf(token), { answers, clientKey: randomUUID(), durationSeconds }, 'bad duration')),
      ),
      withRole((role) =>
        fc
          .tuple(
            openToken(role),
            validAnswers(role),
            fc.oneof(nastyString, fc.string({ minLength: 1 })).filter((k) => !['answers', 'clientKey', 'durationSeconds', '__proto__'].includes(k)),
          )
          .map(([token, answers, extra]) => json(urlOf(token), { answers, clientKey: randomUUID(), [extra]: SQL_STRINGS[0] }, 'extra property')),
      ),
      // Huge: a string past the body limit, and one just under it that no question takes.
      withRole((role) =>
        openToken(role).map((token) => json(urlOf(token), { answers: { x: 'я'.repeat(RESPONSE_BODY_LIMIT) }, clientKey: randomUUID() }, 'body too large')),
      ),
      withRole((role) =>
        openToken(role).map((token) =>
          json(
            urlOf(token),
            { answers: { [questionnaires[role].questions.keys().next().value!]: 'a'.repeat(RESPONSE_BODY_LIMIT - 200) }, clientKey: randomUUID() },
            'huge string',
          ),
        ),
      ),
      // Tokens that are not a live link: unknown, too long, hostile, revoked, of a closed wave, a code already used.
      fc
        .tuple(
          fc.oneof(
            fc.stringMatching(/^[A-Za-z0-9_-]{24}$/),
            nastyString.filter((s) => s.length > 0),
            fc.string({ minLength: 65, maxLength: 200 }),
            fc.constantFrom(...NASTY_STRINGS),
          ),
          validAnswers('parent'),
        )
        .map(([token, answers]) => json(urlOf(token), { answers, clientKey: randomUUID() }, 'unknown token')),
      // These take the longest (each reaches the database two or three times): one share between them.
      fc.oneof(
        fc
          .tuple(fc.constantFrom(revoked, closedWave), validAnswers('parent'))
          .map(([token, answers]) => json(urlOf(token), { answers, clientKey: randomUUID() }, 'closed link')),
        fc.uuid().map((clientKey) => json(urlOf(usedCode), { answers: countedAnswers('student'), clientKey }, 'replayed code')),
        // The key of a stored response: through another link it is refused; through its own link it is that response again.
        fc
          .constantFrom(...tokens.parent.slice(1).map((token) => [token, 'parent'] as const), ...tokens.student.map((token) => [token, 'student'] as const))
          .map(([token, role]) => json(urlOf(token), { answers: countedAnswers(role), clientKey: replayKey }, 'replayed key elsewhere')),
        fc.constant(tokens.parent[0]!).map((token) => json(urlOf(token), { answers: countedAnswers('parent'), clientKey: replayKey }, 'replay')),
      ),
    );
  }

  it(`answers ${RUNS.toLocaleString('en')} hostile submissions with a 4xx and a message, and stores none of them`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(hostileRequest(), async (request) => {
        const res = await t.app.inject({
          method: 'POST',
          url: request.url,
          headers: request.contentType ? { 'content-type': request.contentType } : {},
          payload: request.body,
        });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        if (request.kind === 'replay' && res.statusCode !== 429) {
          // The only success: the stored response confirmed again (until the link's rate limit says "later").
          expect(res.statusCode).toBe(201);
          expect(res.json().id).toBe(replayId);
          return;
        }
        expect(res.statusCode, `${request.kind}: ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${request.kind}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
        const body = res.json();
        expect(typeof body.message, request.kind).toBe('string');
        expect(body.message.length).toBeGreaterThan(0);
        expect(body.statusCode).toBe(res.statusCode);
      }),
      { numRuns: RUNS, seed: 20261126, endOnFailure: true },
    );
    expect(await countRows()).toBe(rowsBefore);
    // Nothing leaked into the prototype of every object.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Every way of being refused was reached: invalid, unknown, closed, revoked, too long a path, wrong type, throttled or replayed.
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([201, 400, 404, 409, 410, 415]));
  }, 240_000);
});
