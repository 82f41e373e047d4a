import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only']", message: 'No .only left behind.' },
        { selector: "CallExpression[callee.property.name='skip']", message: 'No skipped tests.' },
      ],
    },
  },
  // Issue 9: the layout shows the architecture. Nothing imports the `givre` command (cli/);
  // the dashboard holds no rule, so nothing of ingest; the broker nothing of either.
  {
    files: [
      'broker/**/*.ts',
      'ingest/**/*.ts',
      'dashboard/**/*.ts',
      'compliance/**/*.ts',
      'store/**/*.ts',
      'state/**/*.ts',
      'platform/**/*.ts',
      'firmware-sim/**/*.ts',
    ],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/cli/*'] }] },
  },
  {
    files: ['dashboard/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/cli/*', '**/ingest/*', '**/broker/*'] }] },
  },
  {
    files: ['broker/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/cli/*', '**/ingest/*', '**/dashboard/*'] }],
    },
  },
  {
    files: ['ingest/**/*.ts', 'compliance/**/*.ts', 'store/**/*.ts', 'state/**/*.ts', 'platform/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/cli/*', '**/dashboard/*', '**/broker/*'] }],
    },
  },
  {
    // Issue 12: the browser code reaches the server only through the API and its schemas
    // (core/api/); nothing of the stores, the services or Node (tsconfig.web.json checks the
    // types; this checks the imports, tests included).
    files: ['dashboard/web/**/*.ts', 'dashboard/text/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'node:*',
            'express',
            'better-sqlite3',
            'mqtt',
            // From dashboard/web/ and dashboard/text/: the top-level folders, not core/'s.
            '../../state/*',
            '../../store/*',
            '../../platform/*',
            '../../compliance/*',
            '../../ingest/*',
            '../../broker/*',
            '../../cli/*',
          ],
        },
      ],
    },
  },
  {
    // core/ is the pure domain: no I/O, no wall clock.
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'node:*',
            'fs',
            'net',
            'http',
            'mqtt',
            'express',
            'better-sqlite3',
            '../broker/*',
            '../ingest/*',
            '../dashboard/*',
            '../firmware-sim/*',
            '**/cli/*',
          ],
        },
      ],
    },
  },
);
