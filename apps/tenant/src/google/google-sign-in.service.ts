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
import { OneTimeTokensService } from '../tokens/one-time-tokens.service';
import { AccountsService } from '../users/accounts.service';
import { UsersRepository } from '../users/users.repository';
import { OidcClientProvider } from './oidc-client.provider';

const FLOW_TTL_MS = 10 * 60 * 1000;
const HANDOFF_TTL_SECONDS = 60;
const LINK_TTL_SECONDS = 10 * 60;

/** What the browser carries between the redirect to the provider and the callback (sealed). */
const flowSchema = z.object({
  state: z.string(),
  nonce: z.string(),
  codeVerifier: z.string(),
  mode: z.enum(['login', 'signup']),
  tenantName: z.string().optional(),
  /** An invited agent's Google sign-in carries the invitation: the address alone is not enough. */
  invitationToken: z.string().optional(),
  expiresAt: z.number(),
});
type Flow = z.infer<typeof flowSchema>;

/**
 * Where the callback sends the browser: a one-time `code` to trade for a session, a `link` code
 * when the address already has a password account (linking needs its password), or an `error`.
 * `binding` goes into a cookie of the browser that came back: the codes work only with it.
 */
export type CallbackOutcome =
  { code: string; binding: string } | { link: string; binding: string } | { error: string };

type Identity = { subject: string; email: string; name: string };
type Resolved =
  | { signIn: { tenantId: string; userId: string } }
  | { link: { tenantId: string; userId: string; subject: string } }
  | { error: string };

/** What a one-time code stands for, bound to the browser that finished the flow. */
interface Handoff {
  tenantId: string;
  userId: string;
  ip: string;
  bindingSha256: string;
  /** Only for a link: the Google account to attach once the password is proven. */
  subject?: string;
}

