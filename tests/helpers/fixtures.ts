import type { Db } from '../../server/db/connect.js';
import type { Role } from '../../server/shared/roles.js';
import { newLinkToken } from '../../server/shared/tokens.js';
import { loadMethodology } from '../../server/risk-models/model-file.js';
import { storeQuestionnaireSet } from '../../server/surveys/pinned-questionnaires.js';
import { SURVEYS_DIR } from '../../server/surveys/questionnaires.js';

const DAY = 24 * 3600 * 1000;
let counter = 0;
const unique = () => `${Date.now().toString(36)}-${++counter}`;

export async function newRegion(db: Db, name = `Регион ${unique()}`) {
  return db.insertInto('regions').values({ name }).returning(['id', 'name']).executeTakeFirstOrThrow();
}

export async function newMunicipality(db: Db, regionId: number, name = `Район ${unique()}`) {
  return db.insertInto('municipalities').values({ region_id: regionId, name }).returning(['id', 'name']).executeTakeFirstOrThrow();
}

export interface SchoolCounts {
  principal?: number;
  teacher?: number;
  student?: number;
  parent?: number;
}

export async function newSchool(db: Db, municipalityId: number, counts: SchoolCounts = {}, name = `Школа ${unique()}`) {
  return db
    .insertInto('schools')
    .values({
      municipality_id: municipalityId,
      code: `S-${unique()}`,
      name,
      expected_principal: counts.principal ?? 1,
      expected_teacher: counts.teacher ?? 10,
      expected_student: counts.student ?? 100,
      expected_parent: counts.parent ?? 90,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

const methodologies = new Map<string, ReturnType<typeof loadMethodology>>();
const methodologyOf = (dir: string) => methodologies.get(dir) ?? methodologies.set(dir, loadMethodology(dir)).get(dir)!;

/** The real questionnaires (or those of another version's folder), stored as the server stores them; returns their id. */
export async function ensureQuestionnaires(db: Db, dir = SURVEYS_DIR) {
  return storeQuestionnaireSet(db, (await methodologyOf(dir)).set);
}

/**
 * The real default model stored under `id` with the real questionnaires, so waves of tests are answered and
 * scored exactly like production ones.
 */
export async function ensureModel(db: Db, id = 'test-model', dir = SURVEYS_DIR) {
  const model = { ...(await methodologyOf(dir)).model, id };
  const questionnairesId = await ensureQuestionnaires(db, dir);
  await db
    .insertInto('risk_models')
    .values({ id, title: model.title, definition: JSON.stringify(model), questionnaires_id: questionnairesId })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return id;
}

export interface WaveOptions {
  opensInDays?: number;
  closesInDays?: number;
  /** Exact instants, for a test that counts days: they win over `opensInDays` and `closesInDays`. */
  opensAt?: Date;
  closesAt?: Date;
  target?: number;
  modelId?: string;
  title?: string;
}

export async function newWave(db: Db, regionId: number, options: WaveOptions = {}) {
  const now = Date.now();
  return db
    .insertInto('waves')
    .values({
      region_id: regionId,
      title: options.title ?? `Волна ${unique()}`,
      opens_at: options.opensAt ?? new Date(now + (options.opensInDays ?? -1) * DAY),
      closes_at: options.closesAt ?? new Date(now + (options.closesInDays ?? 14) * DAY),
      target: options.target ?? 0.9,
      model_id: options.modelId ?? (await ensureModel(db)),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function newLink(db: Db, waveId: number, schoolId: number, role: Role, kind: 'open' | 'code' = 'open') {
  return db.insertInto('links').values({ wave_id: waveId, school_id: schoolId, role, kind, token: newLinkToken() }).returningAll().executeTakeFirstOrThrow();
}

/** A region with one municipality, one school and an open wave: the smallest world most tests need. */
export async function newWorld(db: Db, counts?: SchoolCounts, wave?: WaveOptions) {
  const region = await newRegion(db);
  const municipality = await newMunicipality(db, region.id);
  const school = await newSchool(db, municipality.id, counts);
  const w = await newWave(db, region.id, wave);
  return { region, municipality, school, wave: w };
}

/** Closes a wave a second ago, releasing its figures (docs/methodology.md §6 rule 2) after answers came in while it was open. */
export async function closeWave(db: Db, waveId: number) {
  return db
    .updateTable('waves')
    .set({ closes_at: new Date(Date.now() - 1000) })
    .where('id', '=', waveId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A draft programme of a school's wave for a factor (R1 unless said), with a measure, a file of evidence and a remark, written straight to the tables. */
export async function newProgramme(db: Db, waveId: number, schoolId: number, factorId = 'R1') {
  const { id } = await db
    .insertInto('programmes')
    .values({ wave_id: waveId, school_id: schoolId, factor_id: factorId, state: 'draft' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const measure = await db
    .insertInto('programme_measures')
    .values({
      programme_id: id,
      position: 0,
      action: 'Семинар для учителей',
      deadline: '2030-05-01',
      responsible: 'Заместитель директора',
      expected_result: 'Учителя знают приёмы',
      target_kind: 'factor',
      target_ref: factorId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const content = Buffer.from('%PDF-1.4\n%%EOF\n');
  const evidence = await db
    .insertInto('measure_evidence')
    .values({ measure_id: measure.id, filename: 'протокол.pdf', media_type: 'application/pdf', size: content.length, sha256: 'x', content })
    .returning('id')
    .executeTakeFirstOrThrow();
  const remark = await db.insertInto('programme_remarks').values({ programme_id: id, body: 'Уточните сроки' }).returning('id').executeTakeFirstOrThrow();
  return { id, measureId: measure.id, evidenceId: evidence.id, remarkId: remark.id };
}
