import {
  ConfigModule,
  type KafkaConfig,
  type MongoConfig,
  type RedisConfig,
  type ServiceConfig,
} from '@app/config';
import { MessagingModule } from '@app/messaging';
import { type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { HealthModule } from './health/health.module';
import { loggingModule } from './logging/logging.module';
import { RedisModule } from './redis/redis.module';

export type ServiceName = 'tenant' | 'chat' | 'analytics' | 'email';

export type BaseServiceConfig = ServiceConfig & MongoConfig & KafkaConfig;

/**
 * What every Parley service imports: its configuration, logs, own MongoDB database, Kafka and
 * health endpoint; Redis when the service has `REDIS_URL`.
 */
export function serviceModules(
  name: ServiceName,
  config: BaseServiceConfig & Partial<RedisConfig>,
): DynamicModule[] {
  const modules: DynamicModule[] = [
    ConfigModule.forRoot(config),
    loggingModule(name, config),
    MongooseModule.forRoot(config.MONGO_URL, {
      dbName: config.MONGO_DB,
      serverSelectionTimeoutMS: 5000,
    }),
    MessagingModule.forRoot({ serviceName: name, kafka: config }),
    HealthModule.forRoot(),
  ];
  if (config.REDIS_URL) modules.push(RedisModule.forRoot({ REDIS_URL: config.REDIS_URL }));
  return modules;
}
