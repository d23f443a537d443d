import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';

/** An email invitation Trustpilot accepted, as it was sent. */
export interface AcceptedInvitation {
  businessUnitId: string;
  businessUserId: string | null;
  token: string;
  body: Record<string, unknown>;
  receivedAt: number;
}

/** What the invitations endpoint answers the next requests with, instead of accepting them. */
export type StandInFailure =
  { status: 429; retryAfterSeconds?: number } | { status: 500 | 502 | 503 };

interface IssuedToken {
  apiKey: string;
  expiresAt: number;
}

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const OAUTH_GRANT_PATH = '/v1/oauth/oauth-business-users-for-applications/accesstoken';
const REFRESH_PATH = '/v1/oauth/oauth-business-users-for-applications/refresh';
const BUSINESS_UNIT_PATH =
  /^\/v1\/private\/business-units\/([^/]+)\/(email-invitations|templates)$/;

/**
 * A local stand-in for Trustpilot's two hosts, speaking the documented subset Parley uses
 * (docs/integrations/vendor-apis.md §8–10): the OAuth host (client-credentials tokens, Basic auth
 * and a form body, `expires_in` as a string of seconds; refresh refused for them, as documented)
 * and the Invitations host (email invitations with a Bearer token and JSON, answered 202 with no
 * body; templates). Expired, revoked or unknown tokens get 401; a bad `x-business-user-id` gets
 * 403 `{ message, errorCode, correlationId }`; tests can make it answer 429 or 5xx, or drop every
 * connection (an outage).
 */
export class TrustpilotStandIn {
  readonly accepted: AcceptedInvitation[] = [];
  /** Every request, in order: `<host> <method> <path> <status>` (`api`, `invitations`). */
  readonly requests: Array<{
    host: 'api' | 'invitations';
    method: string;
    path: string;
    status: number;
  }> = [];
  private readonly apps = new Map<string, string>();
  private readonly businessUnits = new Map<string, string[]>();
  private readonly businessUsers = new Set<string>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly failures: StandInFailure[] = [];
  private tokenLifeSeconds = 359_999;
  private down = false;
  private tokenDelayMs = 0;

  private constructor(
    private readonly servers: Server[],
    /** Point TRUSTPILOT_API_URL here. */
    readonly apiUrl: string,
    /** Point TRUSTPILOT_INVITATIONS_API_URL here. */
    readonly invitationsUrl: string,
  ) {}

  static async start(): Promise<TrustpilotStandIn> {
    const servers = [0, 1].map(() => createServer());
    const urls: string[] = [];
    for (const server of servers) {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    }
    const standIn = new TrustpilotStandIn(servers, urls[0], urls[1]);
    servers[0].on('request', (request, response) => void standIn.handle('api', request, response));
    servers[1].on(
      'request',
      (request, response) => void standIn.handle('invitations', request, response),
    );
    return standIn;
  }

  /** The URLs as the integrations service's settings. */
  get env(): Record<string, string> {
    return { TRUSTPILOT_API_URL: this.apiUrl, TRUSTPILOT_INVITATIONS_API_URL: this.invitationsUrl };
  }

  /** A business with an application (API key and secret), a business unit and its templates. */
  addBusiness(options: { templates?: string[]; businessUserId?: string } = {}): {
    apiKey: string;
    apiSecret: string;
    businessUnitId: string;
    templateId: string;
    businessUserId: string;
  } {
    const apiKey = randomBytes(16).toString('hex');
    const apiSecret = randomBytes(16).toString('hex');
    const businessUnitId = randomBytes(12).toString('hex');
    const templates = options.templates ?? [randomBytes(12).toString('hex')];
    const businessUserId = options.businessUserId ?? randomBytes(12).toString('hex');
    this.apps.set(apiKey, apiSecret);
    this.businessUnits.set(businessUnitId, templates);
    this.businessUsers.add(businessUserId);
    return { apiKey, apiSecret, businessUnitId, templateId: templates[0], businessUserId };
  }

  /** Tokens issued from now on last this long (`expires_in`). */
  setTokenLife(seconds: number): void {
    this.tokenLifeSeconds = seconds;
  }

  /** Refuses every token issued so far (401), as if Trustpilot had revoked them. */
  revokeTokens(): void {
    this.tokens.clear();
  }

  /** Whether a token the stand-in issued has expired (or was revoked). */
  isExpired(token: string): boolean {
    const issued = this.tokens.get(token);
    return !issued || issued.expiresAt <= Date.now();
  }

  /** Answers the next `count` invitation requests with `failure`. */
  failNext(count: number, failure: StandInFailure): void {
    for (let index = 0; index < count; index += 1) this.failures.push(failure);
  }

  /** While down, both hosts drop every connection without an answer. */
  /** Token requests take this long to answer, as a slow Trustpilot's would. */
  setTokenDelay(ms: number): void {
    this.tokenDelayMs = ms;
  }

  setOutage(down: boolean): void {
    this.down = down;
  }

