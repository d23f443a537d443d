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
    // Only the three adapters set the tenant of a unit of work; everything else goes through
    // `forTenant` / `asSystem` from @app/tenancy, which name their reason.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: [
      'libs/tenancy/src/**',
      'libs/platform/src/bootstrap.ts',
      'libs/auth/src/auth.guard.ts',
      'libs/messaging/src/consumer/event-consumer.service.ts',
      'apps/chat/src/gateways/socket-handler.ts',
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['run', 'unscoped', 'open', 'assign'].map((property) => ({
          object: 'TenantContext',
          property,
          message:
            'Only the HTTP guard, the socket handshake and the Kafka consumer set the tenant: use forTenant(tenantId, reason, fn) or asSystem(reason, fn) from @app/tenancy.',
        })),
      ],
    },
  },
  {
    // The browser apps: hooks rules for React (dashboard) and Preact (widget).
    files: ['apps/dashboard/src/**/*.{ts,tsx}', 'apps/widget/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
);
