import { sign, type SignOptions } from 'jsonwebtoken';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { AccessTokenVerifier } from './access-token-verifier.service';

const ISSUER = 'parley';
const AUDIENCE = 'parley-api';
const claims = {
  sub: 'user-1',
  tid: 'tenant-1',
  name: 'Ada',
  email: 'ada@example.com',
  roles: ['Admin'],
  perms: ['agents:manage'],
  sid: 'session-1',
};

function newKey(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    kid,
    privateKey,
    publicKey,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' },
  };
}

function token(key: KeyObject | string, options: Partial<SignOptions> = {}, body: object = claims) {
  return sign(body, key, {
    algorithm: 'ES256',
    issuer: ISSUER,
    audience: AUDIENCE,
    expiresIn: 600,
    ...options,
  });
}

describe('the access-token verifier, with the key of the service that signs', () => {
  const key = newKey('k1');
  const verifier = new AccessTokenVerifier({
    issuer: ISSUER,
    audience: AUDIENCE,
    keys: { publicKeyPem: () => key.publicPem },
  });

  it('reads the bearer of a token signed with the key, for our issuer and audience', async () => {
    const principal = await verifier.verifyToken(token(key.privateKey));
    expect(principal).toMatchObject({
      userId: 'user-1',
      tenantId: 'tenant-1',
      roles: ['Admin'],
      permissions: ['agents:manage'],
      sessionId: 'session-1',
    });
    expect(principal?.issuedAt).toBeInstanceOf(Date);
  });

  it('refuses HMAC keyed with the public key, an unsigned token and a token of another key', async () => {
    const forged = [
      token(key.publicPem, { algorithm: 'HS256' }),
      token('', { algorithm: 'none' }),
      token(newKey('k2').privateKey),
    ];
    for (const candidate of forged) expect(await verifier.verifyToken(candidate)).toBeNull();
  });

  it('refuses another issuer, another audience and an expired token', async () => {
    const refused = [
      token(key.privateKey, { issuer: 'someone-else' }),
      token(key.privateKey, { audience: 'someone-else' }),
      token(key.privateKey, { expiresIn: -10 }),
    ];
    for (const candidate of refused) expect(await verifier.verifyToken(candidate)).toBeNull();
  });

  it('refuses a signed token that does not say which tenant its bearer belongs to', async () => {
    const { tid: _tid, ...withoutTenant } = claims;
    expect(await verifier.verifyToken(token(key.privateKey, {}, withoutTenant))).toBeNull();
  });

  it('takes from a socket handshake only a string of reasonable length', async () => {
    const long = token(key.privateKey, {}, { ...claims, name: 'x'.repeat(4096) });
    expect(await verifier.verify(undefined)).toBeNull();
    expect(await verifier.verify({ token: 'x' })).toBeNull();
    expect(await verifier.verify(long)).toBeNull();
    // An HTTP header is bounded by the server, so the same token passes there.
    expect(await verifier.verifyToken(long)).not.toBeNull();
    expect(await verifier.verify(token(key.privateKey))).not.toBeNull();
  });
});

describe('the access-token verifier, with keys from a JWKS', () => {
  let server: Server;
  let published: ReturnType<typeof newKey>[] = [];
  let fetches = 0;
  let jwksUrl: string;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      fetches += 1;
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ keys: published.map((key) => key.jwk) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  beforeEach(() => {
    fetches = 0;
  });

  const jwksVerifier = () =>
    new AccessTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keys: { jwksUrl } });

  it('finds a key published after it started (a rotation) without a restart', async () => {
    const verifier = jwksVerifier();
    const first = newKey('first');
    published = [first];
    expect(await verifier.verifyToken(token(first.privateKey, { keyid: 'first' }))).not.toBeNull();

    const next = newKey('next');
    published = [first, next];
    expect(await verifier.verifyToken(token(next.privateKey, { keyid: 'next' }))).not.toBeNull();
    expect(await verifier.verifyToken(token(first.privateKey, { keyid: 'first' }))).not.toBeNull();
    expect(fetches).toBe(2);
  });

  it('asks the JWKS at most ten times a minute, however many unknown key ids it is shown', async () => {
    const verifier = jwksVerifier();
    const known = newKey('known');
    published = [known];
    for (let i = 0; i < 15; i += 1) {
      const stranger = newKey(`stranger-${i}`);
      expect(
        await verifier.verifyToken(token(stranger.privateKey, { keyid: stranger.kid })),
      ).toBeNull();
    }
    expect(fetches).toBe(10);
  });
});
