// School lists sort the same on every screen and in every export: by the name without its legal form.
export { compareSchoolNames, schoolSortName } from '../../../server/shared/rules/school-names';
