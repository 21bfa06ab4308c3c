import type { Selectable } from 'kysely';
import type { MunicipalityTable, RegionTable, School } from '../../db/schema.js';
import { readCount, readPrincipal } from './cell-values.js';
import { cleanText, COUNT_COLUMNS, COUNT_FIELDS, nameKey, type CountColumn, type RosterColumn } from './columns.js';
import type { ParsedRoster } from './parse.js';
import { LookAlikes, type NeighbourSchool } from './look-alikes.js';
import type { RosterIssue, RosterSampleRow, RosterSummary, RosterWarning } from './roster.schemas.js';

type CountField = (typeof COUNT_FIELDS)[CountColumn];

/** What the database already holds that a roster file is checked against. */
export interface ExistingRoster {
  regions: Array<Pick<Selectable<RegionTable>, 'id' | 'name'>>;
  municipalities: Array<Pick<Selectable<MunicipalityTable>, 'id' | 'region_id' | 'name'>>;
  /** Only the schools whose codes appear in the file. */
  schools: ExistingSchool[];
  /** Every school of the file's regions: what a new school could be mistaken for. */
  neighbours: NeighbourSchool[];
}
export type ExistingSchool = Pick<School, 'id' | 'code' | 'name' | 'municipality_id' | CountField> & { region_id: number };

export type SchoolValues = Pick<School, 'code' | 'name' | CountField>;
/** An existing municipality by id, or one the import creates, by its key in `RosterPlan.municipalities`. */
export type MunicipalityRef = { id: number } | { key: string };
export type ChangedField = Exclude<RosterColumn, 'region' | 'code'>;

export interface PlannedMunicipality {
  key: string;
  region_id: number;
  name: string;
}
export interface PlannedSchool {
  line: number;
  values: SchoolValues;
  municipality: MunicipalityRef;
}
export interface PlannedUpdate extends PlannedSchool {
  id: number;
  changes: Partial<Record<ChangedField, { from: string | number; to: string | number }>>;
}

/** Everything applying the file would write; built only from rows without errors. */
export interface RosterPlan {
  municipalities: PlannedMunicipality[];
  creates: PlannedSchool[];
  updates: PlannedUpdate[];
  unchanged: number;
}

export interface RosterCheck {
  issues: RosterIssue[];
  warnings: RosterWarning[];
  plan: RosterPlan;
  summary: RosterSummary;
  sample: RosterSampleRow[];
}

export const SAMPLE_ROWS = 20;
const MAX_CODE_LENGTH = 50;
const MAX_NAME_LENGTH = 300;

const COUNT_MESSAGES: Record<Exclude<ReturnType<typeof readPrincipal>, { ok: true }>['code'], string> = {
  count_empty: 'is empty; write 0 when nobody of this role takes part',
  count_not_number: 'is not a number',
  count_not_integer: 'must be a whole number',
  count_negative: 'cannot be negative',
  count_too_large: 'is implausibly large',
  principal_not_0_1: 'must be 0 or 1',
};

/**
 * Checks every row against the rules and the database, and says what applying the file would do. Pure. `onlyRegionId`
 * confines the file to one region: a region's service token imports its own schools, never another region's.
 */
