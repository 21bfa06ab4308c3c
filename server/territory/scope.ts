import type { AccountRole } from '../db/schema.js';

/**
 * Where an account stands: its role and the region, municipality and school it belongs to, resolved at
 * login (a school team also knows its municipality and region). A session's principal is one.
 */
export interface Caller {
  role: AccountRole;
  regionId: number | null;
  municipalityId: number | null;
  schoolId: number | null;
  /** A curator's schools, assigned by its region; empty for every other role. */
  curatedSchoolIds?: readonly number[];
}

/** Where a school, municipality or wave sits; the fields a scope check compares. */
export interface Territory {
  regionId: number;
  municipalityId?: number;
  schoolId?: number;
}

/**
 * The one rule of who sees what: the administrator everything, a region account its region, a
 * municipality account its municipality's schools, a school team its own school, a curator the schools of its
 * region assigned to it, the security administrator none (it reads the audit log only).
 */
export function inScope(caller: Caller, territory: Territory): boolean {
  switch (caller.role) {
    case 'admin':
      return true;
    case 'region':
      return territory.regionId === caller.regionId;
    case 'municipality':
      return territory.municipalityId !== undefined && territory.municipalityId === caller.municipalityId;
    case 'school':
      return territory.schoolId !== undefined && territory.schoolId === caller.schoolId;
    case 'curator':
      return territory.schoolId !== undefined && territory.regionId === caller.regionId && (caller.curatedSchoolIds ?? []).includes(territory.schoolId);
    case 'security':
      return false;
  }
}

/**
 * A wave belongs to a region; everyone whose territory lies in that region may see it (a school team
 * sees its own school's numbers of its region's waves).
 */
export function mayViewWavesOf(caller: Caller, regionId: number): boolean {
  return caller.role === 'admin' || regionId === caller.regionId;
}

/** Whether the caller sees every school of a region it may see, or only a part of it. */
export function seesWholeRegion(caller: Caller): boolean {
  return caller.role === 'admin' || caller.role === 'region';
}

/** The schools of one region that the caller sees, for a roster already in memory: the rule of `inScope`. */
export function schoolsInScope<S extends { id: number; municipalityId: number }>(schools: S[], regionId: number, caller: Caller): S[] {
  return schools.filter((school) => inScope(caller, { regionId, municipalityId: school.municipalityId, schoolId: school.id }));
}
