import { forTenant } from '@app/tenancy';
import { InjectConfig } from '@app/config';
import { AppHttpError } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { compare, hash } from 'bcrypt';
import { NotificationsService } from '../notifications/notifications.service';
import { RateLimitsService } from '../rate-limit/rate-limits.service';
import { type TenantConfig } from '../tenant.config';
import { type TenantRecord } from '../tenants/tenants.repository';
import { TenantsService } from '../tenants/tenants.service';
import { OneTimeTokensService } from '../tokens/one-time-tokens.service';
import { SessionsService, type TokenPair } from '../tokens/sessions.service';
import { canSignIn } from '../users/account-access';
import { AccountsService } from '../users/accounts.service';
import { type UserRecord, UsersRepository } from '../users/users.repository';
import { OnboardingService } from './onboarding.service';

export interface SignedIn extends TokenPair {
  user: { id: string; email: string; name: string; roles: string[] };
  tenant: { id: string; name: string };
}

/** A sign-up waiting for its emailed link: no session yet. */
export interface SignUpStarted {
  verification: 'email_sent';
  user: { id: string; email: string; name: string };
  tenant: { id: string; name: string };
}

const RESET_TTL_MS = 30 * 60 * 1000;
const VERIFICATION_TTL_MS = 24 * 60 * 60 * 1000;
const PASSWORD_FAILURE_POLICIES = [
  'login-failure:account-address',
  'login-failure:account-address-day',
] as const;
const invalidCredentials = () =>
  new AppHttpError(401, 'invalid_credentials', 'email or password is wrong');

/** Sign-up, sign-in with a password, sessions, password resets and accepting invitations. */
@Injectable()
export class AuthService {
  /** Compared against when the email is unknown, so both cases take bcrypt's time. */
  private readonly decoyHash: Promise<string>;

  constructor(
    private readonly tenants: TenantsService,
    private readonly users: UsersRepository,
    private readonly onboarding: OnboardingService,
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
    private readonly oneTimeTokens: OneTimeTokensService,
    private readonly notifications: NotificationsService,
    private readonly rateLimits: RateLimitsService,
    @InjectConfig() private readonly config: TenantConfig,
  ) {
    this.decoyHash = hash('decoy password never used', config.BCRYPT_COST);
  }

  /**
   * Creates the workspace with its admin waiting for the emailed link: no session until the
   * address is proven, and no claim on it either, so a sign-up with someone else's address
   * reserves nothing (pre-hijacking).
   */
  async signup(
    input: { tenantName: string; name: string; email: string; password: string },
    ip: string,
  ): Promise<SignUpStarted> {
    await this.rateLimits.consume('signup:ip', ip);
    const passwordHash = await hash(input.password, this.config.BCRYPT_COST);
    const { tenant, admin } = await this.onboarding.createTenant(input.tenantName, {
      email: input.email,
      name: input.name,
      passwordHash,
      status: 'unverified',
    });
    await forTenant(tenant.id, 'a new workspace emails its admin a link', () =>
      this.sendVerification(admin, tenant),
    );
    return {
      verification: 'email_sent',
      user: { id: admin.id, email: admin.email, name: admin.name },
      tenant: { id: tenant.id, name: tenant.name },
    };
  }

  /** The emailed link proves the address: the account becomes active and is signed in. */
  async verifyEmail(token: string, ip: string): Promise<SignedIn> {
    const { tenantId, userId } = await this.oneTimeTokens.redeem(token, 'email-verification');
    return forTenant(tenantId, 'a verification link names its own tenant', async () => {
      const pending = await this.users.findById(userId);
      if (!pending || pending.status !== 'unverified') {
        throw new AppHttpError(
          400,
          'invalid_token',
          'this link is invalid, expired or already used',
        );
      }
      const user = await this.users.claimEmail(userId);
      await this.accounts.announce(user);
      return this.signIn(user, await this.tenants.get(tenantId), ip);
    });
  }

  /** Answers the same whatever the address: a new link goes to each sign-up still waiting. */
  async resendVerification(email: string, ip: string): Promise<void> {
    await this.rateLimits.consume('verify-resend:ip', ip);
    await this.rateLimits.consume('verify-resend:account', email);
    for (const user of (await this.users.findUnverifiedInAnyTenant(email)).slice(0, 3)) {
      await forTenant(user.tenantId, 'a sign-up waiting for its link names its tenant', async () =>
        this.sendVerification(user, await this.tenants.get(user.tenantId)),
      );
    }
  }

  private async sendVerification(user: UserRecord, tenant: TenantRecord): Promise<void> {
    const { token, expiresAt } = await this.oneTimeTokens.issue(
      user.id,
      'email-verification',
      VERIFICATION_TTL_MS,
    );
    await this.notifications.emailVerification(
      tenant,
      { email: user.email, name: user.name },
      token,
      expiresAt,
    );
  }

