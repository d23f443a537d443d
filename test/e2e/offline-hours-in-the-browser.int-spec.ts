import { WEEKDAYS } from '@app/contracts';
import { eventually, screenshot } from '@app/testing';
import { type Locator, type Page } from 'playwright-core';
import { mailTo } from '../../apps/email/test/email-fixture';
import { BrowserStack } from './browser-stack';

/**
 * Business hours and offline messages as people meet them: an admin sets the workspace's hours
 * in the dashboard so that it is closed now, a visitor finds the widget offline and leaves a
 * message, gets its confirmation by mail, and the agent answers it from the inbox's offline
 * messages, which mails the answer. The steps build on each other, in order.
 */
describe('offline mode in a browser', () => {
  let stack: BrowserStack;
  let admin: Page;
  let visitor: Page;
  let demoUrl = '';
  const adminEmail = `ada-${Date.now()}@closed.example`;
  const visitorEmail = `olive-${Date.now()}@example.test`;
  const nav = (name: string) =>
    admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
  const shows = (where: Locator, text: string) => where.getByText(text).first().waitFor();
  const mailsTo = (address: string, count: number) =>
    eventually(async () => {
      const mails = await mailTo(address);
      if (mails.length < count) throw new Error(`${mails.length} mails to ${address} so far`);
      return mails;
    });

  beforeAll(async () => {
    stack = await BrowserStack.start();
    admin = await stack.openPage({ width: 1440, height: 900 });
    visitor = await stack.openPage({ width: 1200, height: 800 });
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('sets business hours that are closed now, and a status for the agent', async () => {
    await admin.goto(`${stack.url}/app/`);
    await admin.getByRole('link', { name: 'Create a workspace' }).click();
    await admin.getByLabel('Workspace name').fill('Closed Cycles');
    await admin.getByLabel('Your name').fill('Ada Admin');
    await admin.getByLabel('Work email').fill(adminEmail);
    await admin.getByLabel('Password', { exact: true }).fill('correct horse 42');
    await admin.getByRole('button', { name: 'Create workspace' }).click();
    const [confirmation] = await mailsTo(adminEmail, 1);
    await admin.goto(
      /href="([^"]*\/app\/verify-email#token=[^"]+)"/.exec(confirmation.shownHtml)![1],
    );

    await nav('Chatbots').click();
    await admin.getByRole('button', { name: 'New chatbot' }).first().click();
    const form = admin.getByRole('form', { name: 'New chatbot' });
    await form.getByLabel('Name', { exact: true }).fill('Shop help');
    await form.getByRole('button', { name: 'Create chatbot' }).click();
    const demoLink = admin.getByRole('link', { name: /Try it on the demo page/ });
    demoUrl = new URL((await demoLink.getAttribute('href'))!, stack.url).toString();

    // Open tomorrow only (in UTC, the workspace's zone): closed now.
    const tomorrow = WEEKDAYS[(new Date().getUTCDay() + 6 + 1) % 7];
    await nav('Settings').click();
    const hours = admin.getByRole('form', { name: 'Hours and availability' });
    await hours.getByLabel('Open around the clock').uncheck();
    await hours.getByRole('button', { name: 'Add hours' }).click();
    await hours.getByLabel('Day of range 1').selectOption(tomorrow);
    // An end before the start is refused beside the range, before anything is sent.
    await hours.getByLabel('End of range 1').fill('08:00');
    await shows(hours, 'The end must come after the start');
    expect(await hours.getByRole('button', { name: 'Save hours' }).isDisabled()).toBe(true);
    await hours.getByLabel('End of range 1').fill('17:00');
    await hours.getByRole('button', { name: 'Save hours' }).click();
    await shows(admin.getByRole('status'), 'Saved at');
    await screenshot(admin, 'dashboard-business-hours');

    await nav('Inbox').click();
    const picker = admin.getByLabel('Your status');
    await eventually(async () => expect(await picker.isEnabled()).toBe(true));
    await picker.selectOption('busy');
    await eventually(async () => expect(await picker.inputValue()).toBe('busy'));
  });

  it('shows the widget offline and takes a message, confirmed by mail', async () => {
    const credentials = Object.fromEntries(new URLSearchParams(new URL(demoUrl).hash.slice(1)));
    // Chat learns the hours through Kafka: wait until it answers offline.
    await eventually(async () => {
      const config = await fetch(`${stack.url}/api/chat/widget/config`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: stack.url },
        body: JSON.stringify(credentials),
      });
      expect(await config.json()).toMatchObject({ availability: 'offline' });
    });
    await visitor.goto(demoUrl);
    await visitor.getByRole('button', { name: 'Chat with us' }).click();
    const widget = visitor.locator('parley-widget');
    await shows(widget, 'We are closed at the moment');
    await visitor.getByRole('button', { name: 'Send the message' }).click();
    await shows(widget, 'Please write your message.');
    await visitor.getByLabel('Name').fill('Olive Visitor');
    await visitor.getByLabel('Email').fill(visitorEmail);
    await visitor.getByLabel('Message').fill('Do you repair e-bikes on Sundays?');
    await screenshot(visitor, 'widget-offline-message');
    await visitor.getByRole('button', { name: 'Send the message' }).click();
    await shows(widget, `will reply to ${visitorEmail}`);
    const [received] = await mailsTo(visitorEmail, 1);
    expect(received.subject).toBe('We received your message to Closed Cycles');
    expect(received.text).toContain('Do you repair e-bikes on Sundays?');
  });

  it('lets the agent answer the offline message from the inbox, by mail', async () => {
    const offline = admin.getByRole('list', { name: 'Offline messages' });
    await shows(offline, 'Olive Visitor');
    await screenshot(admin, 'dashboard-offline-messages');
    await offline.getByRole('button', { name: 'Answer Olive Visitor by email' }).click();
    await shows(admin.getByRole('log', { name: 'Messages with Olive Visitor' }), 'e-bikes');
    await admin.getByRole('textbox', { name: 'Reply to Olive Visitor' }).fill('Yes, from 10 to 4.');
    await admin.getByRole('form', { name: 'Reply' }).getByRole('button', { name: 'Send' }).click();
    const mails = await mailsTo(visitorEmail, 2);
    expect(mails.map((mail) => mail.text).join('\n')).toContain('Yes, from 10 to 4.');
    expect(await offline.count()).toBe(0);
  });
});
