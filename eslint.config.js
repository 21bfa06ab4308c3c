// The linter keeps the code's layers, not only its style: `npm test` runs it, so a change that crosses a layer fails.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * Server features, in the order they may depend on each other: a feature imports only features before it (their
 * repositories and rules, never their routes). Everything else under server/ is infrastructure and imports no feature.
 */
const FEATURES = [
  'respond',
  'admin',
  'context',
  'participation',
  'profiles',
  'priorities',
  'explanations',
  'dynamics',
  'region-picture',
  'methodology',
  'comparisons',
  'curators',
  'programmes',
  'programme-monitoring',
  'context-scatter',
  'paper',
  'retention',
  'notices',
];
/** Infrastructure folders; `demo` and `app.ts` compose features and are exempt. */
const INFRASTRUCTURE = [
  'shared',
  'db',
  'audit',
  'security',
  'scoring',
  'surveys',
  'exports',
  'territory',
  'risk-models',
  'auth',
  'links',
  'health',
  'service-tokens',
  'operations',
  'limits',
];

/** An import specifier that reaches `folder` from elsewhere under server/ (any depth of `../`). */
const into = (folders) => `^(\\.\\./)+(${folders.join('|')})/`;

const featureLayers = FEATURES.map((feature, i) => ({
  files: [`server/${feature}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...(i + 1 < FEATURES.length
            ? [
                {
                  regex: into(FEATURES.slice(i + 1)),
                  message: `A feature imports only features listed before it in eslint.config.js (${feature} comes before this one).`,
                },
              ]
            : []),
          {
            regex: `${into(FEATURES.filter((f) => f !== feature))}(.*/)?([a-z-]+\\.)?routes(\\.js)?$`,
            message: "A feature never imports another feature's routes.",
          },
        ],
      },
    ],
  },
}));

/** Modules that must stay pure: computed from their arguments, no database, no files, no server framework. */
const PURE = {
  files: ['server/scoring/**/*.ts', 'server/shared/rules/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: ['kysely', 'pg', 'fastify', 'node:fs', 'node:fs/promises', 'fs', 'fs/promises'].map((name) => ({
          name,
          message: 'Scoring and shared rules are pure: no database, files or framework.',
        })),
        patterns: [
          { group: ['@electric-sql/*'], message: 'Scoring and shared rules are pure: no database.' },
          { regex: into(['db', 'risk-models', 'surveys']), message: 'Scoring and shared rules are pure: the caller loads data and passes it in.' },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'coverage/**', 'test-results/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      // TypeScript checks names; the core rule does not know TS globals and types.
      'no-undef': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: INFRASTRUCTURE.map((folder) => `server/${folder}/**/*.ts`),
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: into(FEATURES), message: 'Infrastructure imports no feature: move the shared part into infrastructure.' }] },
      ],
    },
  },
  ...featureLayers,
  PURE,
  {
    files: ['migrations/**/*.ts'],
    rules: {
      // A migration is frozen history: it must not change when the server's code does.
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(\\.\\./)+server/', message: 'A migration never imports server code.' }] }],
      // Migrations run on a schema-less Kysely<any>: the schema they build is not yet the Database interface.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Kysely's migrator, dialect and introspector take Kysely<any>: the database they run on has no typed schema yet.
    files: ['server/db/migrate.ts', 'server/db/pglite-dialect.ts', 'tests/helpers/database.ts', 'tests/helpers/global-setup.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // server/shared/roles is the one vocabulary of values both sides list; client/src/shared/roles re-exports it.
              regex: '^(\\.\\./)+server/(?!shared/rules/|shared/roles$)',
              allowTypeImports: true,
              message: 'The client takes only types from the server; shared run-time rules live in server/shared/rules/.',
            },
          ],
        },
      ],
    },
  },
);
