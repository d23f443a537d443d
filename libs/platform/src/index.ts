export * from './bootstrap';
export * from './health/health.module';
export * from './http/client-address';
export * from './http/http-exception.filter';
export * from './logging/logging.module';
export * from './redis/redis.module';
export * from './redis/redis-script';
export * from './service-modules';
