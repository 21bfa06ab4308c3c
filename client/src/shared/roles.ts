// The respondent groups in the order every screen lists them, as the server defines them; their titles are in strings.ts.
export { ROLES, type Role } from '../../../server/shared/roles';
