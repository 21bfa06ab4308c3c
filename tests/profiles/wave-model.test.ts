import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedModel } from '../../server/risk-models/stored-model.js';
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../helpers/database.js';
import { storeRealModel } from './world.js';

describe.each(TEST_DATABASES)(`${storedModel.name} on %s`, (kind) => {
  let database: TestDatabase;
  beforeAll(async () => (database = await openTestDatabase(kind)));
  afterAll(() => database?.close());

  it('returns the stored definition typed as a model, read once per id', async () => {
    const model = await storeRealModel(database.db);
    const first = await storedModel(database.db, model.id);
    expect(first).toEqual(JSON.parse(JSON.stringify(model)));
    expect(await storedModel(database.db, model.id)).toBe(first);
  });

  it('refuses a stored definition that is not a model, naming the model and the problem', async () => {
    await database.db
      .insertInto('risk_models')
      .values({ id: 'not-a-model', title: 'x', definition: JSON.stringify({ id: 'not-a-model' }) })
      .execute();
    await expect(storedModel(database.db, 'not-a-model')).rejects.toThrow(/Stored risk model "not-a-model" is not a valid model: .*title/);
  });

  it('does not cache a failed read', async () => {
    await expect(storedModel(database.db, 'later')).rejects.toThrow();
    const indicator = { id: 'F.q', role: 'teacher', kind: 'mean', question: 'q', best: 5, worst: 1, weight: 1 };
    const later = {
      id: 'later',
      title: 'Позже',
      levels: { medium: 0.3, high: 0.6 },
      minRate: 0.5,
      factors: [{ id: 'F', title: 'Фактор', indicators: [indicator] }],
    };
    await database.db
      .insertInto('risk_models')
      .values({ id: 'later', title: 'Позже', definition: JSON.stringify(later) })
      .execute();
    expect((await storedModel(database.db, 'later')).title).toBe('Позже');
  });
});
