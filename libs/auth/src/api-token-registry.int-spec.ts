import { redisFragment } from '@app/config';
import { API_TOKEN_LIMITS } from '@app/contracts';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type ApiTokenGrant } from './api-token';
import { apiTokenKeys, ApiTokenRegistry } from './api-token-registry';
import { newApiToken, sha256 } from './secret-hash';

const { REDIS_URL } = z.object(redisFragment()).parse(process.env);

const grantFor = (expiresAt: Date | null = null): ApiTokenGrant => ({
  id: randomUUID(),
  tenantId: randomUUID(),
  name: 'CRM sync',
  permissions: ['chats:join'],
  createdAt: new Date().toISOString(),
  expiresAt: expiresAt?.toISOString() ?? null,
});

describe('the API tokens in Redis', () => {
  const redis = new Redis(REDIS_URL);
  const registry = new ApiTokenRegistry(redis);

  afterAll(async () => {
    await redis.quit();
  });

  it('admits a granted token until it is withdrawn, and nothing else', async () => {
    const token = newApiToken();
    const grant = grantFor();
    await registry.grant(sha256(token), grant);

    expect(await registry.admit(token)).toEqual(grant);
    expect(await registry.admit(newApiToken())).toBeNull();
    expect(await registry.admit(`${token}x`)).toBeNull();
    await registry.withdraw(sha256(token));
    expect(await registry.admit(token)).toBeNull();
  });

  it('keeps a grant in Redis no longer than the token lives', async () => {
    const token = newApiToken();
    const expiresAt = new Date(Date.now() + 3_600_000);
    await registry.grant(sha256(token), grantFor(expiresAt));

    expect(await redis.pexpiretime(apiTokenKeys.grant(sha256(token)))).toBe(expiresAt.getTime());
    expect(await registry.admit(token, new Date(expiresAt.getTime() + 1))).toBeNull();
  });

  it('logs the newest uses of a token only, newest first, apart from other tokens', async () => {
    const [tenantId, tokenId, otherId] = [randomUUID(), randomUUID(), randomUUID()];
    const use = (index: number) => ({
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
      service: 'chat',
      method: 'GET',
      path: `/api/chat/rooms/${index}`,
      status: 200,
      ip: '203.0.113.7',
    });
    const kept = API_TOKEN_LIMITS.usesKept;
    for (let index = 0; index < kept + 5; index += 1)
      await registry.recordUse(tenantId, tokenId, use(index));
    await registry.recordUse(tenantId, otherId, use(999));

    const uses = await registry.usesOf(tenantId, tokenId);
    expect(uses).toHaveLength(kept);
    expect(uses[0]).toEqual(use(kept + 4));
    expect(uses.at(-1)).toEqual(use(5));
    const lastUses = await registry.lastUsesOf(tenantId, [tokenId, otherId, randomUUID()]);
    expect([...lastUses.values()]).toEqual([
      new Date(use(kept + 4).at),
      new Date(use(999).at),
      null,
    ]);
  });
});
