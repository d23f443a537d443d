import { seal } from '@app/auth';
import {
  type EventOf,
  type NotificationRequest,
  NotificationRequestedV1,
  TenantUpdatedV1,
} from '@app/contracts';
import {
  closeRawProducer,
  eventually,
  produceRaw,
  type SignedIn,
  startTestService,
  TestDirectory,
  type TestService,
  TestTokenIssuer,
  uniqueSuffix,
} from '@app/testing';
import { decodeHTML } from 'entities';
import { randomUUID } from 'node:crypto';
import { type EmailConfig } from '../src/email.config';
import { emailService } from '../src/email.service-definition';

/** The SMTP catcher's HTTP API, where scripts/infra.sh runs it. */
const MAILDEV_API = 'http://127.0.0.1:1080';

export interface Mail {
  subject: string;
  html: string;
  text: string;
  messageId: string;
  headers: Record<string, string>;
  to: { address: string; name: string }[];
  /** The HTML part with character references decoded: what a reader sees of it. */
  shownHtml: string;
}

/** Mail that reached the local SMTP catcher for an address, read back through its HTTP API. */
export async function mailTo(address: string): Promise<Mail[]> {
  return (await mailToEach([address])).get(address)!;
}

/** Mail to each of many addresses, from one read of the catcher (it holds every test's mail). */
export async function mailToEach(addresses: string[]): Promise<Map<string, Mail[]>> {
  const response = await fetch(`${MAILDEV_API}/email`);
  const all = (await response.json()) as Mail[];
  const wanted = new Map(addresses.map((address) => [address, [] as Mail[]]));
  for (const mail of all)
    for (const to of mail.to)
      wanted.get(to.address)?.push({ ...mail, shownHtml: decodeHTML(mail.html) });
  return wanted;
}

/** Waits until exactly `count` mails reached `address`, and returns them. */
export function expectMail(address: string, count = 1): Promise<Mail[]> {
  return eventually(async () => {
    const mails = await mailTo(address);
    if (mails.length !== count)
      throw new Error(`${mails.length} mails to ${address}, not ${count}`);
    return mails;
  });
}

export const uniqueAddress = (label = 'visitor') => `${label}-${uniqueSuffix()}@example.test`;

type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A request of one kind, with what every kind has left to defaults. */
export type RequestDetails = OmitEach<
  NotificationRequest,
  'notificationId' | 'to' | 'tenantName'
> & {
  notificationId?: string;
  to?: { email: string; name?: string };
};

/**
 * The email service, started for real, with a token issuer and a directory in the tenant
 * service's place (for the notification log API's sign-in).
 */
export class EmailFixture {
  readonly directory: TestDirectory;

  private constructor(
    private readonly tokens: TestTokenIssuer,
    readonly email: TestService<EmailConfig>,
  ) {
    this.directory = new TestDirectory(tokens);
  }

  static async start(overrides: Record<string, string> = {}): Promise<EmailFixture> {
    const tokens = await TestTokenIssuer.start();
    const email = await startTestService(emailService, {
      ...tokens.env,
      EMAIL_RETRY_DELAYS_MS: '300,600,900',
      ...overrides,
    });
    return new EmailFixture(tokens, email);
  }

  get sealKey(): string {
    return this.email.config.NOTIFICATION_SEAL_KEY;
  }

  /** A link sealed as producers seal them. */
  sealed(url: string) {
    return { sealed: seal(url, this.sealKey, 'notification-link') };
  }

  /** Publishes `notification.requested` as a producer would; returns the event. */
  async request(tenantId: string, details: RequestDetails) {
    const event = envelope(NotificationRequestedV1.type, tenantId, {
      notificationId: randomUUID(),
      to: { email: uniqueAddress(), name: 'Vera Visitor' },
      tenantName: 'Acme',
      ...details,
    });
    await this.publish(event);
    return event as unknown as EventOf<typeof NotificationRequestedV1>;
  }

  async publish(event: { tenantId: string; [field: string]: unknown }): Promise<void> {
    await produceRaw(NotificationRequestedV1.topic, event.tenantId, JSON.stringify(event));
  }

  /** Sets a tenant's name and colour as the tenant service announces them, and waits for it. */
  async brand(tenantId: string, name: string, brandColor: string): Promise<void> {
    const event = envelope(TenantUpdatedV1.type, tenantId, {
      tenantId,
      name,
      brandColor,
      autoAssignment: 'off',
      updatedAt: new Date().toISOString(),
    });
    await produceRaw(TenantUpdatedV1.topic, tenantId, JSON.stringify(event));
    await eventually(async () => {
      const found = await this.email.db
        .collection('tenant_branding')
        .findOne({ _id: tenantId } as never);
      if (found?.brandColor !== brandColor) throw new Error('branding not applied yet');
    });
  }

  /** The notification log entry, as stored. */
  notification(id: string) {
    return this.email.db.collection('notifications').findOne({ _id: id } as never);
  }

  waitForState(id: string, state: string, timeoutMs = 20_000) {
    return eventually(
      async () => {
        const found = await this.notification(id);
        if (found?.state !== state)
          throw new Error(`notification ${id} is ${found?.state} (${found?.lastError})`);
        return found;
      },
      { timeoutMs },
    );
  }

  signup(): Promise<SignedIn> {
    return this.directory.signup();
  }

  async close(): Promise<void> {
    await this.email.close();
    await Promise.all([this.tokens.stop(), closeRawProducer()]);
  }
}

function envelope(type: string, tenantId: string, payload: object) {
  return {
    id: randomUUID(),
    type,
    version: 1,
    tenantId,
    occurredAt: new Date().toISOString(),
    payload,
  };
}
