import { z } from 'zod';
import { kafkaFragment, mongoFragment, serviceFragment } from './fragments';
import { ConfigError, loadConfig } from './load-config';

const schema = z.object({
  ...serviceFragment(3001),
  ...mongoFragment('parley_tenant'),
  ...kafkaFragment('tenant'),
  API_SECRET: z.string().min(32),
});

const valid = { API_SECRET: 'x'.repeat(32) };

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(schema, env);
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('fills every default a local run needs', () => {
    expect(loadConfig(schema, valid)).toMatchObject({
      PORT: 3001,
      HOST: '127.0.0.1',
      MONGO_URL: 'mongodb://127.0.0.1:27017',
      MONGO_DB: 'parley_tenant',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      KAFKA_CONSUMER_GROUP: 'tenant',
    });
  });

  it('trusts only loopback proxies unless told otherwise, and refuses what is not an address', () => {
    expect(loadConfig(schema, valid).TRUSTED_PROXIES).toEqual(['loopback']);
    expect(
      loadConfig(schema, { ...valid, TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.7' }).TRUSTED_PROXIES,
    ).toEqual(['10.0.0.0/8', '192.0.2.7']);
    expect(errorOf({ ...valid, TRUSTED_PROXIES: 'nginx' }).variables).toEqual(['TRUSTED_PROXIES']);
  });

  it('splits a broker list and coerces numbers', () => {
    const config = loadConfig(schema, { ...valid, KAFKA_BROKERS: 'a:9092, b:9093', PORT: '8080' });
    expect(config.KAFKA_BROKERS).toEqual(['a:9092', 'b:9093']);
    expect(config.PORT).toBe(8080);
  });

  it('names a malformed variable in a single line', () => {
    const error = errorOf({ ...valid, KAFKA_BROKERS: 'no-port-here' });
    expect(error.variables).toEqual(['KAFKA_BROKERS']);
    expect(error.message).toMatch(/^invalid configuration: KAFKA_BROKERS/);
    expect(error.message).not.toContain('\n');
  });

  it('names a missing required variable', () => {
    const error = errorOf({});
    expect(error.variables).toEqual(['API_SECRET']);
    expect(error.message).toContain('API_SECRET');
    expect(error.message).toContain('missing');
  });

  it('never repeats a secret value in the error', () => {
    const error = errorOf({ API_SECRET: 'short-secret-value' });
    expect(error.message).not.toContain('short-secret-value');
  });

  it('refuses a MONGO_URL that is not a MongoDB URL', () => {
    expect(errorOf({ ...valid, MONGO_URL: 'http://db:27017' }).variables).toEqual(['MONGO_URL']);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(schema, { ...valid, PORT: '' }).PORT).toBe(3001);
  });
});