  /** Token requests answered so far (any status). */
  get tokenRequests(): number {
    return this.requests.filter((request) => request.path === OAUTH_GRANT_PATH).length;
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
    );
  }

  private async handle(
    host: 'api' | 'invitations',
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const body = await readBody(request);
    const path = new URL(request.url ?? '/', 'http://stand-in').pathname;
    if (this.down) {
      request.socket.destroy();
      return;
    }
    if (host === 'api' && this.tokenDelayMs > 0)
      await new Promise((resolve) => setTimeout(resolve, this.tokenDelayMs));
    const answer =
      host === 'api' ? this.oauth(request, path, body) : this.invitations(request, path, body);
    this.requests.push({ host, method: request.method ?? '', path, status: answer.status });
    const json = answer.body === undefined ? '' : JSON.stringify(answer.body);
    response.writeHead(answer.status, {
      ...(json && { 'Content-Type': 'application/json' }),
      ...answer.headers,
    });
    response.end(json);
  }

  private oauth(request: IncomingMessage, path: string, body: string): Answer {
    if (request.method !== 'POST' || (path !== OAUTH_GRANT_PATH && path !== REFRESH_PATH))
      return notFound();
    if (!request.headers['content-type']?.startsWith('application/x-www-form-urlencoded'))
      return { status: 415, body: errorBody('Unsupported media type', 415) };
    const [apiKey, apiSecret] = Buffer.from(
      (request.headers.authorization ?? '').replace(/^Basic /, ''),
      'base64',
    )
      .toString('utf8')
      .split(':');
    if (!apiKey || this.apps.get(apiKey) !== apiSecret)
      return {
        status: 401,
        body: {
          fault: { faultstring: 'Invalid ApiKey', detail: { errorcode: 'oauth.v2.InvalidApiKey' } },
        },
      };
    const form = new URLSearchParams(body);
    // Client-credentials tokens come with no refresh token: "issue the same request" instead.
    if (path === REFRESH_PATH || form.get('grant_type') !== 'client_credentials')
      return { status: 400, body: { error: 'unsupported_grant_type' } };
    const token = `tpa-${randomBytes(18).toString('base64url')}`;
    const issuedAt = Date.now();
    this.tokens.set(token, { apiKey, expiresAt: issuedAt + this.tokenLifeSeconds * 1000 });
    return {
      status: 200,
      body: {
        access_token: token,
        issued_at: String(issuedAt),
        expires_in: String(this.tokenLifeSeconds),
        token_type: 'BearerToken',
      },
    };
  }

  private invitations(request: IncomingMessage, path: string, body: string): Answer {
    const match = BUSINESS_UNIT_PATH.exec(path);
    if (!match) return notFound();
    const [, businessUnitId, resource] = match;
    const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    if (this.isExpired(token))
      return {
        status: 401,
        body: {
          fault: {
            faultstring: 'Invalid access token',
            detail: { errorcode: 'oauth.v2.InvalidAccessToken' },
          },
        },
      };
    const templates = this.businessUnits.get(decodeURIComponent(businessUnitId));
    if (!templates) return notFound();
    if (resource === 'templates' && request.method === 'GET')
      return {
        status: 200,
        body: { templates: templates.map((id, index) => ({ id, name: `Template ${index + 1}` })) },
      };
    if (resource !== 'email-invitations' || request.method !== 'POST') return notFound();
    const failure = this.failures.shift();
    if (failure?.status === 429)
      return {
        status: 429,
        ...(failure.retryAfterSeconds !== undefined && {
          headers: { 'Retry-After': String(failure.retryAfterSeconds) },
        }),
      };
    if (failure) return { status: failure.status, body: errorBody('Something went wrong', 500) };
    if (request.headers['content-type'] !== 'application/json')
      return { status: 415, body: errorBody('Unsupported media type', 415) };
    const businessUserId = (request.headers['x-business-user-id'] as string | undefined) ?? null;
    if (businessUserId && !this.businessUsers.has(businessUserId))
      return { status: 403, body: errorBody('Access to resource is forbidden', 1014) };
    let invitation: Record<string, unknown>;
    try {
      invitation = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return { status: 400, body: errorBody('Something went wrong', 400) };
    }
    const missing = ['consumerEmail', 'consumerName', 'referenceNumber'].filter(
      (field) => typeof invitation[field] !== 'string' || invitation[field] === '',
    );
    if (missing.length > 0 || typeof invitation.serviceReviewInvitation !== 'object')
      return {
        status: 400,
        body: errorBody(`Invalid request: ${missing.join(', ') || 'serviceReviewInvitation'}`, 400),
      };
    this.accepted.push({
      businessUnitId: decodeURIComponent(businessUnitId),
      businessUserId,
      token,
      body: invitation,
      receivedAt: Date.now(),
    });
    return { status: 202 };
  }
}

function notFound(): Answer {
  return { status: 404, body: errorBody('Not found', 404) };
}

function errorBody(message: string, errorCode: number) {
  return { message, errorCode, correlationId: randomUUID() };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
