import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Nothing but libs/core's config reads the environment.
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through AppConfig (libs/core/src/config).' }],
      // A lib is imported through its index (@fairops/<lib>), never by a deep path.
      'no-restricted-imports': ['error', { patterns: [{ group: ['@fairops/*/*'], message: 'Import a lib through its index: @fairops/<lib>.' }] }],
    },
  },
  {
    // Production code: a function that does not fit a screen does too much.
    files: ['libs/**/*.ts', 'apps/**/*.ts', 'apps/web/src/**/*.tsx'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts', 'libs/api-client/src/schema.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Entry points hand process.env to loadConfig; the test harness reads TEST_* and passes setup facts to test files.
    files: ['apps/*/src/main.ts', 'test/**/*.ts', 'jest.config.js', 'bench/**', 'faults/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The web app runs in the browser: no process, its own globals.
    files: ['apps/web/**/*.{ts,tsx,mts}'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', localStorage: 'readonly', navigator: 'readonly', location: 'readonly', console: 'readonly', fetch: 'readonly', self: 'readonly', indexedDB: 'readonly', crypto: 'readonly' } },
  },
  {
    files: ['**/*.js', '**/*.cjs', 'scripts/**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' },
  },
);
