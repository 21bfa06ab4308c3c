import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_DIST } from '../../server/app.js';
import { assetsOf } from '../../bench/bundle.js';
import * as appStrings from '../../client/src/app/strings.js';
import * as adminStrings from '../../client/src/admin/strings.js';
import * as coordinatorStrings from '../../client/src/coordinator/strings.js';
import * as schoolStrings from '../../client/src/school/strings.js';

/** Every text of a strings module, long enough to be that screen's own (not «Далее» or «Роль»). */
function textsOf(module: unknown): string[] {
  if (typeof module === 'string') return module.length >= 12 && !module.includes('{') ? [module] : [];
  if (module && typeof module === 'object') return Object.values(module).flatMap(textsOf);
  return [];
}

const read = (name: string) => readFileSync(join(CLIENT_DIST, 'assets', name), 'utf8');

// Reads the client as built: `npm test` builds it first.
describe.runIf(existsSync(join(CLIENT_DIST, 'respond.html')))('the respondent page bundle', () => {
  const respondent = assetsOf('respond.html');
  const code = respondent
    .filter((n) => n.endsWith('.js'))
    .map(read)
    .join('\n');

  it('loads SurveyJS and its own code, in hashed files', () => {
    expect(respondent.some((n) => /^respond-[\w-]{8,}\.js$/.test(n))).toBe(true);
    expect(respondent.some((n) => n.endsWith('.css'))).toBe(true);
    expect(code).toContain('sd-root-modern');
  });

  it('loads no chart.js', () => {
    expect(respondent.filter((n) => /chart/i.test(n))).toEqual([]);
    expect(code).not.toMatch(/_chartjs|chartjs-/);
  });

  it('loads no staff screen: none of their texts, none of their files', () => {
    const staffTexts = [appStrings, adminStrings, coordinatorStrings, schoolStrings].flatMap(textsOf);
    expect(staffTexts.length).toBeGreaterThan(10);
    expect(staffTexts.filter((text) => code.includes(text))).toEqual([]);
    const staffFiles = assetsOf('index.html').filter((n) => !n.startsWith('modulepreload-polyfill'));
    expect(respondent.filter((n) => staffFiles.includes(n))).toEqual([]);
  });

  it('renders with Preact, not React (bench/bundle.ts weighs the difference)', () => {
    expect(code).not.toContain('react.dev/errors');
    expect(assetsOf('index.html').map(read).join('\n')).toContain('react.dev/errors');
  });
});
