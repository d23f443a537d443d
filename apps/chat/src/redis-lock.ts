/** Releases a Redis lock only if it is still its owner's (it may have expired and been taken). */
export const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
