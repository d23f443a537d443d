/** The service's shared ioredis connection, as Nest injects it. */
export const REDIS = Symbol('REDIS');
