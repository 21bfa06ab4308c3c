import type { Db } from '../db/connect.js';
import { saveOperator } from '../operator/operator.repository.js';

/**
 * The demo's operator of personal data: waves need one (server/operator/operator.routes.ts), and whoever opens the
 * demo's privacy page must not mistake it for a real one. No ИНН or ОГРН: a placeholder would pass for a company's.
 */
export const DEMO_OPERATOR = {
  name: 'Демонстрационный оператор — не для реального использования',
  address: 'Адрес не указан: это демонстрационная версия. Замените данные в разделе «Администрирование → Оператор данных».',
  email: 'operator@demo.local',
  phone: null,
  inn: null,
  ogrn: null,
};

export async function seedDemoOperator(db: Db) {
  await saveOperator(db, DEMO_OPERATOR);
}
