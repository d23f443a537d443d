import { ACCESS_TOKEN_ALGORITHM, type AccessTokenClaims } from '@app/auth';
import { sign } from 'jsonwebtoken';
import { generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { uniqueSuffix } from './test-service';

/** Who a token is for, as the tenant service puts it in the token (`sid` made up if absent). */
export type TokenSubject = Omit<AccessTokenClaims, 'iat' | 'iatMs' | 'exp' | 'sid'> & {
  sid?: string;
};

/** A user of a tenant as a test sees them: who they are, and an access token that says so. */
export interface SignedIn {
  accessToken: string;
  user: { id: string; email: string; name: string; roles: string[] };
  tenant: { id: string; name: string };
}

/** The tenant service's defaults (libs/config's token fragment, the tenant's token lifetime). */
const ISSUER = 'parley';
const AUDIENCE = 'parley-api';
const LIFETIME_SECONDS = 600;

/**
 * Mints access tokens as the tenant service does (ES256, `kid`, issuer, audience, the claims
 * of libs/auth's schema) from a key of its own, and serves that key's JWKS and a health answer
 * on 127.0.0.1 at the tenant service's paths: what other services read of the tenant service,
 * without booting it.
 */
export class TestTokenIssuer {
  private constructor(
    private readonly server: Server,
    private readonly privateKey: KeyObject,
    private readonly kid: string,
    /** `http://127.0.0.1:<port>`, standing in for the tenant service's URL. */
    readonly url: string,
  ) {}

  static async start(): Promise<TestTokenIssuer> {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const kid = `test-${uniqueSuffix()}`;
    const jwks = JSON.stringify({
      keys: [
        { ...publicKey.export({ format: 'jwk' }), kid, alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' },
      ],
    });
    const server = createServer((request, response) => {
      const answer = (status: number, body: string) =>
        response.writeHead(status, { 'Content-Type': 'application/json' }).end(body);
      if (request.url === '/api/tenant/.well-known/jwks.json') return answer(200, jwks);
      if (request.url === '/api/tenant/health') return answer(200, '{"status":"ok"}');
      answer(404, '{"statusCode":404}');
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as { port: number };
    return new TestTokenIssuer(server, privateKey, kid, `http://127.0.0.1:${port}`);
  }

  get jwksUrl(): string {
    return `${this.url}/api/tenant/.well-known/jwks.json`;
  }

  /** The environment a service under test needs to accept these tokens. */
  get env(): { JWT_JWKS_URL: string; JWT_ISSUER: string; JWT_AUDIENCE: string } {
    return { JWT_JWKS_URL: this.jwksUrl, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE };
  }

  /** `lifetimeSeconds`: shorter than the tenant service's, to see a token expire. */
  issue(subject: TokenSubject, lifetimeSeconds = LIFETIME_SECONDS): string {
    const now = Date.now();
    const claims = { sid: randomUUID(), ...subject, iat: Math.floor(now / 1000), iatMs: now };
    return sign(claims, this.privateKey, {
      algorithm: ACCESS_TOKEN_ALGORITHM,
      keyid: this.kid,
      issuer: ISSUER,
      audience: AUDIENCE,
      expiresIn: lifetimeSeconds,
    });
  }

  async stop(): Promise<void> {
    // Services keep their JWKS connections alive; they must not hold the server open.
    this.server.closeAllConnections();
    await new Promise((closed) => this.server.close(closed));
  }
}
