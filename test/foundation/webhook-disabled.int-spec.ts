import { MessageSentV1 } from '@app/contracts';
import { eventually, type SignedIn, startTestService, type TestService } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { mailTo } from '../../apps/email/test/email-fixture';
import { emailService } from '../../apps/email/src/email.service-definition';
import { messageSent, WebhooksFixture } from '../../apps/integrations/test/webhooks-fixture';
import { WebhookReceiver } from '../../apps/integrations/test/webhook-receiver';

/**
 * Integrations to email: an endpoint failing for the whole window is disabled, and the
 * notification it asks for reaches the workspace's admins through the email service and SMTP.
 */
describe('a webhook endpoint that keeps failing', () => {
  let fixture: WebhooksFixture;
  let email: TestService<unknown>;
  let admin: SignedIn;
  let down: WebhookReceiver;

  beforeAll(async () => {
    // An endpoint failing for 1.5 s is disabled.
    fixture = await WebhooksFixture.start({ WEBHOOK_DISABLE_AFTER_MS: '1500' });
    // Services of one process check tokens alike (passport's strategy is process-wide).
    email = await startTestService(emailService, fixture.tokenEnv);
    down = await WebhookReceiver.start(() => 500);
    admin = await fixture.directory.signup();
  });
  afterAll(async () => {
    await down?.stop();
    await Promise.all([fixture?.close(), email?.close()]);
  });

  it('disables an endpoint that failed for the whole window, and emails the admins', async () => {
    const { id } = await fixture.endpoint(admin, down.url, ['chat.message.sent.v1']);
    const api = fixture.api(admin.accessToken);
    await fixture.publish(MessageSentV1, admin.tenant.id, messageSent(randomUUID(), 1));

    const disabled = await eventually(
      async () => {
        const endpoint = await api.get(`/webhooks/${id}`).expect(200);
        expect(endpoint.body).toMatchObject({ enabled: false, disabledReason: 'failing' });
        return endpoint.body;
      },
      { timeoutMs: 20_000 },
    );
    expect(disabled.failingSince).toEqual(expect.any(String));
    const [mail] = await eventually(async () => {
      const mails = await mailTo(admin.user.email);
      expect(mails).toHaveLength(1);
      return mails;
    });
    expect(mail.subject).toContain('a webhook endpoint was disabled');
    expect(mail.text).toContain(down.url);
    expect(mail.text).toContain('HTTP 500');

    // Its delivery failed for good; a test event is refused until it is enabled again.
    await eventually(async () => {
      const log = await api.get(`/webhooks/${id}/deliveries?status=failed`).expect(200);
      expect(log.body.deliveries).toHaveLength(1);
    });
    await api.post(`/webhooks/${id}/test`).expect(409);

    const enabled = await api.patch(`/webhooks/${id}`, { enabled: true }).expect(200);
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });
});
