import { AuthModule, type AuthOptions } from '@app/auth';
import {
  ConfigModule,
  type KafkaConfig,
  type MongoConfig,
  type RedisConfig,
  type ServiceConfig,
  type TokenVerificationConfig,
} from '@app/config';
import { MessagingModule } from '@app/messaging';
import { type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { HealthModule } from './health/health.module';
import { loggingModule } from './logging/logging.module';
import { REDIS, RedisModule } from './redis/redis.module';
import { RevocationsModule } from './revocations/revocations.module';

export type ServiceName = 'tenant' | 'chat' | 'analytics' | 'email' | 'integrations';

export type BaseServiceConfig = ServiceConfig & MongoConfig & KafkaConfig;

/** Token checking for services other than tenant: keys from the tenant service's JWKS. */
export function jwksAuth(config: TokenVerificationConfig): AuthOptions {
  return {
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    keys: { jwksUrl: config.JWT_JWKS_URL },
  };
}

export interface ServiceModuleOptions {
  /** Keep the outbox in Redis: for a service that publishes on its hot path. */
  outboxInRedis?: boolean;
}

/**
 * What every Parley service imports: its configuration, logs, own MongoDB database, Kafka,
 * Redis, authentication (with the revocation list in Redis and its consumer) and health endpoint.
 */
export function serviceModules(
  name: ServiceName,
  config: BaseServiceConfig & RedisConfig,
  auth: AuthOptions,
  options: ServiceModuleOptions = {},
): DynamicModule[] {
  return [
    ConfigModule.forRoot(config),
    AuthModule.forRoot({ ...auth, service: name }, [], REDIS),
    loggingModule(name, config),
    MongooseModule.forRoot(config.MONGO_URL, {
      dbName: config.MONGO_DB,
      serverSelectionTimeoutMS: 5000,
    }),
    MessagingModule.forRoot({
      serviceName: name,
      kafka: config,
      ...(options.outboxInRedis ? { outboxRedis: REDIS } : {}),
    }),
    HealthModule.forRoot(),
    RedisModule.forRoot({ REDIS_URL: config.REDIS_URL }),
    { module: RevocationsModule },
  ];
}
