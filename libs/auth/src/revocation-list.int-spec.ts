import { redisFragment } from '@app/config';
import { ServiceUnavailableException } from '@nestjs/common';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { TenantContext } from '@app/tenancy';
import { type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { sign } from 'jsonwebtoken';
import { generateKeyPairSync } from 'node:crypto';
import { type Principal } from './access-token';
import { AccessTokenVerifier } from './access-token-verifier.service';
import { type AuthenticatedRequest, AuthGuard } from './auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { Authenticated } from './permissions';
import { type PrincipalValidator } from './principal-validator';
import { revocationKeys, RevocationList } from './revocation-list';

const { REDIS_URL } = z.object(redisFragment()).parse(process.env);

/** A principal of a fresh user, its token issued at `issuedAt`. */
const principalAt = (issuedAt: Date, sessionId = randomUUID()): Principal => ({
  kind: 'user',
  userId: randomUUID(),
  tenantId: randomUUID(),
  name: 'Ada',
  email: 'ada@example.test',
  roles: [],
  permissions: [],
  sessionId,
  issuedAt,
  expiresAt: new Date(issuedAt.getTime() + 600_000),
});

describe('the revocation list in Redis', () => {
  const redis = new Redis(REDIS_URL);
  const list = new RevocationList(redis);

  afterAll(async () => {
    await redis.quit();
  });

  it('refuses the tokens of one ended session, and no other session of the user', async () => {
    const now = new Date();
    const ended = principalAt(now);
    const other = { ...ended, sessionId: randomUUID() };
    const tokensExpireBy = new Date(now.getTime() + 600_000);
    await list.revokeSessions({ ...ended, sessionId: ended.sessionId, at: now, tokensExpireBy });

    expect(await list.statusOf(ended)).toBe('session_revoked');
    expect(await list.statusOf(other)).toBe('valid');
  });

  it('cuts off exactly the tokens issued before a user-wide revocation or a permission change', async () => {
    const at = new Date();
    const before = principalAt(new Date(at.getTime() - 1));
    const after = { ...before, sessionId: randomUUID(), issuedAt: new Date(at.getTime() + 1) };
    const tokensExpireBy = new Date(at.getTime() + 600_000);

    await list.outdatePermissions({ ...before, at, tokensExpireBy });
    expect(await list.statusOf(before)).toBe('token_outdated');
    expect(await list.statusOf(after)).toBe('valid');

    await list.revokeSessions({ ...before, at, tokensExpireBy });
    expect(await list.statusOf(before)).toBe('session_revoked');
    expect(await list.statusOf(after)).toBe('valid');
  });

  it('keeps the latest cut-off when an older event comes after it', async () => {
    const later = new Date();
    const earlier = new Date(later.getTime() - 60_000);
    const token = principalAt(new Date(later.getTime() - 30_000));
    const tokensExpireBy = new Date(later.getTime() + 600_000);

    await list.revokeSessions({ ...token, at: later, tokensExpireBy });
    await list.revokeSessions({ ...token, at: earlier, tokensExpireBy });

    expect(await list.statusOf(token)).toBe('session_revoked');
  });

  it('keeps an entry only until the last token it could refuse has expired', async () => {
    const token = principalAt(new Date());
    const tokensExpireBy = new Date(Date.now() + 600_000);
    await list.revokeSessions({ ...token, at: new Date(), tokensExpireBy });

    const expiresAt = await redis.pexpiretime(revocationKeys.user(token.tenantId, token.userId));
    // The token lifetime and a minute's margin for clocks, no more.
    expect(expiresAt).toBe(tokensExpireBy.getTime() + 60_000);
  });

  it('fails closed with a 503 when Redis does not answer', async () => {
    const unreachable = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    const closed = new RevocationList(unreachable);

    await expect(closed.statusOf(principalAt(new Date()))).rejects.toBeInstanceOf(
      ServiceUnavailableException,
    );
    unreachable.disconnect();
  });
});

class Routes {
  @Authenticated() me() {}
}

describe('the guard and the socket verifier with the revocation list', () => {
  const redis = new Redis(REDIS_URL);
  const list = new RevocationList(redis);
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const verifier = new AccessTokenVerifier(
    {
      issuer: 'parley',
      audience: 'parley-api',
      keys: { publicKeyPem: () => publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    },
    list,
  );
  // Registers itself with passport, as Nest does when it instantiates the provider.
  new JwtStrategy(verifier);
  const user = { sub: randomUUID(), tid: randomUUID(), sid: randomUUID() };
  const now = Date.now();
  const token = sign(
    { ...user, name: 'Ada', email: 'a@example.test', roles: [], perms: [], iatMs: now },
    privateKey,
    { algorithm: 'ES256', issuer: 'parley', audience: 'parley-api', expiresIn: 600 },
  );

  /** The error code the guard answers the token with, or 'admitted'. */
  const answer = async (guard: AuthGuard): Promise<string> => {
    const request = { headers: { authorization: `Bearer ${token}` } } as AuthenticatedRequest;
    const context = {
      getType: () => 'http',
      getHandler: () => Routes.prototype.me,
      getClass: () => Routes,
      switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({}) }),
    } as unknown as ExecutionContext;
    try {
      // eslint-disable-next-line no-restricted-properties -- as bootstrap opens each request's scope
      await TenantContext.open(() => guard.canActivate(context));
      return 'admitted';
    } catch (error) {
      return (error as { getResponse(): { code?: string } }).getResponse().code ?? 'unauthorized';
    }
  };

  const rereads: PrincipalValidator = { validate: async (principal) => principal };
  const plain = new AuthGuard(new Reflector(), undefined, undefined, list);
  const tenantLike = new AuthGuard(new Reflector(), rereads, undefined, list);
  const entry = { tenantId: user.tid, userId: user.sub, tokensExpireBy: new Date(now + 600_000) };

  afterAll(async () => {
    await redis.quit();
  });

  it('asks a token whose permissions changed to be refreshed, except where the permissions are re-read', async () => {
    expect(await answer(plain)).toBe('admitted');
    await list.outdatePermissions({ ...entry, at: new Date(now + 1) });

    expect(await answer(plain)).toBe('token_outdated');
    expect(await answer(tenantLike)).toBe('admitted');
    expect(await verifier.verify(token)).toBeNull();
  });

  it('refuses a revoked session everywhere, sockets included', async () => {
    await list.revokeSessions({ ...entry, sessionId: user.sid, at: new Date(now + 1) });

    expect(await answer(plain)).toBe('session_revoked');
    expect(await answer(tenantLike)).toBe('session_revoked');
    expect(await verifier.verify(token)).toBeNull();
  });
});
