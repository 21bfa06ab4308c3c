import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { respondentOnPreact } from './vite.respond-preact';
import { precompress } from './vite.precompress';
import { resolve } from 'node:path';

const outDir = resolve(import.meta.dirname, 'dist/client');

// Two HTML entries: the respondent page must never pull staff screens or chart.js into its bundle.
export default defineConfig({
  root: 'client',
  plugins: [respondentOnPreact(), react(), precompress(outDir)],
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
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
  },
});
