import { eventually, screenshot } from '@app/testing';
import { type Page } from 'playwright-core';
import { verifiesWith, WebhookReceiver } from '../../apps/integrations/test/webhook-receiver';
import { BrowserStack, shows } from './browser-stack';

/**
 * Webhooks as an admin meets them: the admin adds an endpoint on the Webhooks page, copies the
 * secret shown once, sends a test event, and sees it delivered in the endpoint's log, with the
 * receiver's answer; the receiver checks the signature with that secret.
 */
describe('webhooks in a browser', () => {
  let stack: BrowserStack;
  let admin: Page;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    stack = await BrowserStack.start();
    admin = await stack.openPage({ width: 1440, height: 900 });
    receiver = await WebhookReceiver.start();
  }, 180_000);

  afterAll(async () => {
    await receiver?.stop();
    await stack?.close();
  });

  it('lets an admin add a webhook, send a test event and see it in the delivery log', async () => {
    await stack.signUp(admin, {
      tenantName: 'Hook Bikes',
      name: 'Hana Admin',
      email: `hana-${Date.now()}@webhooks.example`,
      password: 'correct horse 42',
    });
    await admin
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Webhooks', exact: true })
      .click();

    const form = admin.getByRole('form', { name: 'Add endpoint' });
    await form.getByLabel('Endpoint URL').fill(receiver.url);
    await form.getByLabel('Description').fill('Order system');
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = (await admin.getByTestId('webhook-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    await screenshot(admin, 'dashboard-webhook-secret');
    await admin.getByRole('button', { name: 'I have copied it' }).click();
    await expect(admin.getByTestId('webhook-secret').count()).resolves.toBe(0);

    await admin.getByRole('button', { name: `Send a test event to ${receiver.url}` }).click();
    // The workspace's own events may be in the log too: the test event's row is the one read.
    const row = admin.getByTestId('delivery-row').filter({ hasText: 'parley.test.v1' });
    await shows(row, 'parley.test.v1');
    await shows(row, 'Delivered');
    await shows(row, 'HTTP 200');
    await shows(row, 'thanks for');
    await screenshot(admin, 'dashboard-webhook-deliveries');

    // The workspace's own events come too (the admin's dashboard coming online, for one).
    const webhook = await eventually(() => {
      const test = receiver.received.find((received) => received.json.type === 'parley.test.v1');
      expect(test).toBeDefined();
      return test!;
    });
    expect(verifiesWith(secret, webhook)).toBe(true);
  });
});
