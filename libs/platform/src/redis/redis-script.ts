import type Redis from 'ioredis';

/**
 * A Lua script on a Redis connection, called as a function of its `keys` keys (one unless told)
 * then its arguments. It is registered once per connection (ioredis sends it by SHA and reloads
 * it if Redis lost it); with auto-pipelining it goes out with the other commands of its tick.
 */
export function redisScript<R>(
  redis: Redis,
  name: string,
  lua: string,
  keys = 1,
): (...keysThenArgs: Array<string | number>) => Promise<R> {
  if (!(name in redis)) redis.defineCommand(name, { numberOfKeys: keys, lua });
  const command = (redis as unknown as Record<string, (...args: unknown[]) => Promise<R>>)[name];
  return (...keysThenArgs) => command.call(redis, ...keysThenArgs);
}
