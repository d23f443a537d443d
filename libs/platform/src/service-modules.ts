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

export type ServiceName = 'tenant' | 'chat' | 'analytics' | 'email';

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
  /** Keep the outbox in Redis (needs `REDIS_URL`): for a service that publishes on its hot path. */
  outboxInRedis?: boolean;
}

/**
 * What every Parley service imports: its configuration, logs, own MongoDB database, Kafka,
 * authentication and health endpoint; Redis when the service has `REDIS_URL`.
 */
export function serviceModules(
  name: ServiceName,
  config: BaseServiceConfig & Partial<RedisConfig>,
  auth: AuthOptions,
  options: ServiceModuleOptions = {},
): DynamicModule[] {
  if (options.outboxInRedis && !config.REDIS_URL) {
    throw new Error(`${name}: an outbox in Redis needs REDIS_URL`);
  }
  const modules: DynamicModule[] = [
    ConfigModule.forRoot(config),
    AuthModule.forRoot(auth),
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
  ];
  if (config.REDIS_URL) modules.push(RedisModule.forRoot({ REDIS_URL: config.REDIS_URL }));
  return modules;
}