  async login(input: { email: string; password: string }, ip: string): Promise<SignedIn> {
    const user = await this.checkPassword(input, ip);
    return forTenant(user.tenantId, 'a sign-in names its account’s tenant', async () =>
      this.signIn(user, await this.tenants.get(user.tenantId), ip),
    );
  }

  /**
   * The account whose password this is, or 401 alike for a wrong password and an unknown email.
   * Wrong passwords back off per account and address (429 with `Retry-After`).
   */
  async checkPassword(input: { email: string; password: string }, ip: string): Promise<UserRecord> {
    await this.rateLimits.consume('login:ip', ip);
    const failures = `${input.email}|${ip}`;
    await this.rateLimits.checkAll(PASSWORD_FAILURE_POLICIES, failures);
    const user = await this.users.findByEmailInAnyTenant(input.email);
    const passwordHash = user?.passwordHash ?? (await this.decoyHash);
    const matches = await compare(input.password, passwordHash);
    if (!matches || !canSignIn(user) || !user.passwordHash) {
      await this.rateLimits.recordAll(PASSWORD_FAILURE_POLICIES, failures);
      if (!user) await this.refuseIfWaitingForVerification(input);
      throw invalidCredentials();
    }
    return user;
  }

  /**
   * The right password of a sign-up still waiting for its link gets a clear answer (and the
   * way to a new link); anything else stays the plain 401, so this reveals nothing more.
   */
  private async refuseIfWaitingForVerification(input: {
    email: string;
    password: string;
  }): Promise<void> {
    for (const pending of (await this.users.findUnverifiedInAnyTenant(input.email)).slice(0, 3)) {
      if (pending.passwordHash && (await compare(input.password, pending.passwordHash))) {
        throw new AppHttpError(
          403,
          'email_not_verified',
          'confirm your email address first with the link we sent; POST /auth/verify-email/resend sends a new one',
        );
      }
    }
  }

  /** Starts a session for a user of the tenant in context, remembering where they came from. */
  async signIn(user: UserRecord, tenant: TenantRecord, ip: string): Promise<SignedIn> {
    await this.users.update(user.id, { lastSignInAt: new Date() });
    await this.users.rememberAddress(user.id, ip);
    const subject = await this.accounts.subjectOf(user);
    const tokens = await this.sessions.start(subject);
    return {
      ...tokens,
      user: { id: user.id, email: user.email, name: user.name, roles: subject.roles },
      tenant: { id: tenant.id, name: tenant.name },
    };
  }

  async refresh(refreshToken: string, ip: string): Promise<TokenPair> {
    await this.rateLimits.consume('refresh:ip', ip);
    return this.sessions.refresh(refreshToken, async (_tenantId, userId, sessionId) => {
      const user = await this.users.findById(userId);
      if (!canSignIn(user)) return null;
      return { ...(await this.accounts.subjectOf(user)), sid: sessionId };
    });
  }

  async logout(refreshToken: string): Promise<void> {
    await this.sessions.end(refreshToken);
  }

  /** Answers the same whether or not the email is known, so accounts cannot be discovered. */
  async requestPasswordReset(email: string, ip: string): Promise<void> {
    await this.rateLimits.consume('reset:ip', ip);
    await this.rateLimits.consume('reset:account', email);
    const user = await this.users.findByEmailInAnyTenant(email);
    if (!canSignIn(user)) return;
    await forTenant(user.tenantId, 'a password reset names its account’s tenant', async () => {
      const tenant = await this.tenants.get(user.tenantId);
      const { token, expiresAt } = await this.oneTimeTokens.issue(
        user.id,
        'password-reset',
        RESET_TTL_MS,
      );
      await this.notifications.passwordReset(
        tenant,
        { email: user.email, name: user.name },
        token,
        expiresAt,
      );
    });
  }

  async confirmPasswordReset(token: string, password: string): Promise<void> {
    const { tenantId, userId } = await this.oneTimeTokens.redeem(token, 'password-reset');
    await forTenant(tenantId, 'a reset link names its own tenant', async () => {
      await this.users.update(userId, {
        passwordHash: await hash(password, this.config.BCRYPT_COST),
      });
      // Whoever knew the old password is signed out.
      await this.accounts.revokeSessions(userId, 'password-reset');
    });
  }

  async acceptInvitation(
    input: { token: string; password: string; name?: string },
    ip: string,
  ): Promise<SignedIn> {
    const { tenantId, userId } = await this.oneTimeTokens.redeem(input.token, 'invitation');
    return forTenant(tenantId, 'an invitation link names its own tenant', async () => {
      const invited = await this.users.findById(userId);
      if (!invited || invited.status !== 'invited') {
        throw new AppHttpError(400, 'invalid_token', 'this invitation is no longer valid');
      }
      const user = await this.users.claimEmail(userId, {
        passwordHash: await hash(input.password, this.config.BCRYPT_COST),
        ...(input.name ? { name: input.name } : {}),
      });
      await this.accounts.announce(user);
      return this.signIn(user, await this.tenants.get(tenantId), ip);
    });
  }
}
