import type { Db } from '../db/connect.js';
import type { Principal } from '../auth/principal.js';
import { onlySchoolsInScope } from '../auth/scope.js';
import type { Role } from '../shared/roles.js';
import { SCHOOL_ROSTER_COLUMNS, schoolsOfRegion } from '../shared/region-schools.js';
import type { SchoolInMunicipality } from '../shared/vocabulary.js';

export interface WaveSchool {
  ref: SchoolInMunicipality;
  expected: Record<Role, number>;
}

export async function listSchoolsInScope(db: Db, regionId: number, principal: Principal): Promise<WaveSchool[]> {
  const rows = await onlySchoolsInScope(schoolsOfRegion(db, regionId).select(SCHOOL_ROSTER_COLUMNS), principal)
    .orderBy('municipalities.name')
    .orderBy('schools.name')
    .orderBy('schools.id')
    .execute();
  return rows.map(toWaveSchool);
}

/** The school when it belongs to the region, else undefined. */
export async function findSchoolOfRegion(db: Db, regionId: number, schoolId: number): Promise<WaveSchool | undefined> {
  const row = await schoolsOfRegion(db, regionId).select(SCHOOL_ROSTER_COLUMNS).where('schools.id', '=', schoolId).executeTakeFirst();
  return row && toWaveSchool(row);
}

type Row = {
  id: number;
  code: string;
  name: string;
  municipality_id: number;
  municipality_name: string;
  expected_principal: number;
  expected_teacher: number;
  expected_student: number;
  expected_parent: number;
};

function toWaveSchool(row: Row): WaveSchool {
  return {
    ref: { id: row.id, code: row.code, name: row.name, municipality: { id: row.municipality_id, name: row.municipality_name } },
    expected: { principal: row.expected_principal, teacher: row.expected_teacher, student: row.expected_student, parent: row.expected_parent },
  };
}
