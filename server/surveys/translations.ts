import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Type, type Static } from '@fastify/type-provider-typebox';
import { Value } from 'typebox/value';
import { canonicalJson } from '../shared/canonical-json.js';
import { sha256 } from '../shared/hash.js';
import { SURVEY_UI_KEYS, SURVEY_UI_PLACEHOLDERS, translatableStrings } from '../shared/rules/survey-translations.js';
import type { Role as RoleName } from '../shared/roles.js';
import { Role } from '../shared/vocabulary.js';
import { SURVEYS_DIR, type SurveyJson } from './questionnaires.js';
import { readJsonFile } from './read-json.js';

export const TRANSLATIONS_DIR = join(SURVEYS_DIR, 'translations');

/** surveys/translations/<role>.<language>.json */
export const TranslationFile = Type.Object(
  {
    role: Role,
    language: Type.String({ pattern: '^[a-z]{2,3}$' }),
    name: Type.String({ minLength: 1 }),
    /** The hash of the Russian strings it translates (`sourceOf`): a translation never shows over other words. */
    source: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    ui: Type.Record(Type.String(), Type.String({ minLength: 1 })),
    strings: Type.Record(Type.String(), Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);
export type TranslationFile = Static<typeof TranslationFile>;

/** A shipped translation, named by the hash of its content: an administrator confirms exactly these words. */
export interface ShippedTranslation extends TranslationFile {
  id: string;
  file: string;
}

/** What a translation translates: the questionnaire's Russian strings and where they stand. */
export function sourceOf(survey: SurveyJson): string {
  return sha256(canonicalJson(Object.fromEntries(translatableStrings(survey))));
}

/** Reads and checks every translation file of `dir`; a file that is not one stops the server with its name. */
export async function readTranslations(dir = TRANSLATIONS_DIR): Promise<ShippedTranslation[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return Promise.all(
    names.map(async (name) => {
      const file = join(dir, name);
      const content = await readJsonFile(file);
      if (!Value.Check(TranslationFile, content)) {
        const problem = [...Value.Errors(TranslationFile, content)][0];
        throw new Error(`${file}: not a translation file (${problem?.instancePath || '/'} ${problem?.message ?? ''})`);
      }
      if (name !== `${content.role}.${content.language}.json`) throw new Error(`${file}: should be named ${content.role}.${content.language}.json`);
      return { ...content, id: sha256(canonicalJson(content)), file };
    }),
  );
}

let shipped: Promise<ShippedTranslation[]> | undefined;

/** The translations of surveys/translations, read once per process. */
export function shippedTranslations(): Promise<ShippedTranslation[]> {
  shipped ??= readTranslations();
  shipped.catch(() => (shipped = undefined));
  return shipped;
}

const sources = new WeakMap<SurveyJson, string>();

/** The translations made for exactly this questionnaire's Russian words, whichever wave pinned it. */
export function translationsOf(all: readonly ShippedTranslation[], role: RoleName, survey: SurveyJson): ShippedTranslation[] {
  let source = sources.get(survey);
  if (source === undefined) sources.set(survey, (source = sourceOf(survey)));
  return all.filter((t) => t.role === role && t.source === source);
}

const placeholders = (text: string) => (text.match(/\{\d+\}|<\/?[a-z0-9]+>/g) ?? []).sort().join(' ');

/**
 * What keeps a translation from being shown for this questionnaire: a string it lacks, a key the questionnaire does
 * not have, a SurveyJS word missing, a `{0}` or an HTML tag lost, or a `source` that is not the questionnaire's.
 */
export function translationProblems(translation: TranslationFile, survey: SurveyJson): string[] {
  const russian = translatableStrings(survey);
  const problems: string[] = [];
  for (const key of russian.keys()) if (!(key in translation.strings)) problems.push(`missing "${key}"`);
  for (const [key, text] of Object.entries(translation.strings)) {
    const original = russian.get(key);
    if (original === undefined) problems.push(`"${key}" is not in the questionnaire`);
    else if (placeholders(text) !== placeholders(original)) problems.push(`"${key}" should keep ${placeholders(original) || 'no placeholders or tags'}`);
  }
  for (const key of SURVEY_UI_KEYS) if (!(key in translation.ui)) problems.push(`missing ui "${key}"`);
  for (const [key, text] of Object.entries(translation.ui)) {
    const kept = (SURVEY_UI_PLACEHOLDERS as Record<string, string>)[key];
    if (kept === undefined) problems.push(`ui "${key}" is not one of SURVEY_UI_KEYS`);
    else if (placeholders(text) !== kept) problems.push(`ui "${key}" should keep ${kept || 'no placeholders'}`);
  }
  if (problems.length === 0 && translation.source !== sourceOf(survey)) {
    problems.push(`"source" should be ${sourceOf(survey)} once every string translates the questionnaire's current Russian`);
  }
  return problems;
}
