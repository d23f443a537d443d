import { loadConfig } from '@app/config';
import { type BaseServiceConfig, createServiceApp, type ServiceDefinition } from '@app/platform';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { getConnectionToken } from '@nestjs/mongoose';
import { type Connection } from 'mongoose';
import { MongoClient } from 'mongodb';
import { randomBytes } from 'node:crypto';
import { startGroupAtTopicEnds } from './kafka';

export interface TestService<C> {
  app: NestExpressApplication;
  config: C;
  /** `http://127.0.0.1:<port>` — add `/api/<service>/...`. */
  url: string;
  /** The service's own database, for assertions on what it stored. */
  db: Connection;
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

export const uniqueSuffix = (): string => randomBytes(4).toString('hex');

/**
 * Starts a real service in this process against the real infrastructure, with a database and a
 * consumer group of its own so tests never see each other's data.
 */
export async function startTestService<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
  overrides: Record<string, string> = {},
  options: { consumeHistory?: boolean } = {},
): Promise<TestService<C>> {
  const suffix = uniqueSuffix();
  const config = loadConfig(definition.schema, {
    ...process.env,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    MONGO_DB: `test_${definition.name}_${suffix}`,
    KAFKA_CONSUMER_GROUP: `test-${definition.name}-${suffix}`,
    ...overrides,
  });
  // Each group joins once, by itself: the groups of one service may do so side by side.
  if (!options.consumeHistory)
    await Promise.all(
      [
        config.KAFKA_CONSUMER_GROUP,
        ...(definition.batchConsumers ?? []).map(
          (name) => `${config.KAFKA_CONSUMER_GROUP}-${name}`,
        ),
      ].map(startGroupAtTopicEnds),
    );
  const app = await createServiceApp(definition, config);
  // Port 0 (any) unless the test needs to know the URL before start (e.g. an OAuth callback).
  await app.listen(overrides.PORT ? config.PORT : 0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const db = app.get<Connection>(getConnectionToken());
  return {
    app,
    config,
    url: `http://127.0.0.1:${address.port}`,
    db,
    async close({ keepDatabase = false } = {}) {
      // The app stops first: a database dropped under a consumer still writing to it made
      // FerretDB's SQLite read a deleted file's memory map and die (SIGBUS).
      await app.close();
      if (!keepDatabase) await dropDatabase(config.MONGO_URL, config.MONGO_DB);
    },
  };
}

async function dropDatabase(url: string, name: string): Promise<void> {
  const client = await MongoClient.connect(url, { serverSelectionTimeoutMS: 5000 });
  try {
    await client.db(name).dropDatabase();
  } catch {
    // Left behind: every test database has a name of its own, so nothing reads it again.
  } finally {
    await client.close();
  }
}
