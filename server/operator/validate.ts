import { badRequest } from '../shared/errors.js';
import { isValidInn, isValidOgrn } from '../shared/rules/russian-ids.js';
import type { OperatorRow } from './operator.repository.js';
import type { OperatorBody } from './operator.schemas.js';

// One @, something on each side, a dot in the domain: the mailbox itself is checked by whoever writes to it.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Digits with the usual separators and an optional leading +: «+7 (495) 123-45-67», «8 800 2000 122».
const PHONE = /^\+?[0-9][0-9 ()-]{4,30}[0-9]$/;
// At least this many letters: «ООО» alone or an address of two characters is no one's name or address.
const MIN_TEXT = 3;

const optional = (value: string | undefined) => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

/** The row to store, or a 400 naming the first field that is wrong; nothing is written before this passes. */
export function cleanOperator(body: OperatorBody): Omit<OperatorRow, 'id' | 'updated_at'> {
  const name = body.name.trim();
  const address = body.address.trim();
  const email = body.email.trim();
  const [phone, inn, ogrn] = [optional(body.phone), optional(body.inn), optional(body.ogrn)];
  if (name.length < MIN_TEXT) throw badRequest('operator_name_required', 'The operator needs its full name (at least 3 characters)');
  if (address.length < MIN_TEXT) throw badRequest('operator_address_required', 'The operator needs its address');
  if (!EMAIL.test(email)) throw badRequest('operator_email_invalid', `Not an e-mail address: "${email}"`);
  if (phone !== null && !PHONE.test(phone)) throw badRequest('operator_phone_invalid', `Not a phone number: "${phone}"`);
  if (inn !== null && !isValidInn(inn)) throw badRequest('operator_inn_invalid', 'The ИНН must be 10 or 12 digits with correct check digits');
  if (ogrn !== null && !isValidOgrn(ogrn)) throw badRequest('operator_ogrn_invalid', 'The ОГРН must be 13 (or ОГРНИП 15) digits with a correct check digit');
  return { name, address, email, phone, inn, ogrn };
}
