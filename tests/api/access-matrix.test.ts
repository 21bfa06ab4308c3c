import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import type { AccountRole } from '../../server/db/schema.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLink, newMunicipality, newProgramme, newRegion, newSchool, newWave } from '../helpers/fixtures.js';
import { login, newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { createAccount } from '../../server/auth/accounts.js';
import { createServiceToken } from '../../server/service-tokens/tokens.repository.js';
import type { TokenPermission } from '../../server/shared/vocabulary.js';

/** The ids a request is about: the caller's own school and wave, a school beside it, and one in another region. */
interface Target {
  schoolId: number;
  waveId: number;
  earlierWaveId: number;
  regionId: number;
  /** The school's programme of the wave, with a measure, a file of evidence and a remark. */
  programme: { id: number; measureId: number; evidenceId: number; remarkId: number; visitId: number };
}

/**
 * Service tokens: a region's with every permission, a municipality's that reads, and a region's that reads
 * participation only (every other token route must refuse it for want of the permission).
 */
const TOKENS = {
  'region token': { territory: 'region', permissions: ['participation:read', 'profiles:read', 'roster:import', 'waves:manage'] },
  'municipality token': { territory: 'municipality', permissions: ['participation:read', 'profiles:read'] },
  'participation-only token': { territory: 'region', permissions: ['participation:read'] },
} as const satisfies Record<string, { territory: 'region' | 'municipality'; permissions: TokenPermission[] }>;
type TokenName = keyof typeof TOKENS;

type Caller = 'anonymous' | AccountRole | TokenName;
type Scope = 'none' | 'wave' | 'school';

interface RouteCase {
  /** How the matrix reaches the route: a path for a target, and a body for changes. */
  path: (t: Target) => string;
  scope: Scope;
  body?: (t: Target) => unknown;
  /** Roles allowed beyond the declared access level decides (only the school's own team edits its priorities). */
  allowed?: AccountRole[];
  /** The route ends the caller's session (logout): it gets a session of its own. */
  freshSession?: boolean;
  /** Server-sent events: read only the status, never the endless body. */
  stream?: boolean;
}

const none = (path: string, extra: Partial<RouteCase> = {}): RouteCase => ({ path: () => path, scope: 'none', ...extra });

/**
 * Every /api route of the app, keyed "METHOD url". A route missing here fails the test, so a new route
 * cannot land without a decision on who may call it and a check that the server enforces it.
 */
const MATRIX: Record<string, RouteCase> = {
  'GET /api/health': none('/api/health'),
  'GET /api/links/:token': none('/api/links/unknown-token'),
  'POST /api/links/:token/responses': none('/api/links/unknown-token/responses', { body: () => ({}) }),
  'POST /api/links/code': none('/api/links/code', { body: () => ({ code: '2222-2222' }) }),
  'POST /api/auth/login': none('/api/auth/login', { body: () => ({}) }),
  'POST /api/auth/login/code': none('/api/auth/login/code', { body: () => ({}) }),
  'POST /api/auth/logout': none('/api/auth/logout', { freshSession: true }),
  'GET /api/auth/two-factor': none('/api/auth/two-factor'),
  'POST /api/auth/two-factor/setup': none('/api/auth/two-factor/setup'),
  'POST /api/auth/two-factor/enable': none('/api/auth/two-factor/enable', { body: () => ({}) }),
  'POST /api/auth/two-factor/disable': none('/api/auth/two-factor/disable', { body: () => ({}) }),
  'POST /api/admin/accounts/:id/two-factor/reset': none('/api/admin/accounts/999999/two-factor/reset'),
  'GET /api/me': none('/api/me'),
  'POST /api/auth/consent': none('/api/auth/consent', { body: () => ({}) }),
  'GET /api/me/data': none('/api/me/data'),
  'PUT /api/me/data': none('/api/me/data', { body: () => ({}) }),
  'POST /api/auth/password': none('/api/auth/password', { body: () => ({}) }),
  'GET /api/auth/invitations/:token': none('/api/auth/invitations/unknown-invitation-token'),
  'POST /api/auth/invitations/:token': none('/api/auth/invitations/unknown-invitation-token', { body: () => ({}) }),
  'GET /api/admin/accounts': none('/api/admin/accounts'),
  'GET /api/admin/territories': none('/api/admin/territories'),
  'POST /api/admin/accounts': none('/api/admin/accounts', { body: () => ({}) }),
  'POST /api/admin/accounts/:id/invitation': none('/api/admin/accounts/999999/invitation'),
  'POST /api/admin/accounts/:id/disable': none('/api/admin/accounts/999999/disable'),
  'POST /api/admin/accounts/:id/enable': none('/api/admin/accounts/999999/enable'),
  'PUT /api/admin/accounts/:id': none('/api/admin/accounts/999999', { body: () => ({}) }),
  'POST /api/admin/accounts/:id/anonymise': none('/api/admin/accounts/999999/anonymise'),
  'GET /api/admin/audit': none('/api/admin/audit'),
  'GET /api/admin/audit.csv': none('/api/admin/audit.csv'),
  'GET /api/admin/tokens': none('/api/admin/tokens'),
  'POST /api/admin/tokens': none('/api/admin/tokens', { body: () => ({}) }),
  'POST /api/admin/tokens/:id/revoke': none('/api/admin/tokens/999999/revoke'),
  'GET /api/admin/translations': none('/api/admin/translations'),
  'POST /api/admin/translations/:id/confirm': none(`/api/admin/translations/${'0'.repeat(64)}/confirm`),
  'GET /api/operator': none('/api/operator'),
  'PUT /api/admin/operator': none('/api/admin/operator', { body: () => ({}) }),
  'GET /api/waves': none('/api/waves'),
  'GET /api/admin/waves': none('/api/admin/waves'),
  'GET /api/admin/models': none('/api/admin/models'),
  'GET /api/admin/waves/:id': { path: (t) => `/api/admin/waves/${t.waveId}`, scope: 'wave' },
  // A whole body, so that the region check is reached; the unknown model then refuses it without creating a wave.
  'POST /api/admin/waves': {
    path: () => '/api/admin/waves',
    scope: 'wave',
    body: (t) => ({ regionId: t.regionId, title: 'x', modelId: 'no-such-model', firstDay: '2030-01-01', lastDay: '2030-01-02' }),
  },
  'PATCH /api/admin/waves/:id': { path: (t) => `/api/admin/waves/${t.waveId}`, scope: 'wave', body: () => ({ title: 'Волна' }) },
  'GET /api/admin/waves/:id/links': { path: (t) => `/api/admin/waves/${t.waveId}/links`, scope: 'none' },
  'POST /api/admin/waves/:id/links/sync': { path: (t) => `/api/admin/waves/${t.waveId}/links/sync`, scope: 'none' },
  'PATCH /api/admin/waves/:id/expected': { path: (t) => `/api/admin/waves/${t.waveId}/expected`, scope: 'none', body: () => ({}) },
  'GET /api/admin/retention': none('/api/admin/retention'),
  'PUT /api/admin/retention': none('/api/admin/retention', { body: () => ({}) }),
  'POST /api/admin/retention/apply': none('/api/admin/retention/apply'),
  // An empty confirmation: the administrator is let through to the check of the title, and nothing is deleted.
  'DELETE /api/admin/waves/:id': { path: (t) => `/api/admin/waves/${t.waveId}`, scope: 'none', body: () => ({ confirmTitle: '' }) },
  'PUT /api/admin/waves/:id/access': { path: (t) => `/api/admin/waves/${t.waveId}/access`, scope: 'none', body: () => ({}) },
  'POST /api/admin/links/:id/replace': none('/api/admin/links/999999/replace'),
  'GET /api/admin/links/config': none('/api/admin/links/config'),
  'GET /api/admin/waves/:id/schools/:schoolId/sheet': { path: (t) => `/api/admin/waves/${t.waveId}/schools/${t.schoolId}/sheet`, scope: 'none' },
  'GET /api/admin/waves/:id/schools/:schoolId/codes': { path: (t) => `/api/admin/waves/${t.waveId}/schools/${t.schoolId}/codes`, scope: 'none' },
  'GET /api/admin/waves/:id/links.csv': { path: (t) => `/api/admin/waves/${t.waveId}/links.csv`, scope: 'none' },
  'GET /api/admin/waves/:id/links.xlsx': { path: (t) => `/api/admin/waves/${t.waveId}/links.xlsx`, scope: 'none' },
  'GET /api/admin/regions': none('/api/admin/regions'),
  'POST /api/admin/regions': none('/api/admin/regions', { body: () => ({}) }),
  'PATCH /api/admin/regions/:id': none('/api/admin/regions/999999', { body: () => ({}) }),
  'POST /api/admin/roster/preview': none('/api/admin/roster/preview', { body: () => ({}) }),
  'POST /api/admin/roster': none('/api/admin/roster', { body: () => ({}) }),
  'GET /api/admin/roster/template.csv': none('/api/admin/roster/template.csv'),
  'GET /api/admin/roster/template.xlsx': none('/api/admin/roster/template.xlsx'),
  'POST /api/context/:kind/preview': none('/api/context/results/preview', { body: () => ({}), allowed: ['admin', 'region'] }),
  'POST /api/context/:kind': none('/api/context/indicators', { body: () => ({}), allowed: ['admin', 'region'] }),
  'GET /api/context/:kind/template.csv': none('/api/context/indicators/template.csv', { allowed: ['admin', 'region'] }),
  'GET /api/context/:kind/template.xlsx': none('/api/context/results/template.xlsx', { allowed: ['admin', 'region'] }),
  'GET /api/schools/:schoolId/context': { path: (t) => `/api/schools/${t.schoolId}/context`, scope: 'school' },
  'GET /api/waves/:waveId/participation': { path: (t) => `/api/waves/${t.waveId}/participation`, scope: 'wave' },
  'GET /api/waves/:waveId/participation/events': { path: (t) => `/api/waves/${t.waveId}/participation/events`, scope: 'wave', stream: true },
  'GET /api/waves/:waveId/participation.csv': { path: (t) => `/api/waves/${t.waveId}/participation.csv`, scope: 'wave' },
  'GET /api/waves/:waveId/participation.xlsx': { path: (t) => `/api/waves/${t.waveId}/participation.xlsx`, scope: 'wave' },
  'GET /api/waves/:waveId/schools/:schoolId/links': { path: (t) => `/api/waves/${t.waveId}/schools/${t.schoolId}/links`, scope: 'school' },
  'GET /api/waves/:waveId/schools/:schoolId/links/:role/qr.png': {
    path: (t) => `/api/waves/${t.waveId}/schools/${t.schoolId}/links/teacher/qr.png`,
    scope: 'school',
  },
  'GET /api/waves/:waveId/schools/:schoolId/profile': { path: (t) => `/api/waves/${t.waveId}/schools/${t.schoolId}/profile`, scope: 'school' },
  'GET /api/waves/:waveId/profiles': { path: (t) => `/api/waves/${t.waveId}/profiles`, scope: 'wave' },
  'GET /api/waves/:waveId/schools/:schoolId/factors/:factorId/explanation': {
    path: (t) => `/api/waves/${t.waveId}/schools/${t.schoolId}/factors/R1/explanation`,
    scope: 'school',
  },
  'GET /api/waves/:waveId/schools/:schoolId/explanations': { path: (t) => `/api/waves/${t.waveId}/schools/${t.schoolId}/explanations`, scope: 'school' },
  'GET /api/waves/:waveId/schools/:schoolId/comparisons': { path: (t) => `/api/waves/${t.waveId}/schools/${t.schoolId}/comparisons`, scope: 'school' },
  'GET /api/schools/:schoolId/dynamics': {
    path: (t) => `/api/schools/${t.schoolId}/dynamics?from=${t.earlierWaveId}&to=${t.waveId}`,
    scope: 'school',
  },
  'GET /api/schools/:schoolId/trend': { path: (t) => `/api/schools/${t.schoolId}/trend`, scope: 'school' },
  'GET /api/waves/:waveId/schools/:schoolId/priorities': { path: (t) => `/api/waves/${t.waveId}/schools/${t.schoolId}/priorities`, scope: 'school' },
  'PUT /api/waves/:waveId/schools/:schoolId/priorities': {
    path: (t) => `/api/waves/${t.waveId}/schools/${t.schoolId}/priorities`,
    scope: 'school',
    body: () => ({ factorIds: ['R1'] }),
    allowed: ['admin', 'school'],
  },
  'GET /api/waves/:waveId/schools/:schoolId/marks': { path: (t) => `/api/waves/${t.waveId}/schools/${t.schoolId}/marks`, scope: 'school' },
  'POST /api/waves/:waveId/schools/:schoolId/marks/decision': {
    path: (t) => `/api/waves/${t.waveId}/schools/${t.schoolId}/marks/decision`,
    scope: 'school',
    body: () => ({ role: 'parent', decision: 'exclude' }),
  },
  'GET /api/waves/:waveId/region-picture': { path: (t) => `/api/waves/${t.waveId}/region-picture`, scope: 'wave' },
  'GET /api/waves/:waveId/context/results': { path: (t) => `/api/waves/${t.waveId}/context/results`, scope: 'wave' },
  'GET /api/waves/:waveId/context/scatter': {
    path: (t) => `/api/waves/${t.waveId}/context/scatter?factor=R1&procedure=vpr&subject=${encodeURIComponent('Математика')}&grade=5`,
    scope: 'wave',
  },
  'GET /api/waves/:waveId/profiles.csv': { path: (t) => `/api/waves/${t.waveId}/profiles.csv`, scope: 'wave' },
  'GET /api/waves/:waveId/profiles.xlsx': { path: (t) => `/api/waves/${t.waveId}/profiles.xlsx`, scope: 'wave' },
  'GET /api/admin/methodology/waves/:id/calibration': { path: (t) => `/api/admin/methodology/waves/${t.waveId}/calibration`, scope: 'none' },
  'POST /api/admin/methodology/waves/:id/derive-preview': {
    path: (t) => `/api/admin/methodology/waves/${t.waveId}/derive-preview`,
    scope: 'none',
    body: () => ({ edits: [] }),
  },
  'GET /api/admin/methodology/models/:modelId': none('/api/admin/methodology/models/500plus-v2'),
  'POST /api/admin/methodology/models': none('/api/admin/methodology/models', { body: () => ({}) }),
  'GET /api/waves/:waveId/schools/:schoolId/programmes': { path: (t) => `/api/waves/${t.waveId}/schools/${t.schoolId}/programmes`, scope: 'school' },
  'POST /api/waves/:waveId/schools/:schoolId/programmes': {
    path: (t) => `/api/waves/${t.waveId}/schools/${t.schoolId}/programmes`,
    scope: 'school',
    body: () => ({ factorId: 'R2' }),
    allowed: ['school'],
  },
  'GET /api/programmes/:programmeId': { path: (t) => `/api/programmes/${t.programme.id}`, scope: 'school' },
  'GET /api/programmes/:programmeId/document.docx': { path: (t) => `/api/programmes/${t.programme.id}/document.docx`, scope: 'school' },
  'PUT /api/programmes/:programmeId': {
    path: (t) => `/api/programmes/${t.programme.id}`,
    scope: 'school',
    body: () => ({ goal: 'Цель', tasks: [], measures: [], version: 0 }),
    allowed: ['school'],
  },
  'POST /api/programmes/:programmeId/submit': { path: (t) => `/api/programmes/${t.programme.id}/submit`, scope: 'school', allowed: ['school'] },
  'POST /api/programmes/:programmeId/review': {
    path: (t) => `/api/programmes/${t.programme.id}/review`,
    scope: 'school',
    body: () => ({ decision: 'approve' }),
    allowed: ['admin', 'region', 'curator'],
  },
  'POST /api/programmes/:programmeId/remarks': {
    path: (t) => `/api/programmes/${t.programme.id}/remarks`,
    scope: 'school',
    body: () => ({ body: 'Уточните сроки' }),
    allowed: ['admin', 'region', 'curator'],
  },
  'POST /api/programmes/:programmeId/remarks/:remarkId/answer': {
    path: (t) => `/api/programmes/${t.programme.id}/remarks/${t.programme.remarkId}/answer`,
    scope: 'school',
    body: () => ({ answer: 'Уточнили' }),
    allowed: ['school'],
  },
  'PATCH /api/programmes/:programmeId/measures/:measureId': {
    path: (t) => `/api/programmes/${t.programme.id}/measures/${t.programme.measureId}`,
    scope: 'school',
    body: () => ({ status: 'in_progress' }),
    allowed: ['school'],
  },
  'POST /api/programmes/:programmeId/measures/:measureId/evidence': {
    path: (t) => `/api/programmes/${t.programme.id}/measures/${t.programme.measureId}/evidence?filename=a.pdf`,
    scope: 'school',
    body: () => ({}),
    allowed: ['school'],
  },
  'GET /api/programmes/:programmeId/measures/:measureId/evidence/:evidenceId': {
    path: (t) => `/api/programmes/${t.programme.id}/measures/${t.programme.measureId}/evidence/${t.programme.evidenceId}`,
    scope: 'school',
  },
  'GET /api/curators': none('/api/curators'),
  'GET /api/curators/schools': none('/api/curators/schools'),
  'PUT /api/curators/:id/schools': none('/api/curators/999999/schools', { body: () => ({ schoolIds: [] }) }),
  'GET /api/schools/:schoolId/visits': { path: (t) => `/api/schools/${t.schoolId}/visits`, scope: 'school' },
  'POST /api/schools/:schoolId/visits': {
    path: (t) => `/api/schools/${t.schoolId}/visits`,
    scope: 'school',
    body: () => ({ plannedOn: '2030-04-01', kind: 'consultation', purpose: 'Обсудить программу' }),
    allowed: ['curator'],
  },
  'PUT /api/visits/:visitId': {
    path: (t) => `/api/visits/${t.programme.visitId}`,
    scope: 'school',
    body: () => ({
      plannedOn: '2030-04-01',
      kind: 'consultation',
      purpose: 'Обсудить программу',
      madeOn: null,
      protocol: { observations: [] },
      conclusions: '',
    }),
    allowed: ['curator'],
  },
  'GET /api/waves/:waveId/programmes/overview': { path: (t) => `/api/waves/${t.waveId}/programmes/overview`, scope: 'wave' },
  'GET /api/waves/:waveId/programmes/overview.csv': { path: (t) => `/api/waves/${t.waveId}/programmes/overview.csv`, scope: 'wave' },
  'GET /api/waves/:waveId/programmes/overview.xlsx': { path: (t) => `/api/waves/${t.waveId}/programmes/overview.xlsx`, scope: 'wave' },
  'GET /api/waves/:waveId/programmes/confirmed-change': {
    path: (t) => `/api/waves/${t.waveId}/programmes/confirmed-change?from=${t.earlierWaveId}`,
    scope: 'wave',
  },
  'GET /api/waves/:waveId/programmes/confirmed-change.csv': {
    path: (t) => `/api/waves/${t.waveId}/programmes/confirmed-change.csv?from=${t.earlierWaveId}`,
    scope: 'wave',
  },
  'GET /api/waves/:waveId/programmes/confirmed-change.xlsx': {
    path: (t) => `/api/waves/${t.waveId}/programmes/confirmed-change.xlsx?from=${t.earlierWaveId}`,
    scope: 'wave',
  },
  'POST /api/waves/:waveId/schools/:schoolId/paper-sheets': {
    path: (t) => `/api/waves/${t.waveId}/schools/${t.schoolId}/paper-sheets`,
    scope: 'school',
    body: () => ({ role: 'parent', count: 1 }),
    allowed: ['admin', 'region', 'municipality', 'school'],
  },
  'PUT /api/waves/:waveId/schools/:schoolId/refusals': {
    path: (t) => `/api/waves/${t.waveId}/schools/${t.schoolId}/refusals`,
    scope: 'school',
    body: () => ({ role: 'parent', refused: 0 }),
    allowed: ['admin', 'region', 'municipality', 'school'],
  },
  'GET /api/waves/:waveId/schools/:schoolId/parent-notice': { path: (t) => `/api/waves/${t.waveId}/schools/${t.schoolId}/parent-notice`, scope: 'school' },
  'GET /api/questionnaires/:role': none('/api/questionnaires/parent'),
  // An unknown sheet: the curator is refused before the lookup, everyone else learns it does not exist.
  'GET /api/paper-sheets/:sheetId': none('/api/paper-sheets/2222-2222', { allowed: ['admin', 'region', 'municipality', 'school'] }),
  'POST /api/paper-sheets/:sheetId/entries': none('/api/paper-sheets/2222-2222/entries', {
    body: () => ({ answers: {} }),
    allowed: ['admin', 'region', 'municipality', 'school'],
  }),
  'POST /api/paper-sheets/:sheetId/corrections': none('/api/paper-sheets/2222-2222/corrections', {
    body: () => ({ answers: {} }),
    allowed: ['admin', 'region', 'municipality', 'school'],
  }),
  'GET /api/admin/methodology/waves/:id/quality': { path: (t) => `/api/admin/methodology/waves/${t.waveId}/quality`, scope: 'none' },
};

const ACCESS_ROLES = {
  public: null,
  account: ['admin', 'region', 'municipality', 'school', 'curator', 'security'],
  staff: ['admin', 'region', 'municipality', 'school', 'curator'],
  coordinator: ['admin', 'region', 'municipality'],
  admin: ['admin'],
  audit: ['admin', 'security'],
} as const;

/** Which targets each role may reach on a scoped route: its own school, a sibling school of its region, another region. */
const REACHES: Record<AccountRole, Record<'own' | 'sibling' | 'foreign', boolean>> = {
  admin: { own: true, sibling: true, foreign: true },
  region: { own: true, sibling: true, foreign: false },
  municipality: { own: true, sibling: false, foreign: false },
  school: { own: true, sibling: false, foreign: false },
  curator: { own: true, sibling: false, foreign: false },
  // Reads the audit log only: every school route must refuse it before its scope is even asked.
  security: { own: false, sibling: false, foreign: false },
};

type Where = 'own' | 'sibling' | 'foreign';

/** What a service token must get: refused where no permission of its opens the route, else its territory's reach. */
function tokenExpectation(token: TokenName, opens: readonly TokenPermission[] | undefined, scope: Scope, where: Where) {
  const spec = TOKENS[token];
  if (!opens || !opens.some((permission) => (spec.permissions as readonly TokenPermission[]).includes(permission))) return 'refused';
  // A scope-less route the token opens still checks the region where it has one (the wave of a PATCH, a roster's rows).
  return scope === 'none' || REACHES[spec.territory][where] ? 'allowed' : 'out of scope';
}

describe('route access declarations', () => {
  it('refuses to build an app with an /api route that declares no access', async () => {
    const app = await buildApp({ db: {} as never, dbKind: 'pglite' });
    expect(() => app.get('/api/undeclared', async () => 'x')).toThrow(/does not declare config.access/);
    await app.close();
  });
});

describe.each(TEST_DATABASES)('authorisation matrix on %s', (kind) => {
  let t: TestApp;
  const targets = {} as Record<'own' | 'sibling' | 'foreign', Target>;
  const sessions = {} as Record<AccountRole, LoggedIn & { email: string }>;
  const tokenSecrets = {} as Record<TokenName, string>;

  beforeAll(async () => {
    t = await openTestApp(kind);
    const db = t.database.db;
    const regionA = await newRegion(db);
    const regionB = await newRegion(db);
    const [mA1, mA2, mB] = [await newMunicipality(db, regionA.id), await newMunicipality(db, regionA.id), await newMunicipality(db, regionB.id)];
    // The schools come before the waves: a school added after a wave opened is not part of it.
    const [sA1, sA2, sB] = [await newSchool(db, mA1.id), await newSchool(db, mA2.id), await newSchool(db, mB.id)];
    const [earlierA, waveA, earlierB, waveB] = [
      await newWave(db, regionA.id, { opensInDays: -60, closesInDays: -30 }),
      await newWave(db, regionA.id),
      await newWave(db, regionB.id, { opensInDays: -60, closesInDays: -30 }),
      await newWave(db, regionB.id),
    ];
    const place = async (school: { id: number }, wave: { id: number }, earlier: { id: number }, regionId: number): Promise<Target> => {
      for (const w of [wave, earlier]) await newLink(db, w.id, school.id, 'parent');
      return {
        schoolId: school.id,
        waveId: wave.id,
        earlierWaveId: earlier.id,
        regionId,
        programme: { ...(await newProgramme(db, wave.id, school.id)), visitId: 0 },
      };
    };
    targets.own = await place(sA1, waveA, earlierA, regionA.id);
    targets.sibling = await place(sA2, waveA, earlierA, regionA.id);
    targets.foreign = await place(sB, waveB, earlierB, regionB.id);
    sessions.admin = await newLoggedInAccount(t.app, db, { role: 'admin' });
    sessions.region = await newLoggedInAccount(t.app, db, { role: 'region', regionId: regionA.id });
    sessions.municipality = await newLoggedInAccount(t.app, db, { role: 'municipality', municipalityId: mA1.id });
    sessions.school = await newLoggedInAccount(t.app, db, { role: 'school', schoolId: targets.own.schoolId });
    // The curator of the own school only: its sibling of the same region is as foreign to it as another region's.
    sessions.curator = await newLoggedInAccount(t.app, db, { role: 'curator', regionId: regionA.id });
    sessions.security = await newLoggedInAccount(t.app, db, { role: 'security' });
    const curator = await db.selectFrom('users').select('id').where('email', '=', sessions.curator.email).executeTakeFirstOrThrow();
    await db.insertInto('curator_schools').values({ curator_id: curator.id, school_id: targets.own.schoolId }).execute();
    for (const target of Object.values(targets)) {
      const visit = await db
        .insertInto('curator_visits')
        .values({ school_id: target.schoolId, curator_id: curator.id, planned_on: '2030-04-01', kind: 'consultation', purpose: 'Обсудить программу' })
        .returning('id')
        .executeTakeFirstOrThrow();
      target.programme.visitId = visit.id;
    }
    const admin = await db.selectFrom('users').select('id').where('email', '=', sessions.admin.email).executeTakeFirstOrThrow();
    for (const [name, spec] of Object.entries(TOKENS) as Array<[TokenName, (typeof TOKENS)[TokenName]]>) {
      const created = await createServiceToken(db, {
        name,
        regionId: regionA.id,
        municipalityId: spec.territory === 'municipality' ? mA1.id : null,
        permissions: [...spec.permissions],
        requestsPerMinute: 10000,
        expiresAt: new Date(Date.now() + 24 * 3600 * 1000),
        createdBy: admin.id,
      });
      tokenSecrets[name] = created.secret;
    }
  });
  afterAll(() => t?.close());

  async function call(route: string, target: Target, caller: Caller): Promise<number> {
    const [method, url] = route.split(' ');
    const entry = MATRIX[route];
    let headers: Record<string, string> = {};
    if (caller in TOKENS) {
      headers = { authorization: `Bearer ${tokenSecrets[caller as TokenName]}` };
    } else if (caller !== 'anonymous') {
      const role = caller as AccountRole;
      headers = entry.freshSession ? (await login(t.app, sessions[role].email)).headers : sessions[role].headers;
    }
    const body = entry.body?.(target);
    const res = await t.app.inject({
      method: method as 'GET',
      url: entry.path(target),
      headers,
      ...(body !== undefined ? { payload: body as object } : {}),
      ...(entry.stream ? { payloadAsStream: true } : {}),
    });
    if (entry.stream) res.stream().destroy();
    expect(url).toBeTruthy();
    return res.statusCode;
  }

  it('covers every registered route, and nothing else', () => {
    const registered = t.app.routeAccess.map((r) => `${r.method} ${r.url}`).sort();
    expect(registered).toEqual(Object.keys(MATRIX).sort());
  });

  it('answers every route × caller × scope with the status its access declares', async () => {
    const failures: string[] = [];
    for (const { method, url, access, token: opens } of t.app.routeAccess) {
      const route = `${method} ${url}`;
      const entry = MATRIX[route];
      if (!entry) continue;
      const declared = ACCESS_ROLES[access];
      for (const caller of [
        'anonymous',
        'admin',
        'region',
        'municipality',
        'school',
        'curator',
        'security',
        ...(Object.keys(TOKENS) as TokenName[]),
      ] as const) {
        for (const where of entry.scope === 'none' ? (['own'] as const) : (['own', 'sibling', 'foreign'] as const)) {
          if (entry.scope === 'wave' && where === 'sibling') continue;
          const status = await call(route, targets[where], caller);
          let expected: string;
          let ok: boolean;
          if (declared === null) {
            expected = 'not 401/403';
            ok = status !== 401 && status !== 403;
          } else if (caller in TOKENS) {
            const expectation = tokenExpectation(caller as TokenName, opens, entry.scope, where);
            expected = expectation === 'refused' ? '403' : expectation === 'allowed' ? 'allowed (not 401/403)' : '403 or 404';
            ok =
              expectation === 'refused'
                ? status === 403
                : expectation === 'allowed'
                  ? status !== 401 && status !== 403 && status < 500
                  : status === 403 || status === 404;
          } else if (caller === 'anonymous') {
            expected = '401';
            ok = status === 401;
          } else if (!(declared as readonly string[]).includes(caller as AccountRole) || (entry.allowed && !entry.allowed.includes(caller as AccountRole))) {
            expected = '403';
            ok = status === 403;
          } else if (entry.scope === 'none' || REACHES[caller as AccountRole][where]) {
            expected = 'allowed (not 401/403)';
            ok = status !== 401 && status !== 403 && status < 500;
          } else {
            expected = '403 or 404';
            ok = status === 403 || status === 404;
          }
          if (!ok) failures.push(`${route} as ${caller} on ${where}: ${status}, expected ${expected}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Some thousand requests, a seventh caller among them: on a busy machine they outlast the default minute.
  }, 180_000);

  it('lets a disabled account do nothing', async () => {
    const email = `disabled-${Date.now()}@test.local`;
    const user = await createAccount(t.database.db, { email, password: 'correct horse battery', role: 'admin' });
    const session = await login(t.app, email);
    await t.database.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', user.id).execute();
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/accounts', headers: session.headers })).statusCode).toBe(401);
  });
});
