import { newSecret, seal, sha256, unseal } from '@app/auth';
import { forTenant } from '@app/tenancy';
import { InjectConfig } from '@app/config';
import { AppHttpError, REDIS } from '@app/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { generators } from 'openid-client';
import { z } from 'zod';
import { AuthService, type SignedIn } from '../auth/auth.service';
import { OnboardingService } from '../auth/onboarding.service';
import { type TenantConfig } from '../tenant.config';
import { TenantsService } from '../tenants/tenants.service';
import { canSignIn } from '../users/account-access';
import { AccountsService } from '../users/accounts.service';
import { UsersRepository } from '../users/users.repository';
import { OidcClientProvider } from './oidc-client.provider';

const FLOW_TTL_MS = 10 * 60 * 1000;
const HANDOFF_TTL_SECONDS = 60;

/** What the browser carries between the redirect to the provider and the callback (sealed). */
const flowSchema = z.object({
  state: z.string(),
  nonce: z.string(),
  codeVerifier: z.string(),
  mode: z.enum(['login', 'signup']),
  tenantName: z.string().optional(),
  expiresAt: z.number(),
});
type Flow = z.infer<typeof flowSchema>;

export type CallbackOutcome = { code: string } | { error: string };

/**
 * Sign-in with Google through OpenID Connect: authorization code with PKCE, state and nonce. The
 * flow's secrets ride in a sealed cookie (no server session); the tokens reach the dashboard
 * through a one-minute, single-use handoff code, never through the URL.
 */
@Injectable()
export class GoogleSignInService {
  private readonly logger = new Logger(GoogleSignInService.name);

  constructor(
    private readonly oidc: OidcClientProvider,
    private readonly users: UsersRepository,
    private readonly onboarding: OnboardingService,
    private readonly tenants: TenantsService,
    private readonly accounts: AccountsService,
    private readonly auth: AuthService,
    @Inject(REDIS) private readonly redis: Redis,
    @InjectConfig() private readonly config: TenantConfig,
  ) {}

  async start(input: {
    mode: 'login' | 'signup';
    tenantName?: string;
    login_hint?: string;
  }): Promise<{ url: string; flowCookie: string }> {
    const client = await this.oidc.get();
    const codeVerifier = generators.codeVerifier();
    const flow: Flow = {
      state: generators.state(),
      nonce: generators.nonce(),
      codeVerifier,
      mode: input.mode,
      tenantName: input.tenantName,
      expiresAt: Date.now() + FLOW_TTL_MS,
    };
    const url = client.authorizationUrl({
      scope: 'openid email profile',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: generators.codeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      ...(input.login_hint ? { login_hint: input.login_hint } : {}),
    });
    return {
      url,
      flowCookie: seal(JSON.stringify(flow), this.config.OIDC_FLOW_SEAL_KEY, 'oidc-flow'),
    };
  }

  /** Never throws for the browser's sake: a failure becomes an `error` for the dashboard to show. */
  async callback(
    query: Record<string, string>,
    flowCookie: string | undefined,
    ip: string,
  ): Promise<CallbackOutcome> {
    const flow = this.openFlow(flowCookie);
    if (!flow) return { error: 'expired' };
    if (query.error) return { error: 'denied' };
    let claims: { sub: string; email?: string; email_verified?: boolean; name?: string };
    try {
      const client = await this.oidc.get();
      const tokens = await client.callback(this.oidc.redirectUri, query, {
        state: flow.state,
        nonce: flow.nonce,
        code_verifier: flow.codeVerifier,
      });
      claims = tokens.claims();
      // Google puts the email in the ID token; other providers may keep it for userinfo.
      if (!claims.email) claims = { ...claims, ...(await client.userinfo(tokens)) };
    } catch (error) {
      this.logger.warn(`OpenID callback refused: ${(error as Error).message}`);
      return { error: 'invalid_callback' };
    }
    if (!claims.email || claims.email_verified !== true) return { error: 'email_not_verified' };

    const signedIn = await this.signInOrSignUp(
      { subject: claims.sub, email: claims.email.toLowerCase(), name: claims.name ?? claims.email },
      flow,
    );
    if ('error' in signedIn) return signedIn;
    return { code: await this.handOff(signedIn.tenantId, signedIn.userId, ip) };
  }

  /** Trades the handoff code for the session it stands for, once. */
  async exchange(code: string): Promise<SignedIn> {
    const stored = await this.redis.getdel(handoffKey(code));
    if (!stored)
      throw new AppHttpError(
        400,
        'invalid_code',
        'this sign-in code is invalid, expired or already used',
      );
    const { tenantId, userId, ip } = JSON.parse(stored) as {
      tenantId: string;
      userId: string;
      ip: string;
    };
    return forTenant(tenantId, 'a Google sign-in flow names its tenant', async () => {
      const user = await this.users.findById(userId);
      if (!canSignIn(user))
        throw new AppHttpError(401, 'invalid_credentials', 'this account cannot sign in');
      return this.auth.signIn(user, await this.tenants.get(tenantId), ip);
    });
  }

  private async signInOrSignUp(
    identity: { subject: string; email: string; name: string },
    flow: Flow,
  ): Promise<{ tenantId: string; userId: string } | { error: string }> {
    const user = await this.users.findByEmailInAnyTenant(identity.email);
    if (!user) {
      if (flow.mode !== 'signup') return { error: 'no_account' };
      return this.signUp(identity, flow.tenantName ?? `${identity.name}'s team`);
    }
    return forTenant(
      user.tenantId,
      'a Google identity belongs to an account’s tenant',
      async () => {
        if (user.googleSubject && user.googleSubject !== identity.subject)
          return { error: 'account_mismatch' };
        if (user.status === 'deactivated') return { error: 'deactivated' };
        // An invited agent accepts the invitation by signing in with Google.
        const updated = await this.users.update(user.id, {
          googleSubject: identity.subject,
          status: 'active',
        });
        if (user.status === 'invited') await this.accounts.announce(updated!);
        return { tenantId: user.tenantId, userId: user.id };
      },
    );
  }

  private async signUp(
    identity: { subject: string; email: string; name: string },
    tenantName: string,
  ) {
    const { tenant, admin } = await this.onboarding.createTenant(tenantName, {
      email: identity.email,
      name: identity.name,
      passwordHash: null,
      googleSubject: identity.subject,
    });
    return { tenantId: tenant.id, userId: admin.id };
  }

  private async handOff(tenantId: string, userId: string, ip: string): Promise<string> {
    const code = newSecret();
    await this.redis.set(
      handoffKey(code),
      JSON.stringify({ tenantId, userId, ip }),
      'EX',
      HANDOFF_TTL_SECONDS,
    );
    return code;
  }

  private openFlow(cookie: string | undefined): Flow | null {
    if (!cookie) return null;
    try {
      const flow = flowSchema.parse(
        JSON.parse(unseal(cookie, this.config.OIDC_FLOW_SEAL_KEY, 'oidc-flow')),
      );
      return flow.expiresAt > Date.now() ? flow : null;
    } catch {
      return null;
    }
  }
}

/** Only the code's hash names the Redis key: a leaked key list reveals no usable code. */
function handoffKey(code: string): string {
  return `parley:oidc-handoff:${sha256(code)}`;
}
