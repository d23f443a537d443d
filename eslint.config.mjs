// One linter for the whole monorepo; formatting is left to prettier.
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.data/',
      'coverage/',
      'scripts/infra/',
      '**/*.mjs',
      '**/*.cjs',
      'jest.config.js',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read the environment only in libs/config.',
        },
      ],
    },
  },
  {
    files: [
      'libs/config/src/**/*.ts',
      'libs/testing/src/**/*.ts',
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      'test/**/*.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'test/**/*.ts', 'libs/testing/src/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // The browser apps: hooks rules for React (dashboard) and Preact (widget).
    files: ['apps/dashboard/src/**/*.{ts,tsx}', 'apps/widget/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
);
