import type { Principal } from './session.schemas.js';

export type { Principal };

/** Where a school, municipality or wave sits; the fields a scope check compares. */
export interface Territory {
  regionId: number;
  municipalityId?: number;
  schoolId?: number;
}

export function inScope(principal: Principal, territory: Territory): boolean {
  switch (principal.role) {
    case 'admin':
      return true;
    case 'region':
      return territory.regionId === principal.regionId;
    case 'municipality':
      return territory.municipalityId !== undefined && territory.municipalityId === principal.municipalityId;
    case 'school':
      return territory.schoolId !== undefined && territory.schoolId === principal.schoolId;
  }
}
