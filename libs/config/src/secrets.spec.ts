import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ConfigError, loadConfig } from './load-config';
import { REPOSITORY_SECRET_VALUES } from './repository-secrets';
import { parleyKey, providerSecret, secretVariables, withSecretPassword } from './secrets';
import { serviceFragment } from './fragments';

const DEVELOPMENT_KEY = 'parley-local-development-seal-key-change-me';

const schema = z
  .object({
    ...serviceFragment(3001),
    LINK_KEY: parleyKey(DEVELOPMENT_KEY),
    COOKIE_KEY: parleyKey('parley-local-development-oidc-flow-key-change-me'),
    CLIENT_SECRET: providerSecret(),
    SMTP_URL: withSecretPassword(z.url().default('smtp://127.0.0.1:1025')),
  })
  .refine(() => true);

const fresh = () => randomBytes(32).toString('hex');
const production = () => ({ NODE_ENV: 'production', LINK_KEY: fresh(), COOKIE_KEY: fresh() });

function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(schema, env);
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected the configuration to be refused');
}

describe('secrets in the configuration', () => {
  it('lets a local run fall back to the development keys', () => {
    expect(loadConfig(schema, {}).LINK_KEY).toBe(DEVELOPMENT_KEY);
  });

  it('accepts fresh random keys in production', () => {
    const env = production();
    expect(loadConfig(schema, env).LINK_KEY).toBe(env.LINK_KEY);
  });

  it('requires every key in production, naming each missing one', () => {
    const error = refusal({ NODE_ENV: 'production' });
    expect(error.variables).toEqual(['LINK_KEY', 'COOKIE_KEY']);
    expect(error.message).toContain('LINK_KEY: required in production');
  });

  it.each(REPOSITORY_SECRET_VALUES)('refuses the repository value %s in production', (value) => {
    const error = refusal({ ...production(), LINK_KEY: value });
    expect(error.variables).toEqual(['LINK_KEY']);
    expect(error.message).toMatch(/^invalid configuration: LINK_KEY: /);
    expect(error.message).toContain('LINK_KEY: a value published in the Parley repository');
    expect(error.message).not.toContain(value);
    expect(error.message).not.toContain('\n');
  });

  it('refuses a repository value as a provider secret too, of any length', () => {
    expect(refusal({ ...production(), CLIENT_SECRET: 'parley-local-secret' }).variables).toEqual([
      'CLIENT_SECRET',
    ]);
    expect(
      loadConfig(schema, { ...production(), CLIENT_SECRET: randomBytes(6).toString('hex') }),
    ).toBeTruthy();
  });

  it('refuses a repository value as the password in a URL', () => {
    const url = `smtp://mailer:${encodeURIComponent('parley-local-secret')}@smtp.example:587`;
    const error = refusal({ ...production(), SMTP_URL: url });
    expect(error.variables).toEqual(['SMTP_URL']);
    expect(error.message).not.toContain('parley-local-secret');
  });

  it('never repeats a malformed URL that holds a password', () => {
    const password = fresh();
    const error = refusal({ SMTP_URL: `smtp://mailer:${password}@` });
    expect(error.variables).toEqual(['SMTP_URL']);
    expect(error.message).not.toContain(password);
  });

  it('refuses a key shorter than 32 bytes, in any environment', () => {
    const short = randomBytes(15).toString('hex');
    expect(refusal({ ...production(), COOKIE_KEY: short }).variables).toEqual(['COOKIE_KEY']);
    expect(refusal({ COOKIE_KEY: short }).message).toContain('at least 32 bytes');
    expect(refusal({ COOKIE_KEY: short }).message).not.toContain(short);
  });

  it('refuses one value for two purposes in production', () => {
    const shared = fresh();
    const error = refusal({ ...production(), LINK_KEY: shared, COOKIE_KEY: shared });
    expect(error.variables).toEqual(['COOKIE_KEY']);
    expect(error.message).toContain('the same value as LINK_KEY');
  });

  it('names the secrets of a schema, refined or not', () => {
    expect(secretVariables(schema).map(([name]) => name)).toEqual([
      'LINK_KEY',
      'COOKIE_KEY',
      'CLIENT_SECRET',
      'SMTP_URL',
    ]);
  });
});
