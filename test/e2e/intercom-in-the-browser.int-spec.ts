import { eventually, IntercomStandIn, screenshot, STAND_IN_ADMIN } from '@app/testing';
import { type Page } from 'playwright-core';
import { BrowserStack, shows } from './browser-stack';

/**
 * The Intercom bridge as an admin meets it: the admin connects the workspace's Intercom (the
 * local stand-in) on the Intercom page, a visitor writes in the widget, the conversation starts
 * in Intercom, and the reply an Intercom admin sends there arrives in the conversation, for the
 * agent in the inbox and for the visitor in the widget.
 */
describe('the Intercom bridge in a browser', () => {
  let stack: BrowserStack;
  let intercom: IntercomStandIn;
  let admin: Page;
  let visitor: Page;

  const nav = (name: string) =>
    admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

  beforeAll(async () => {
    intercom = await IntercomStandIn.start();
    stack = await BrowserStack.start({
      chat: {
        INTERCOM_API_URL: intercom.url,
        INTERCOM_RETRY_BASE_MS: '50',
        // Webhooks carry the reply in this test; polling stays out of its way.
        INTERCOM_POLL_QUIET_MS: '600000',
      },
    });
    admin = await stack.openPage({ width: 1440, height: 900 });
    visitor = await stack.openPage({ width: 1200, height: 800 });
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
    await intercom?.stop();
  });

  it('lets an admin connect Intercom and shows an Intercom reply in the conversation', async () => {
    const workspace = await stack.signUp(admin, {
      tenantName: 'Bridge Bikes',
      name: 'Ada Admin',
      email: `ada-${Date.now()}@intercom.example`,
      password: 'correct horse 42',
    });
    await nav('Intercom').click();
    const form = admin.getByRole('form', { name: 'Intercom connection' });
    await form.getByLabel('Access token').fill('not-a-token-intercom-knows');
    await form.getByLabel('Client secret').fill(intercom.clientSecret);
    await form.getByRole('button', { name: 'Connect Intercom' }).click();
    await shows(form, 'Intercom refused the token');

    await form.getByLabel('Access token').fill(intercom.accessToken);
    await form.getByRole('button', { name: 'Connect Intercom' }).click();
    const status = admin.getByRole('region', { name: 'Intercom connection status' });
    await shows(status, 'Connected');
    await shows(status, 'Stand-in Workspace');
    const webhookPath = `/api/chat/integrations/intercom/webhooks/${workspace.credentials.tenantId}`;
    await shows(status, webhookPath);
    expect(await admin.content()).not.toContain(intercom.accessToken);
    await screenshot(admin, 'dashboard-intercom-connected');

    const { tenantId, chatbotId, apiKey } = workspace.credentials;
    await visitor.goto(
      `${stack.url}/demo/#${new URLSearchParams({ tenantId, chatbotId, apiKey }).toString()}`,
    );
    await visitor.getByRole('button', { name: 'Chat with us' }).click();
    await visitor.getByLabel('Name').fill('Vera Visitor');
    const email = `vera-${Date.now()}@intercom.example`;
    await visitor.getByLabel('Email').fill(email);
    await visitor.getByRole('button', { name: 'Start the chat' }).click();
    await visitor.getByLabel('Your message').fill('My bike has a flat tyre');
    await visitor.getByRole('button', { name: 'Send' }).click();

    const conversation = await eventually(() => {
      const found = intercom.conversationOf(email);
      if (!found) throw new Error('the conversation has not reached Intercom yet');
      return found;
    });
    expect(conversation.source.body).toBe('My bike has a flat tyre');

    await nav('Inbox').click();
    const queue = admin.getByRole('list', { name: 'Waiting visitors' });
    await shows(queue, 'Vera Visitor');
    await queue.getByRole('button', { name: 'Join chat with Vera Visitor' }).click();
    const agentLog = admin.getByRole('log', { name: 'Messages with Vera Visitor' });
    await shows(agentLog, 'My bike has a flat tyre');

    const reply = intercom.adminReplies(
      conversation.id,
      '<p>Hi Vera, a new tube is on its way.</p>',
    );
    const delivered = await intercom.deliver(
      `${stack.url}${webhookPath}`,
      intercom.notification('conversation.admin.replied', conversation.id, [reply]),
    );
    expect(delivered.status).toBe(200);
    await shows(agentLog, 'Hi Vera, a new tube is on its way.');
    await shows(agentLog, STAND_IN_ADMIN.name);
    await shows(
      visitor.getByRole('log', { name: 'Messages' }),
      'Hi Vera, a new tube is on its way.',
    );
    await screenshot(admin, 'dashboard-intercom-reply');
    await screenshot(visitor, 'widget-intercom-reply');
  });
});