export function checkRoster(parsed: ParsedRoster, existing: ExistingRoster, onlyRegionId: number | null = null): RosterCheck {
  const regions = new Map(existing.regions.map((r) => [nameKey(r.name), r]));
  const regionNames = new Map(existing.regions.map((r) => [r.id, r.name]));
  const municipalities = new Map(existing.municipalities.map((m) => [`${m.region_id}|${nameKey(m.name)}`, m]));
  const municipalityNames = new Map(existing.municipalities.map((m) => [m.id, m.name]));
  const schools = new Map(existing.schools.map((s) => [s.code, s]));

  const lookAlikes = new LookAlikes(existing.neighbours);

  const issues: RosterIssue[] = [];
  const warnings: RosterWarning[] = [];
  const plan: RosterPlan = { municipalities: [], creates: [], updates: [], unchanged: 0 };
  const newMunicipalities = new Map<string, PlannedMunicipality>();
  const firstLineOfCode = new Map<string, number>();
  const regionsUsed = new Set<number>();
  const sample: RosterSampleRow[] = [];

  for (const row of parsed.rows) {
    const rowIssues: RosterIssue[] = [];
    const issue = (column: RosterColumn, code: RosterIssue['code'], message: string, extra: Partial<RosterIssue> = {}) =>
      rowIssues.push({ line: row.line, column: parsed.headers[column], code, message, value: row.cells[column].trim(), ...extra });
    const text = (column: RosterColumn) => cleanText(row.cells[column]);

    const regionName = text('region');
    const municipalityName = text('municipality');
    const code = text('code');
    const name = text('name');
    if (!regionName) issue('region', 'empty_region', 'The region is empty');
    if (!municipalityName) issue('municipality', 'empty_municipality', 'The municipality is empty');
    if (!code) issue('code', 'empty_code', 'The school code is empty');
    if (!name) issue('name', 'empty_name', 'The school name is empty');
    if (code.length > MAX_CODE_LENGTH) issue('code', 'too_long', `The school code is longer than ${MAX_CODE_LENGTH} characters`);
    for (const column of ['region', 'municipality', 'name'] as const) {
      if (text(column).length > MAX_NAME_LENGTH) issue(column, 'too_long', `The ${column} is longer than ${MAX_NAME_LENGTH} characters`);
    }

    const counts = {} as Record<CountColumn, number | null>;
    for (const column of COUNT_COLUMNS) {
      const reading = column === 'principal' ? readPrincipal(row.cells[column]) : readCount(row.cells[column]);
      counts[column] = reading.ok ? reading.value : null;
      if (!reading.ok) issue(column, reading.code, `The ${column} count ${COUNT_MESSAGES[reading.code]}`);
    }

    const region = regionName ? regions.get(nameKey(regionName)) : undefined;
    if (regionName && !region) {
      issue('region', 'unknown_region', `No region "${regionName}"; an administrator adds regions before importing their schools`);
    } else if (region && onlyRegionId !== null && region.id !== onlyRegionId) {
      issue('region', 'region_out_of_scope', `The region "${regionName}" is not the region of this token; import only your own region's schools`);
    }
    const firstLine = code ? firstLineOfCode.get(code) : undefined;
    if (firstLine !== undefined) {
      issue('code', 'duplicate_code', `The school code "${code}" is already on line ${firstLine}`, { firstLine });
    } else if (code) {
      firstLineOfCode.set(code, row.line);
    }
    const school = firstLine === undefined ? schools.get(code) : undefined;
    if (school && region && school.region_id !== region.id) {
      const existingRegion = regionNames.get(school.region_id) ?? '';
      issue('code', 'code_in_other_region', `The school code "${code}" belongs to a school of another region ("${existingRegion}")`, { existingRegion });
    }

    issues.push(...rowIssues);
    const shown: Omit<RosterSampleRow, 'status' | 'changes'> = { line: row.line, region: regionName, municipality: municipalityName, code, name, ...counts };
    if (rowIssues.length > 0 || !region) {
      if (sample.length < SAMPLE_ROWS) sample.push({ ...shown, status: 'error', changes: [] });
      continue;
    }

    regionsUsed.add(region.id);
    const municipalityKey = `${region.id}|${nameKey(municipalityName)}`;
    const known = municipalities.get(municipalityKey);
    let municipality: MunicipalityRef;
    if (known) {
      municipality = { id: known.id };
    } else {
      if (!newMunicipalities.has(municipalityKey))
        newMunicipalities.set(municipalityKey, { key: municipalityKey, region_id: region.id, name: municipalityName });
      municipality = { key: municipalityKey };
    }
    const values: SchoolValues = { code, name, ...countFields(counts as Record<CountColumn, number>) };

    let status: RosterSampleRow['status'];
    let changed: ChangedField[] = [];
    if (!school) {
      warnings.push(...lookAlikes.warningsFor(row.line, values, region.id, known?.id ?? null));
      plan.creates.push({ line: row.line, values, municipality });
      status = 'new';
    } else {
      const changes = diff(school, values, municipality, municipalityNames.get(school.municipality_id) ?? '', known?.name ?? municipalityName);
      changed = Object.keys(changes) as ChangedField[];
      if (changed.length === 0) {
        plan.unchanged++;
        status = 'unchanged';
      } else {
        plan.updates.push({ line: row.line, id: school.id, values, municipality, changes });
        status = 'updated';
      }
    }
    if (sample.length < SAMPLE_ROWS) sample.push({ ...shown, status, changes: changed });
  }

  plan.municipalities = [...newMunicipalities.values()];
  return {
    issues,
    warnings,
    plan,
    summary: {
      regions: regionsUsed.size,
      municipalitiesNew: plan.municipalities.length,
      schoolsNew: plan.creates.length,
      schoolsUpdated: plan.updates.length,
      schoolsUnchanged: plan.unchanged,
    },
    sample,
  };
}

function countFields(counts: Record<CountColumn, number>): Pick<School, CountField> {
  return Object.fromEntries(COUNT_COLUMNS.map((c) => [COUNT_FIELDS[c], counts[c]])) as Pick<School, CountField>;
}

function diff(school: ExistingSchool, values: SchoolValues, municipality: MunicipalityRef, oldMunicipality: string, newMunicipality: string) {
  const changes: PlannedUpdate['changes'] = {};
  if (school.name !== values.name) changes.name = { from: school.name, to: values.name };
  if (!('id' in municipality) || municipality.id !== school.municipality_id) changes.municipality = { from: oldMunicipality, to: newMunicipality };
  for (const column of COUNT_COLUMNS) {
    const field = COUNT_FIELDS[column];
    if (school[field] !== values[field]) changes[column] = { from: school[field], to: values[field] };
  }
  return changes;
}
