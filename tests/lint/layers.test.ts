import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layer rules live in eslint.config.js; these cases prove each one refuses what it should and allows the rest. */
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

const IMPORT = 'no-restricted-imports';
const TS_IMPORT = '@typescript-eslint/no-restricted-imports';

describe('the layers the linter keeps', () => {
  it.each([
    ['server/scoring/x.ts', "import { sql } from 'kysely';\nexport const a = sql;\n", IMPORT],
    ['server/scoring/x.ts', "import { readFile } from 'node:fs/promises';\nexport const a = readFile;\n", IMPORT],
    ['server/shared/rules/x.ts', "import { connectDatabase } from '../../db/connect.js';\nexport const a = connectDatabase;\n", IMPORT],
    ['server/profiles/x.ts', "import { explainSchool } from '../explanations/explain-school.js';\nexport const a = explainSchool;\n", IMPORT],
    ['server/region-picture/x.ts', "import { profileRoutes } from '../profiles/routes.js';\nexport const a = profileRoutes;\n", IMPORT],
    ['server/territory/x.ts', "import { schoolProfile } from '../profiles/profiles.js';\nexport const a = schoolProfile;\n", IMPORT],
    ['migrations/0099_x.ts', "import { ROLES } from '../server/shared/roles.js';\nexport const a = ROLES;\n", IMPORT],
    ['client/src/x.ts', "import { sendAttachment } from '../../server/exports/attachment';\nexport const a = sendAttachment;\n", TS_IMPORT],
  ])('%s: refuses %s', async (filePath, code, rule) => {
    expect(await ruleIds(filePath, code)).toContain(rule);
  });

  it.each([
    ['server/region-picture/x.ts', "import { schoolProfile } from '../profiles/profiles.js';\nexport const a = schoolProfile;\n"],
    ['server/profiles/x.ts', "import { sql } from 'kysely';\nexport const a = sql;\n"],
    ['client/src/x.ts', "import type { Role } from '../../server/shared/vocabulary';\nexport type A = Role;\n"],
    ['client/src/x.ts', "import { missingRespondents } from '../../server/shared/rules/participation-target';\nexport const a = missingRespondents;\n"],
  ])('%s: allows %s', async (filePath, code) => {
    expect(await ruleIds(filePath, code)).toEqual([]);
  });
});
