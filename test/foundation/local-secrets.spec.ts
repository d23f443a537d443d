import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');

/** Runs `ensure_local_secrets` of scripts/lib/local-secrets.sh as `npm start` does. */
function ensureLocalSecrets(dataDir: string): Record<string, string> {
  execFileSync(
    'bash',
    ['-c', 'set -euo pipefail; source scripts/lib/local-secrets.sh; ensure_local_secrets'],
    { cwd: root, env: { PATH: process.env.PATH ?? '', ROOT: root, DATA_DIR: dataDir } },
  );
  return Object.fromEntries(
    readFileSync(join(dataDir, 'secrets.env'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe("npm start's local secrets", () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'parley-secrets-'));
  });

  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('are made once, random, 32 bytes each, readable by their owner alone', () => {
    const first = ensureLocalSecrets(dataDir);

    expect(Object.keys(first).sort()).toEqual([
      'INTERCOM_SEAL_KEY',
      'NOTIFICATION_SEAL_KEY',
      'OIDC_CLIENT_SECRET',
      'OIDC_FLOW_SEAL_KEY',
      'TRUSTPILOT_CREDENTIALS_SEAL_KEY',
      'UNSUBSCRIBE_SEAL_KEY',
      'VISITOR_TOKEN_SECRET',
      'WEBHOOK_SECRET_SEAL_KEY',
    ]);
    for (const value of Object.values(first)) expect(value).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(Object.values(first)).size).toBe(8);
    expect(statSync(join(dataDir, 'secrets.env')).mode & 0o777).toBe(0o600);

    expect(ensureLocalSecrets(dataDir)).toEqual(first);
    const elsewhere = mkdtempSync(join(tmpdir(), 'parley-secrets-'));
    try {
      expect(ensureLocalSecrets(elsewhere).VISITOR_TOKEN_SECRET).not.toBe(
        first.VISITOR_TOKEN_SECRET,
      );
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('gain a key a newer version needs, keeping the ones they have', () => {
    writeFileSync(join(dataDir, 'secrets.env'), `VISITOR_TOKEN_SECRET=${'ab'.repeat(32)}\n`);

    const secrets = ensureLocalSecrets(dataDir);

    expect(secrets.VISITOR_TOKEN_SECRET).toBe('ab'.repeat(32));
    expect(secrets.UNSUBSCRIBE_SEAL_KEY).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(dataDir, 'secrets.env')).mode & 0o777).toBe(0o600);
  });
});
