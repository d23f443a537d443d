import { REPOSITORY_SECRET_VALUES, secretVariables } from '@app/config';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICES } from './services';

const root = join(__dirname, '../..');

/** Runs a built service's entry point with an environment of the test's choosing. */
function startBuilt(name: string, env: Record<string, string>) {
  const entry = join(root, `dist/apps/${name}/src/main.js`);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
  return spawnSync(process.execPath, [entry], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30000,
  });
}

describe.each(SERVICES.map(({ definition }) => [definition.name, definition] as const))(
  'the %s service at start',
  (name, definition) => {
    it('stops with one line naming a malformed variable', () => {
      const run = startBuilt(name, { KAFKA_BROKERS: 'not a broker list' });

      expect(run.status).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(`^parley-${name}: invalid configuration: KAFKA_BROKERS: `),
      );
      expect(run.stdout).toBe('');
    });

    it('names every bad variable, not only the first', () => {
      const run = startBuilt(name, { PORT: 'eighty', MONGO_URL: 'postgres://db/x' });

      expect(run.status).toBe(1);
      expect(run.stderr).toContain('PORT: ');
      expect(run.stderr).toContain('MONGO_URL: ');
    });

    it('refuses, in production, every secret whose value the repository published', () => {
      const secrets = secretVariables(definition.schema).map(([variable, meta], index) => {
        const published = REPOSITORY_SECRET_VALUES[index % REPOSITORY_SECRET_VALUES.length];
        const value = meta.secretPart
          ? `smtp://mailer:${encodeURIComponent(published)}@smtp.example:587`
          : published;
        return { variable, published, value };
      });
      expect(secrets.length).toBeGreaterThan(0);

      const run = startBuilt(name, {
        NODE_ENV: 'production',
        JWT_PRIVATE_KEY_FILE: '/run/parley-keys/jwt.pem',
        ...Object.fromEntries(secrets.map(({ variable, value }) => [variable, value])),
      });

      expect(run.status).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^parley-${name}: invalid configuration: `));
      for (const { variable, published } of secrets) {
        expect(lines[0]).toContain(`${variable}: a value published in the Parley repository`);
        expect(lines[0]).not.toContain(published);
      }
    });
  },
);
