import { screenshot, TrustpilotStandIn } from '@app/testing';
import { type Page } from 'playwright-core';
import { BrowserStack, shows } from './browser-stack';

/**
 * Review invitations as an admin meets them: the admin connects Trustpilot (the local stand-in)
 * on the Reviews page, is told which credentials Trustpilot refused, connects with the right
 * ones, resolves a visitor's chat in the inbox, and sees the invitation sent in the log, with
 * the recipient masked, and counted for the day; Trustpilot got exactly one invitation.
 */
describe('review invitations in a browser', () => {
  let stack: BrowserStack;
  let trustpilot: TrustpilotStandIn;
  let admin: Page;
  let visitor: Page;

  const nav = (name: string) =>
    admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

  beforeAll(async () => {
    trustpilot = await TrustpilotStandIn.start();
    stack = await BrowserStack.start({
      integrations: {
        ...trustpilot.env,
        TRUSTPILOT_RETRY_DELAYS_MS: '50,100,200',
        TRUSTPILOT_SWEEP_MS: '200',
      },
    });
    admin = await stack.openPage({ width: 1440, height: 900 });
    visitor = await stack.openPage({ width: 1200, height: 800 });
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
    await trustpilot?.stop();
  });

  it('lets an admin connect Trustpilot and shows the invitation sent when a chat is resolved', async () => {
    const workspace = await stack.signUp(admin, {
      tenantName: 'Review Bikes',
      name: 'Rita Admin',
      email: `rita-${Date.now()}@reviews.example`,
      password: 'correct horse 42',
    });
    const business = trustpilot.addBusiness();

    await nav('Reviews').click();
    const form = admin.getByRole('form', { name: 'Trustpilot settings' });
    await form.getByLabel('Business unit id').fill(business.businessUnitId);
    await form.getByLabel('API key').fill(business.apiKey);
    await form.getByLabel('API secret').fill('not-the-secret');
    await form.getByRole('button', { name: 'Connect Trustpilot' }).click();
    await shows(form, 'Trustpilot refused these API credentials');

    await form.getByLabel('API secret').fill(business.apiSecret);
    await form.getByRole('button', { name: 'Connect Trustpilot' }).click();
    const health = admin.getByRole('definition').filter({ hasText: 'Nothing sent yet' });
    await health.waitFor();
    expect(await admin.content()).not.toContain(business.apiSecret);
    await screenshot(admin, 'dashboard-reviews-connected');

    const { tenantId, chatbotId, apiKey } = workspace.credentials;
    await visitor.goto(
      `${stack.url}/demo/#${new URLSearchParams({ tenantId, chatbotId, apiKey }).toString()}`,
    );
    await visitor.getByRole('button', { name: 'Chat with us' }).click();
    await visitor.getByLabel('Name').fill('Vera Visitor');
    const email = `vera-${Date.now()}@reviews.example`;
    await visitor.getByLabel('Email').fill(email);
    await visitor.getByRole('button', { name: 'Start the chat' }).click();
    await visitor.getByLabel('Your message').fill('My brakes squeal');
    await visitor.getByRole('button', { name: 'Send' }).click();

    await nav('Inbox').click();
    const queue = admin.getByRole('list', { name: 'Waiting visitors' });
    await queue.getByRole('button', { name: 'Join chat with Vera Visitor' }).click();
    await admin.getByRole('textbox', { name: 'Reply to Vera Visitor' }).fill('Clean the pads.');
    await admin.getByRole('form', { name: 'Reply' }).getByRole('button', { name: 'Send' }).click();
    await admin
      .getByRole('group', { name: 'Conversation actions' })
      .getByRole('button', { name: 'Resolve' })
      .click();

    await nav('Reviews').click();
    const log = admin.getByRole('table', { name: 'Invitations', exact: true });
    // The workspace's one invitation; the log shows its recipient masked.
    const row = log.getByRole('row').filter({ hasText: 'v•••@reviews.example' });
    await shows(row, 'Sent');
    expect(await log.textContent()).not.toContain(email);
    // Today's row comes first; its "Sent" count follows the log within a refresh.
    const today = admin.getByRole('table', { name: 'Invitations per day' }).getByRole('row').nth(1);
    await shows(today.getByRole('cell').nth(1), '1');
    await screenshot(admin, 'dashboard-reviews-sent');

    const invitations = trustpilot.accepted.filter(
      (invitation) => invitation.body.consumerEmail === email,
    );
    expect(invitations).toHaveLength(1);
    expect(invitations[0].body.consumerName).toBe('Vera Visitor');
  });
});
