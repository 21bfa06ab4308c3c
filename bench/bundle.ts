import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CLIENT_DIST } from '../server/app.js';
import type { BenchRow } from './support.js';

/** The respondent page may weigh at most this much more than SurveyJS's own files. */
const GOAL_RATIO = 1.1;

/** What a page loads, as Vite writes it: scripts, module preloads and stylesheets under /assets/. */
const ASSET_REFERENCE = /["'(](?:\.\/|\/assets\/|assets\/)([\w.-]+\.(?:js|css))["')]/g;

/**
 * Every asset an HTML entry of the built client can load: what the page names, then everything those files
 * import, statically or on demand, followed to the end.
 */
export function assetsOf(entry: 'respond.html' | 'index.html', dist = CLIENT_DIST): string[] {
  const html = readFileSync(join(dist, entry), 'utf8');
  const found = new Set<string>();
  const pending = [...html.matchAll(/(?:src|href)="\/assets\/([\w.-]+\.(?:js|css))"/g)].map((m) => m[1]!);
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (found.has(name)) continue;
    found.add(name);
    if (name.endsWith('.js')) {
      for (const m of readFileSync(join(dist, 'assets', name), 'utf8').matchAll(ASSET_REFERENCE)) pending.push(m[1]!);
    }
  }
  return [...found].sort();
}

export const gzippedSize = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

/** What goes over the wire for an asset: its precompressed .br, or the file itself when it is too small to have one. */
const sentSize = (name: string) => {
  const file = join(CLIENT_DIST, 'assets', name);
  return statSync(existsSync(`${file}.br`) ? `${file}.br` : file).size;
};

/** SurveyJS as its authors ship it, minified: the floor any page showing a SurveyJS questionnaire pays. */
export function surveyJsFloor() {
  const packageDir = (name: string) => resolve(import.meta.dirname, '../node_modules', name);
  const files = [
    join(packageDir('survey-core'), 'survey.core.min.js'),
    join(packageDir('survey-react-ui'), 'survey-react-ui.min.js'),
    // The page uses the fontless theme (no web-font request from the phone); it is the smaller of the two.
    join(packageDir('survey-core'), 'survey-core.fontless.min.css'),
  ];
  return files.map((file) => ({ file, gzipped: gzippedSize(readFileSync(file)) }));
}

export async function run(): Promise<BenchRow[]> {
  if (!existsSync(join(CLIENT_DIST, 'respond.html'))) throw new Error('dist/client is missing: run `npm run build` first');
  const assets = assetsOf('respond.html').map((name) => ({ name, gzipped: gzippedSize(readFileSync(join(CLIENT_DIST, 'assets', name))) }));
  const sum = (list: Array<{ gzipped: number }>) => list.reduce((t, a) => t + a.gzipped, 0);
  const js = sum(assets.filter((a) => a.name.endsWith('.js')));
  const css = sum(assets.filter((a) => a.name.endsWith('.css')));
  const floor = sum(surveyJsFloor());
  const kb = (bytes: number) => bytes / 1024;
  const staffOnly = new Set(assetsOf('index.html'));
  const shared = assets.filter((a) => staffOnly.has(a.name)).map((a) => a.name);
  return [
    {
      name: 'bundle: respondent page JS + CSS, gzipped; baseline: survey-core + survey-react-ui + CSS, minified, gzipped',
      value: kb(js + css),
      unit: 'KB',
      baseline: kb(floor),
      goal: { max: GOAL_RATIO * kb(floor) },
      note: `goal: ratio ≤ ${GOAL_RATIO}; ${assets.length} files (${assets.map((a) => a.name).join(', ')}); files shared with the staff app: ${shared.join(', ') || 'none'}`,
    },
    { name: 'bundle: respondent page JS, gzipped', value: kb(js), unit: 'KB' },
    {
      name: 'bundle: respondent page JS + CSS as the server sends it to a browser that takes brotli',
      value: kb(assets.reduce((t, a) => t + sentSize(a.name), 0)),
      unit: 'KB',
      note: 'the .br files the build writes beside each asset (vite.precompress.ts)',
    },
    { name: 'bundle: respondent page CSS, gzipped', value: kb(css), unit: 'KB' },
  ];
}
