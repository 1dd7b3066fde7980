// ESLint: typescript-eslint's recommended rules over our TypeScript and scripts. Formatting is
// Prettier's (.prettierrc.json); `npm run lint` checks both and runs as part of `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', '.data/', 'coverage/', 'test-results/', 'content/', 'docs/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Refusing control characters in input is deliberate (request-input, comments, file sniffing).
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['apps/api/src/web/public/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { ...globals.browser, ...globals.serviceworker, __PRECACHE__: 'readonly' },
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    ignores: ['apps/api/src/web/public/**'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
