/**
 * Every secret value Parley's repository has ever published (defaults, examples, test and demo
 * values): production refuses each, since anyone could sign or open tokens with it.
 * test/foundation/repository-secrets.spec.ts scans the tree and fails when a file holds a secret
 * value missing here, so a new example cannot slip by. Values leave the tree but never this list.
 */
export const REPOSITORY_SECRET_VALUES: readonly string[] = [
  // Development defaults of the configuration schemas and .env examples.
  'parley-local-development-seal-key-change-me',
  'parley-local-development-visitor-secret-change-me',
  'parley-local-development-unsubscribe-key-change-me',
  'parley-local-development-oidc-flow-key-change-me',
  'parley-local-development-s3-secret-change-me',
  'parley-local-development-webhook-seal-key-change-me',
  'parley-local-development-intercom-seal-key-change-me',
  'parley-local-development-trustpilot-seal-key-change-me',
  // docker-compose.yml's former defaults.
  'compose-demo-seal-key-replace-me-in-production',
  'compose-demo-visitor-secret-replace-me-in-production',
  // The local and test OpenID providers' client secrets.
  'parley-local-secret',
  'parley-test-secret',
  // Unit tests.
  'a-unit-test-seal-key-of-32-characters!',
  'another-key-of-at-least-32-characters',
  'a shared key of the tenant and email services',
  'short-secret-value',
  // Documentation.
  'unused',
];