const invalidCode = () =>
  new AppHttpError(400, 'invalid_code', 'this sign-in code is invalid, expired or already used');

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
    private readonly oneTimeTokens: OneTimeTokensService,
    @Inject(REDIS) private readonly redis: Redis,
    @InjectConfig() private readonly config: TenantConfig,
  ) {}

  async start(input: {
    mode: 'login' | 'signup';
    tenantName?: string;
    login_hint?: string;
    invitationToken?: string;
  }): Promise<{ url: string; flowCookie: string }> {
    // A bad invitation is told now, not after a round trip through the provider.
    if (input.invitationToken)
      await this.oneTimeTokens.inspect(input.invitationToken, 'invitation');
    const client = await this.oidc.get();
    const codeVerifier = generators.codeVerifier();
    const flow: Flow = {
      state: generators.state(),
      nonce: generators.nonce(),
      codeVerifier,
      mode: input.mode,
      tenantName: input.tenantName,
      invitationToken: input.invitationToken,
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

    const resolved = await this.resolve(
      { subject: claims.sub, email: claims.email.toLowerCase(), name: claims.name ?? claims.email },
      flow,
    );
    if ('error' in resolved) return resolved;
    const binding = newSecret();
    if ('link' in resolved) {
      const code = await this.store(
        { ...resolved.link, ip, bindingSha256: sha256(binding) },
        LINK_TTL_SECONDS,
      );
      return { link: code, binding };
    }
    const code = await this.store(
      { ...resolved.signIn, ip, bindingSha256: sha256(binding) },
      HANDOFF_TTL_SECONDS,
    );
    return { code, binding };
  }

  /**
   * Trades the handoff code for the session it stands for, once, and only in the browser that
   * came back from the provider: a code lifted from someone else's flow signs nobody in (login
   * CSRF).
   */
  async exchange(code: string, binding: string | undefined): Promise<SignedIn> {
    const handoff = this.bound(await this.redis.getdel(handoffKey(code)), binding);
    if (handoff.subject) throw invalidCode();
    return forTenant(handoff.tenantId, 'a Google sign-in flow names its tenant', async () => {
      const user = await this.users.findById(handoff.userId);
      if (!canSignIn(user))
        throw new AppHttpError(401, 'invalid_credentials', 'this account cannot sign in');
      return this.auth.signIn(user, await this.tenants.get(handoff.tenantId), handoff.ip);
    });
  }

  /**
   * Links the Google account to the password account of the same address once its password
   * is given (proof that the caller owns the account, not just the address at Google), then
   * signs in. A wrong password leaves the code for another try, within the sign-in backoff.
   */
  async link(
    code: string,
    password: string,
    binding: string | undefined,
    ip: string,
  ): Promise<SignedIn> {
    const handoff = this.bound(await this.redis.get(handoffKey(code)), binding);
    if (!handoff.subject) throw invalidCode();
    const subject = handoff.subject;
    return forTenant(handoff.tenantId, 'a Google link names its account’s tenant', async () => {
      const user = await this.users.findById(handoff.userId);
      if (!user) throw invalidCode();
      await this.auth.checkPassword({ email: user.email, password }, ip);
      if (!(await this.redis.del(handoffKey(code)))) throw invalidCode();
      const linked = await this.users.update(user.id, { googleSubject: subject });
      return this.auth.signIn(linked!, await this.tenants.get(handoff.tenantId), ip);
    });
  }

  private bound(stored: string | null, binding: string | undefined): Handoff {
    if (!stored) throw invalidCode();
    const handoff = JSON.parse(stored) as Handoff;
    if (!binding || sha256(binding) !== handoff.bindingSha256) {
      throw new AppHttpError(
        403,
        'browser_mismatch',
        'this sign-in was finished in another browser; start it again here',
      );
    }
    return handoff;
  }

  /**
   * Who the Google identity is here. Never links it on the address alone: an invited agent
   * needs the invitation, a password account needs its password (`link`).
   */
  private async resolve(identity: Identity, flow: Flow): Promise<Resolved> {
    if (flow.invitationToken) return this.acceptInvitation(identity, flow.invitationToken);
    const user = await this.users.findByEmailInAnyTenant(identity.email);
    if (!user) {
      if (flow.mode !== 'signup') return { error: 'no_account' };
      return { signIn: await this.signUp(identity, flow.tenantName ?? `${identity.name}'s team`) };
    }
    if (user.status === 'deactivated') return { error: 'deactivated' };
    if (user.googleSubject === identity.subject) {
      return { signIn: { tenantId: user.tenantId, userId: user.id } };
    }
    if (user.googleSubject) return { error: 'account_mismatch' };
    return { link: { tenantId: user.tenantId, userId: user.id, subject: identity.subject } };
  }

  private async acceptInvitation(identity: Identity, invitationToken: string): Promise<Resolved> {
    let invitation: { tenantId: string; userId: string };
    try {
      invitation = await this.oneTimeTokens.inspect(invitationToken, 'invitation');
    } catch {
      return { error: 'invalid_invitation' };
    }
    return forTenant(invitation.tenantId, 'an invitation names its own tenant', async () => {
      const invited = await this.users.findById(invitation.userId);
      if (!invited || invited.status !== 'invited') return { error: 'invalid_invitation' };
      // Checked before the invitation is spent, so the wrong Google account costs nothing.
      if (invited.email !== identity.email) return { error: 'invitation_mismatch' };
      try {
        await this.oneTimeTokens.redeem(invitationToken, 'invitation');
        const user = await this.users.claimEmail(invited.id, { googleSubject: identity.subject });
        await this.accounts.announce(user);
      } catch (error) {
        if (error instanceof AppHttpError && error.code === 'email_taken') {
          return { error: 'email_taken' };
        }
        if (error instanceof AppHttpError) return { error: 'invalid_invitation' };
        throw error;
      }
      return { signIn: { tenantId: invitation.tenantId, userId: invited.id } };
    });
  }

  /** A new workspace for a Google-verified address that has no account. */
  private async signUp(identity: Identity, tenantName: string) {
    const { tenant, admin } = await this.onboarding.createTenant(tenantName, {
      email: identity.email,
      name: identity.name,
      passwordHash: null,
      googleSubject: identity.subject,
      status: 'active',
    });
    return { tenantId: tenant.id, userId: admin.id };
  }

  private async store(handoff: Handoff, ttlSeconds: number): Promise<string> {
    const code = newSecret();
    await this.redis.set(handoffKey(code), JSON.stringify(handoff), 'EX', ttlSeconds);
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
