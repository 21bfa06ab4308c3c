import { nameKey } from './columns.js';
import type { RosterWarning } from './roster.schemas.js';

/** A school already in one of the file's regions, whatever its code. */
export interface NeighbourSchool {
  code: string;
  name: string;
  municipality_id: number;
  region_id: number;
}

/** «0012» and «12» are one code to a person, two to the database: what Excel does to a code column. */
const withoutLeadingZeros = (code: string) => code.replace(/^0+(?=.)/, '');

/**
 * New schools that look like schools already there: a code that differs only by leading zeros (a spreadsheet
 * that read the codes as numbers), or the name of a school of the same municipality (a school whose code
 * changed). Either would add a second school where there is one, and split its answers; the administrator
 * confirms before such a file is applied.
 */
export class LookAlikes {
  private readonly byCode = new Map<string, NeighbourSchool>();
  private readonly byName = new Map<string, NeighbourSchool>();

  constructor(schools: readonly NeighbourSchool[]) {
    for (const school of schools) {
      this.byCode.set(`${school.region_id}|${withoutLeadingZeros(school.code)}`, school);
      this.byName.set(`${school.municipality_id}|${nameKey(school.name)}`, school);
    }
  }

  /** `municipalityId` is null for a municipality the file creates: it has no schools yet. */
  warningsFor(line: number, school: { code: string; name: string }, regionId: number, municipalityId: number | null): RosterWarning[] {
    const warnings: RosterWarning[] = [];
    const sameCode = this.byCode.get(`${regionId}|${withoutLeadingZeros(school.code)}`);
    if (sameCode && sameCode.code !== school.code) {
      warnings.push({
        line,
        code: 'code_leading_zeros',
        message: `The new school code "${school.code}" differs from the existing "${sameCode.code}" (${sameCode.name}) only by leading zeros`,
        value: school.code,
        existingCode: sameCode.code,
        existingName: sameCode.name,
      });
    }
    const sameName = municipalityId === null ? undefined : this.byName.get(`${municipalityId}|${nameKey(school.name)}`);
    if (sameName) {
      warnings.push({
        line,
        code: 'name_in_municipality',
        message: `The new school "${school.name}" (code "${school.code}") has the name of the existing school with code "${sameName.code}" in the same municipality`,
        value: school.name,
        existingCode: sameName.code,
        existingName: sameName.name,
      });
    }
    return warnings;
  }
}
