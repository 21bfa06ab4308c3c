import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { respondentOnPreact } from './vite.respond-preact';
import { precompress } from './vite.precompress';
import { respondServiceWorker } from './vite.respond-sw';
import { resolve } from 'node:path';

const outDir = resolve(import.meta.dirname, 'dist/client');

const UNIT_TESTS = [
  'tests/admin/roster-check.test.ts',
  'tests/admin/roster-parse.test.ts',
  'tests/audit/audit-wording.test.ts',
  'tests/comparisons/similar-schools.test.ts',
  'tests/dynamics/compare.test.ts',
  'tests/integrity/burst-watch.test.ts',
  'tests/paper/sheet-questions.test.ts',
  'tests/respond/page-languages.test.ts',
  'tests/lint/layers.test.ts',
  'tests/methodology/derivation.test.ts',
  'tests/methodology/statistics.test.ts',
  'tests/participation/participation-report.test.ts',
  'tests/programmes/programme-docx.test.ts',
  'tests/respond/first-page-html.test.ts',
  'tests/risk-models/schema-problems.test.ts',
  'tests/scoring/*.test.ts',
  'tests/security/tokens.test.ts',
  'tests/shared/*.test.ts',
  'tests/surveys/questionnaires.test.ts',
  'tests/surveys/translations.test.ts',
  'tests/time-zones/zoned-days.test.ts',
];

// Two HTML entries: the respondent page must never pull staff screens or chart.js into its bundle.
export default defineConfig({
  root: 'client',
  plugins: [respondentOnPreact(), react(), respondServiceWorker(), precompress(outDir)],
  build: {
    outDir,
    emptyOutDir: true,
    rollupOptions: {
      input: {
        app: resolve(import.meta.dirname, 'client/index.html'),
        respond: resolve(import.meta.dirname, 'client/respond.html'),
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
  test: {
    root: '.',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    // `npm run test:unit` runs the first project alone: pure code, no database, server or browser, in seconds.
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT_TESTS } },
      { extends: true, test: { name: 'integration', include: ['tests/**/*.test.ts'], exclude: UNIT_TESTS, globalSetup: ['tests/helpers/global-setup.ts'] } },
    ],
  },
});
