import type { Db } from '../../server/db/connect.js';

/** Valid details of an operator of personal data (the ИНН and ОГРН pass their check digits). */
export const TEST_OPERATOR = {
  name: 'Министерство образования Тестовой области',
  address: '100000, Тестовая область, г. Тестовск, ул. Школьная, д. 1',
  email: 'pd@minobr.test',
  phone: '+7 (800) 100-00-00',
  inn: '7707083893',
  ogrn: '1027700132195',
};

/**
 * A deployment fills in its operator before its first wave (waves refuse to open without one), so the test app and the
 * browser tests' server start from there; tests/privacy/ removes it to test the refusal.
 */
export async function fillOperator(db: Db) {
  await db
    .insertInto('operator_details')
    .values({ id: 1, ...TEST_OPERATOR })
    .execute();
}
