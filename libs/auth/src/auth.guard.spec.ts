import { TenantContext } from '@app/tenancy';
import { type ExecutionContext, ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { sign } from 'jsonwebtoken';
import { generateKeyPairSync } from 'node:crypto';
import { type Principal } from './access-token';
import { AccessTokenVerifier } from './access-token-verifier.service';
import { type AuthenticatedRequest, AuthGuard } from './auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { Authenticated, RequirePermissions } from './permissions';
import { type PrincipalValidator } from './principal-validator';
import { Public } from './public.decorator';
import { AllowVisitors, type VisitorAuthenticator } from './visitor-auth';

class Routes {
  @Public() health() {}
  @Authenticated() me() {}
  @RequirePermissions('agents:manage') agents() {}
  @AllowVisitors() @Authenticated() transcript() {}
  forgotten() {}
}

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const verifier = new AccessTokenVerifier({
  issuer: 'parley',
  audience: 'parley-api',
  keys: { publicKeyPem: () => publicKey.export({ type: 'spki', format: 'pem' }).toString() },
});
// Registers itself with passport, as Nest does when it instantiates the provider.
new JwtStrategy(verifier);
const accessToken = (perms: string[] = []) =>
  sign(
    {
      sub: 'user-1',
      tid: 'tenant-1',
      name: 'Ada',
      email: 'a@example.com',
      roles: [],
      perms,
      sid: 's',
    },
    privateKey,
    { algorithm: 'ES256', issuer: 'parley', audience: 'parley-api', expiresIn: 600 },
  );

/** Asks the guard about one route for a request with this `Authorization` header. */
async function admit(
  guard: AuthGuard,
  route: keyof Routes,
  authorization?: string,
): Promise<{ request: AuthenticatedRequest; tenantId: string | null }> {
  const request = { headers: { authorization } } as AuthenticatedRequest;
  const context = {
    getType: () => 'http',
    getHandler: () => Routes.prototype[route],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({}) }),
  } as unknown as ExecutionContext;
  // eslint-disable-next-line no-restricted-properties -- as bootstrap opens each request's scope
  return TenantContext.open(async () => {
    await guard.canActivate(context);
    return { request, tenantId: tenantInContext() };
  });
}

function tenantInContext(): string | null {
  try {
    return TenantContext.current();
  } catch {
    return null;
  }
}

describe('the HTTP guard', () => {
  const guard = new AuthGuard(new Reflector());

  it('refuses a route that declares no access rule, even to a valid token', async () => {
    await expect(admit(guard, 'forgotten', `Bearer ${accessToken()}`)).rejects.toThrow(
      ForbiddenException,
    );
  });

  it('lets anyone through to a public route, outside any tenant', async () => {
    expect((await admit(guard, 'health')).tenantId).toBeNull();
  });

  it('answers 401 without a token, with a garbled one, or under another scheme', async () => {
    for (const authorization of [undefined, 'Bearer garbage', `Basic ${accessToken()}`]) {
      await expect(admit(guard, 'me', authorization)).rejects.toThrow(UnauthorizedException);
    }
  });

  it('takes the bearer scheme in any case and scopes the request to the token’s tenant', async () => {
    const { request, tenantId } = await admit(guard, 'me', `bearer ${accessToken()}`);
    expect(request.user).toMatchObject({ userId: 'user-1', tenantId: 'tenant-1' });
    expect(tenantId).toBe('tenant-1');
  });

  it('answers 403 when the token lacks a permission the route requires', async () => {
    await expect(admit(guard, 'agents', `Bearer ${accessToken(['chats:join'])}`)).rejects.toThrow(
      ForbiddenException,
    );
    await expect(
      admit(guard, 'agents', `Bearer ${accessToken(['agents:manage'])}`),
    ).resolves.toBeDefined();
  });

  it('asks the validator, when there is one, who the bearer is now', async () => {
    let current: Principal | null = null;
    const validator: PrincipalValidator = { validate: async () => current };
    const checked = new AuthGuard(new Reflector(), validator);
    const token = `Bearer ${accessToken(['agents:manage'])}`;

    await expect(admit(checked, 'me', token)).rejects.toThrow('this session was signed out');
    const principal = (await verifier.verifyToken(token.slice(7)))!;
    current = { ...principal, permissions: [] };
    await expect(admit(checked, 'agents', token)).rejects.toThrow(ForbiddenException);
  });

  it('takes a visitor’s room token on a route that allows visitors, and scopes it to their tenant', async () => {
    const visitors: VisitorAuthenticator = {
      authenticate: (token) =>
        token === 'room-token' ? { tenantId: 'tenant-2', roomId: 'r', visitorId: 'v' } : null,
    };
    const withVisitors = new AuthGuard(new Reflector(), undefined, visitors);
    const { request, tenantId } = await admit(withVisitors, 'transcript', 'Bearer room-token');
    expect(request.visitor).toEqual({ tenantId: 'tenant-2', roomId: 'r', visitorId: 'v' });
    expect(tenantId).toBe('tenant-2');
    await expect(admit(withVisitors, 'me', 'Bearer room-token')).rejects.toThrow(
      UnauthorizedException,
    );
  });

  it('never reads an API token as an access token: without the registry it is refused', async () => {
    await expect(admit(guard, 'me', `Bearer prl_${'a'.repeat(43)}`)).rejects.toThrow(
      'this API token is unknown, revoked or expired',
    );
  });
});
