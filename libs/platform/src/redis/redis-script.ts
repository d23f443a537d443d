import type Redis from 'ioredis';

/**
 * A Lua script on a Redis connection, called as a function of one key and its arguments. It is
 * registered once per connection (ioredis sends it by SHA and reloads it if Redis lost it).
 */
export function redisScript<R>(
  redis: Redis,
  name: string,
  lua: string,
): (key: string, ...args: Array<string | number>) => Promise<R> {
  if (!(name in redis)) redis.defineCommand(name, { numberOfKeys: 1, lua });
  const command = (redis as unknown as Record<string, (...args: unknown[]) => Promise<R>>)[name];
  return (key, ...args) => command.call(redis, key, ...args);
}
