import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openTestDatabase, TEST_DATABASES } from '../helpers/database.js';
import { buildApp } from '../../server/app.js';
import { openTestApp } from '../helpers/app.js';
import { newMunicipality, newRegion, newSchool, newWave, newWorld } from '../helpers/fixtures.js';
import { newLoggedInAccount } from '../helpers/auth.js';
import { POLL_INTERVAL_MS, SAFETY_POLL_MS } from '../../server/participation/participation-events.js';
import { openLink } from './responses.js';
import { countedAnswers } from '../helpers/answers.js';

/** Reads a server-sent event stream and waits for text to appear in it. */
function streamReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let done = false;
  const pump = (async () => {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
    done = true;
  })();
  const waitFor = async (predicate: () => boolean, timeoutMs: number) => {
    const until = Date.now() + timeoutMs;
    while (!predicate() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    return predicate();
  };
  return {
    text: () => text,
    /** How many changes the stream has told of. */
    changes: () => text.split('event: changed').length - 1,
    until: waitFor,
    ended: () => done,
    contains: (needle: string, timeoutMs: number) => waitFor(() => text.includes(needle), timeoutMs),
    end: (timeoutMs: number) => waitFor(() => done, timeoutMs).then(async (ok) => (ok ? pump.then(() => true) : false)),
  };
}

describe.each(TEST_DATABASES)('participation events on %s', (kind) => {
  it('tell a watching browser when its wave gets an answer, and end when the app closes', async () => {
    const t = await openTestApp(kind);
    let closed = false;
    try {
      const db = t.database.db;
      const world = await newWorld(db);
      const otherWave = await newWave(db, world.region.id);
      const link = await openLink(db, world.wave.id, world.school.id, 'teacher');
      const otherLink = await openLink(db, otherWave.id, world.school.id, 'teacher');
      const { cookie } = await newLoggedInAccount(t.app, db, { role: 'region', regionId: world.region.id });
      const address = await t.app.listen({ port: 0, host: '127.0.0.1' });

      const res = await fetch(`${address}/api/waves/${world.wave.id}/participation/events`, { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const stream = streamReader(res.body!);
      expect(await stream.contains('retry:', 2000)).toBe(true);
      // Let the first poll take the wave's starting point.
      await new Promise((r) => setTimeout(r, 500));

      const submit = (token: string) =>
        t.app.inject({ method: 'POST', url: `/api/links/${token}/responses`, payload: { answers: countedAnswers('teacher'), clientKey: randomUUID() } });
      expect((await submit(otherLink.token)).statusCode).toBe(201);
      expect(await stream.contains('event: changed', POLL_INTERVAL_MS + 1000)).toBe(false);

      expect((await submit(link.token)).statusCode).toBe(201);
      expect(await stream.contains('event: changed', POLL_INTERVAL_MS * 2 + 1000)).toBe(true);
      expect(stream.text()).toContain(`data: {"waveId":${world.wave.id}}`);

      const started = Date.now();
      await t.close();
      closed = true;
      // An open stream must not hold the server up: a bound against a hang, generous for a loaded machine.
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(await stream.end(2000)).toBe(true);
    } finally {
      if (!closed) await t.close();
    }
  });

  it("tell each account of the schools it may see only: a school team never of another school, a municipality never of another municipality's", async () => {
    const t = await openTestApp(kind);
    try {
      const db = t.database.db;
      const region = await newRegion(db);
      const alpha = await newMunicipality(db, region.id);
      const beta = await newMunicipality(db, region.id);
      const a1 = await newSchool(db, alpha.id);
      const a2 = await newSchool(db, alpha.id);
      const b1 = await newSchool(db, beta.id);
      const wave = await newWave(db, region.id);
      const address = await t.app.listen({ port: 0, host: '127.0.0.1' });

      const watch = async (spec: Parameters<typeof newLoggedInAccount>[2]) => {
        const { cookie } = await newLoggedInAccount(t.app, db, spec);
        const res = await fetch(`${address}/api/waves/${wave.id}/participation/events`, { headers: { cookie } });
        expect(res.status).toBe(200);
        const stream = streamReader(res.body!);
        expect(await stream.contains('retry:', 2000)).toBe(true);
        return stream;
      };
      const regionStream = await watch({ role: 'region', regionId: region.id });
      const alphaStream = await watch({ role: 'municipality', municipalityId: alpha.id });
      const a1Stream = await watch({ role: 'school', schoolId: a1.id });
      // Let the first poll take the wave's starting point.
      await new Promise((r) => setTimeout(r, 500));

      const answer = async (schoolId: number) => {
        const link = await openLink(db, wave.id, schoolId, 'teacher');
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/links/${link.token}/responses`,
          payload: { answers: countedAnswers('teacher'), clientKey: randomUUID() },
        });
        expect(res.statusCode).toBe(201);
      };
      const wait = POLL_INTERVAL_MS * 2 + 1000;

      // One poller serves every stream of the wave, so once one stream is told of a poll's changes, all were.
      await answer(b1.id);
      expect(await regionStream.until(() => regionStream.changes() === 1, wait)).toBe(true);
      expect([alphaStream.changes(), a1Stream.changes()]).toEqual([0, 0]);

      await answer(a2.id);
      expect(await alphaStream.until(() => alphaStream.changes() === 1, wait)).toBe(true);
      expect([regionStream.changes(), a1Stream.changes()]).toEqual([2, 0]);

      await answer(a1.id);
      expect(await a1Stream.until(() => a1Stream.changes() === 1, wait)).toBe(true);
      expect([regionStream.changes(), alphaStream.changes()]).toEqual([3, 2]);
    } finally {
      await t.close();
    }
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('participation events announced by PostgreSQL (LISTEN/NOTIFY)', () => {
  it('reach a watching browser as soon as another instance stores an answer, not at the next poll', async () => {
    const database = await openTestDatabase('postgresql');
    // The instance the coordinator watches; answers go in through another one on the same database.
    const watched = await buildApp({ db: database.db, dbKind: 'postgresql', listen: database.listen });
    const other = await buildApp({ db: database.db, dbKind: 'postgresql' });
    try {
      const db = database.db;
      const world = await newWorld(db);
      const link = await openLink(db, world.wave.id, world.school.id, 'teacher');
      const { cookie } = await newLoggedInAccount(watched, db, { role: 'region', regionId: world.region.id });
      const address = await watched.listen({ port: 0, host: '127.0.0.1' });
      const res = await fetch(`${address}/api/waves/${world.wave.id}/participation/events`, { headers: { cookie } });
      const stream = streamReader(res.body!);
      expect(await stream.contains('retry:', 2000)).toBe(true);
      await new Promise((r) => setTimeout(r, 500));

      const sent = await other.inject({
        method: 'POST',
        url: `/api/links/${link.token}/responses`,
        payload: { answers: countedAnswers('teacher'), clientKey: randomUUID() },
      });
      expect(sent.statusCode).toBe(201);
      // The wave is polled only every SAFETY_POLL_MS now: only the notification can bring the change this soon.
      expect(SAFETY_POLL_MS).toBeGreaterThanOrEqual(30_000);
      expect(await stream.contains('event: changed', 3000)).toBe(true);
    } finally {
      await watched.close();
      await other.close();
      await database.close();
    }
  });
});
