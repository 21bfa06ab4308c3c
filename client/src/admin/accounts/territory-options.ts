import type { Territories } from '../../../../server/admin/accounts/accounts.schemas';
import type { AccountRole } from '../../shared/session';
import type { PickerOption } from '../../shared/picker/SearchPicker';

/** What an account of `role` may be scoped to, each with where it lies: a school by its municipality, searchable too. */
export function territoryOptions({ regions, municipalities, schools }: Territories, role: AccountRole): PickerOption[] {
  const regionName = new Map(regions.map((r) => [r.id, r.name]));
  const municipality = new Map(municipalities.map((m) => [m.id, m]));
  switch (role) {
    case 'region':
    case 'curator':
      return regions.map((r) => ({ id: r.id, label: r.name }));
    case 'municipality':
      return municipalities.map((m) => ({ id: m.id, label: m.name, hint: regionName.get(m.regionId) }));
    case 'school':
      return schools.map((x) => ({ id: x.id, label: `${x.code} — ${x.name}`, hint: municipality.get(x.municipalityId)?.name }));
    case 'admin':
    case 'security':
      return [];
  }
}
