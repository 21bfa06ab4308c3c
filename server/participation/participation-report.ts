import { ROLES, type Role } from '../shared/roles.js';
import { effectiveExpected, missingRespondents } from '../shared/rules/participation-target.js';
import { daysUntil, waveDays } from '../shared/rules/zoned-days.js';
import type { ParticipationWave, RoleCounts, SchoolCountsRow } from './participation.repository.js';
import type { AreaParticipation, ParticipationReport, RoleFigures, SchoolParticipation } from './participation.schemas.js';

/** Only counted answers reach the target; the held and excluded ones are shown beside them (docs/methodology.md §7). */
export function roleFigures(expected: number, refused: number, { responses, held, excluded, markedCounted, paper }: RoleCounts, target: number): RoleFigures {
  const base = effectiveExpected(expected, refused);
  return {
    expected,
    refused,
    responses,
    rate: base > 0 ? responses / base : null,
    needed: missingRespondents(base, responses, target),
    marked: markedCounted,
    held,
    excluded,
    paper,
  };
}

function schoolParticipation(row: SchoolCountsRow, wave: ParticipationWave): SchoolParticipation {
  const roles = {} as Record<Role, RoleFigures>;
  const overExpected: Role[] = [];
  const awaitingDecision: Role[] = [];
  const thanksToMarked: Role[] = [];
  let needed = 0;
  for (const role of ROLES) {
    const figures = roleFigures(row.expected[role], row.refused[role], row.counts[role], wave.target);
    const base = effectiveExpected(figures.expected, figures.refused);
    roles[role] = figures;
    needed += figures.needed;
    if (figures.responses > base) overExpected.push(role);
    if (figures.held > 0) awaitingDecision.push(role);
    if (figures.needed === 0 && missingRespondents(base, figures.responses - figures.marked, wave.target) > 0) thanksToMarked.push(role);
  }
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    municipalityId: row.municipalityId,
    roles,
    // A role nobody is expected in needs no one, so "nobody missing" is exactly docs/methodology.md §3's rule.
    meetsTarget: needed === 0,
    needed,
    flags: {
      overExpected,
      // Before the wave opens nobody could have answered yet; the flag would mark every school.
      noPrincipal: wave.status !== 'planned' && effectiveExpected(roles.principal.expected, roles.principal.refused) > 0 && roles.principal.responses === 0,
      awaitingDecision,
      thanksToMarked,
    },
  };
}

function areaParticipation(schools: SchoolParticipation[]): AreaParticipation {
  const area: AreaParticipation = {
    schools: schools.length,
    schoolsAtTarget: 0,
    shareAtTarget: null,
    expected: 0,
    refused: 0,
    responses: 0,
    paper: 0,
    needed: 0,
    roles: {} as AreaParticipation['roles'],
  };
  for (const role of ROLES) area.roles[role] = { expected: 0, refused: 0, responses: 0, rate: null, needed: 0, marked: 0, held: 0, excluded: 0, paper: 0 };
  for (const school of schools) {
    if (school.meetsTarget) area.schoolsAtTarget++;
    for (const role of ROLES) {
      const from = school.roles[role];
      const to = area.roles[role];
      to.expected += from.expected;
      to.refused += from.refused;
      to.responses += from.responses;
      to.needed += from.needed;
      to.marked += from.marked;
      to.held += from.held;
      to.excluded += from.excluded;
      to.paper += from.paper;
    }
  }
  for (const role of ROLES) {
    const figures = area.roles[role];
    const base = effectiveExpected(figures.expected, figures.refused);
    figures.rate = base > 0 ? figures.responses / base : null;
    area.expected += figures.expected;
    area.refused += figures.refused;
    area.responses += figures.responses;
    area.paper += figures.paper;
    area.needed += figures.needed;
  }
  area.shareAtTarget = schools.length > 0 ? area.schoolsAtTarget / schools.length : null;
  return area;
}

/** Turns the counters of the schools a caller sees into the coordinator's figures; pure, so tests feed it plain rows. */
export function participationReport(wave: ParticipationWave, rows: SchoolCountsRow[]): ParticipationReport {
  const now = wave.now;
  const days = waveDays(wave.opens_at, wave.closes_at, wave.time_zone);
  const schools = rows.map((row) => schoolParticipation(row, wave));

  const municipalities = new Map<number, { name: string; schools: SchoolParticipation[] }>();
  rows.forEach((row, i) => {
    const entry = municipalities.get(row.municipalityId) ?? { name: row.municipalityName, schools: [] };
    entry.schools.push(schools[i]);
    municipalities.set(row.municipalityId, entry);
  });

  return {
    wave: {
      id: wave.id,
      title: wave.title,
      opensAt: wave.opens_at.toISOString(),
      closesAt: wave.closes_at.toISOString(),
      timeZone: wave.time_zone,
      target: wave.target,
      status: wave.status,
      // Days of the region's calendar: on the last day one day is left, whatever the hour.
      daysLeft: wave.status === 'closed' ? 0 : daysUntil(days.lastDay, now, wave.time_zone) + 1,
      daysToOpen: wave.status === 'planned' ? daysUntil(days.firstDay, now, wave.time_zone) : null,
    },
    generatedAt: wave.now.toISOString(),
    territory: areaParticipation(schools),
    municipalities: [...municipalities].map(([id, m]) => ({ id, name: m.name, ...areaParticipation(m.schools) })),
    // Array.prototype.sort is stable: within a group the database's municipality-then-name order stays.
    schools: schools.sort((a, b) => Number(a.meetsTarget) - Number(b.meetsTarget) || b.needed - a.needed),
  };
}
