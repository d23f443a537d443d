import { unseal } from '@app/auth';
import { NotificationRequestedV1 } from '@app/contracts';
import {
  bearer,
  closeRawProducer,
  eventually,
  type SignedIn,
  someIp,
  startTestService,
  type TestService,
  TopicProbe,
  uniqueEmail,
  uniqueSuffix,
} from '@app/testing';
import request from 'supertest';
import { type TenantConfig } from '../src/tenant.config';
import { tenantService } from '../src/tenant.service-definition';

export type EmailedLinkKind = 'agent-invite' | 'password-reset' | 'email-verification';

/** A user signed in through the tenant service's own API, with what only it hands out. */
export interface SignedUp extends SignedIn {
  refreshToken: string;
  password: string;
}

/** The tenant service started for real, with helpers that speak its HTTP API. */
export class TenantFixture {
  private notifications?: Promise<TopicProbe>;

  private constructor(readonly service: TestService<TenantConfig>) {}

  /** `overrides` are environment variables (e.g. `PORT` to know the URL in advance). */
  static async start(overrides: Record<string, string> = {}): Promise<TenantFixture> {
    return new TenantFixture(
      await startTestService(tenantService, { BCRYPT_COST: '4', ...overrides }),
    );
  }

  get url(): string {
    return this.service.url;
  }

  http() {
    return request(this.service.url);
  }

  /** A fresh tenant and its admin, who confirmed their email through the emailed link, signed in. */
  async signup(tenantName = `Tenant ${uniqueSuffix()}`): Promise<SignedUp> {
    const password = 'correct horse 42';
    const email = uniqueEmail();
    await this.http()
      .post('/api/tenant/auth/signup')
      .set('X-Forwarded-For', someIp())
      .send({ tenantName, name: 'Ada Admin', email, password })
      .expect(201);
    return { ...(await this.verifyEmail(email)), password };
  }

  /** Follows the `nth` verification link mailed to `email`: the account is active, signed in. */
  async verifyEmail(email: string, nth = 1): Promise<SignedIn & { refreshToken: string }> {
    const token = await this.emailedToken(email, 'email-verification', nth);
    const verified = await this.http()
      .post('/api/tenant/auth/verify-email')
      .set('X-Forwarded-For', someIp())
      .send({ token })
      .expect(200);
    return verified.body;
  }

  /** The sealed link of the `nth` email (1: the first) of `kind` requested for `email`, unsealed. */
  async emailedLink(email: string, kind: EmailedLinkKind, nth = 1): Promise<string> {
    this.notifications ??= TopicProbe.start([NotificationRequestedV1.topic]);
    const probe = await this.notifications;
    const message = await eventually(() => {
      const matching = probe.messages.filter(
        (candidate) => candidate.value.includes(`"${kind}"`) && candidate.value.includes(email),
      );
      if (matching.length < nth) throw new Error(`${matching.length} ${kind} mails to ${email}`);
      return matching[nth - 1];
    });
    const payload = JSON.parse(message.value).payload;
    const sealed = (payload.acceptUrl ?? payload.resetUrl ?? payload.verifyUrl).sealed;
    return unseal(sealed, this.service.config.NOTIFICATION_SEAL_KEY, 'notification-link');
  }

  /** The one-time token in the fragment of that link, as the dashboard reads it. */
  async emailedToken(email: string, kind: EmailedLinkKind, nth = 1): Promise<string> {
    const link = await this.emailedLink(email, kind, nth);
    return new URLSearchParams(new URL(link).hash.slice(1)).get('token')!;
  }

  /** Invites an agent and accepts through the emailed link, as the agent would. */
  async inviteAgent(
    admin: { accessToken: string },
    body: Record<string, unknown> = {},
  ): Promise<{
    invited: { id: string; roles: string[] };
    signedIn: SignedUp;
    email: string;
    token: string;
  }> {
    const email = uniqueEmail('agent');
    const invited = await this.http()
      .post('/api/tenant/agents/invitations')
      .set(bearer(admin.accessToken))
      .send({ email, name: 'Alan Agent', ...body })
      .expect(201);
    const token = await this.emailedToken(email, 'agent-invite');
    const accepted = await this.http()
      .post('/api/tenant/auth/invitations/accept')
      .set('X-Forwarded-For', someIp())
      .send({ token, password: 'agent password 1' })
      .expect(200);
    return {
      invited: invited.body,
      signedIn: { ...accepted.body, password: 'agent password 1' },
      email,
      token,
    };
  }

  async close(): Promise<void> {
    const probe = await this.notifications;
    await Promise.all([this.service.close(), closeRawProducer(), probe?.stop()]);
  }
}
