import { eventually, screenshot } from '@app/testing';
import { type BrowserContext, type Locator, type Page } from 'playwright-core';
import { mailTo } from '../../apps/email/test/email-fixture';
import { BrowserStack } from './browser-stack';

/**
 * A branching journey as people meet it, through nginx: an admin builds a chatbot from the
 * editor's example journey and tries it in the preview; a visitor on the demo page walks it one
 * question at a time, goes back to change an answer, and lands on the end for large billing
 * questions, whose first message both sides then see. The steps build on each other, in order.
 */
describe('a branching journey in a browser', () => {
  let stack: BrowserStack;
  let adminContext: BrowserContext;
  let visitorContext: BrowserContext;
  let admin: Page;
  let visitor: Page;
  const adminEmail = `ada-${Date.now()}@journeys.example`;
  const firstMessage = 'A large amount: a billing specialist will take this.';
  const nav = (name: string) =>
    admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
  const shows = (where: Locator, text: string) => where.getByText(text).first().waitFor();
  const widget = () => visitor.locator('parley-widget');

  beforeAll(async () => {
    stack = await BrowserStack.start();
    adminContext = await stack.newContext({ viewport: { width: 1440, height: 900 } });
    visitorContext = await stack.newContext({ viewport: { width: 1200, height: 800 } });
    for (const context of [adminContext, visitorContext]) context.setDefaultTimeout(20_000);
    admin = await adminContext.newPage();
    visitor = await visitorContext.newPage();
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('builds a chatbot from the example journey and walks it in the preview', async () => {
    await admin.goto(`${stack.url}/app/`);
    await admin.getByRole('link', { name: 'Create a workspace' }).click();
    await admin.getByLabel('Workspace name').fill('Journeys Inc');
    await admin.getByLabel('Your name').fill('Ada Admin');
    await admin.getByLabel('Work email').fill(adminEmail);
    await admin.getByLabel('Password', { exact: true }).fill('correct horse 42');
    await admin.getByRole('button', { name: 'Create workspace' }).click();
    const confirmation = await eventually(async () => {
      const [mail] = await mailTo(adminEmail);
      if (!mail) throw new Error(`no mail to ${adminEmail} yet`);
      return mail;
    });
    await admin.goto(
      /href="([^"]*\/app\/verify-email#token=[^"]+)"/.exec(confirmation.shownHtml)![1],
    );

    await nav('Chatbots').click();
    await admin.getByRole('button', { name: 'New chatbot' }).first().click();
    const form = admin.getByRole('form', { name: 'New chatbot' });
    await form.getByLabel('Name', { exact: true }).fill('Journey help');
    await form.getByRole('button', { name: 'Start from an example' }).click();
    const preview = form.getByRole('region', { name: 'Journey preview' });
    await preview.getByRole('button', { name: 'Technical' }).click();
    await preview.getByRole('checkbox', { name: 'Phone' }).check();
    await preview.getByRole('button', { name: 'Next' }).click();
    await shows(preview, 'A screenshot, if you have one');
    await preview.getByRole('button', { name: 'Skip' }).click();
    await shows(preview, 'Category: technical');
    await screenshot(admin, 'dashboard-journey-editor');
    await form.getByRole('button', { name: 'Create chatbot' }).click();
    await admin.getByTestId('embed-snippet').waitFor();
  });

  it('walks the visitor through a branch, back, and down another to its end', async () => {
    const demoLink = admin.getByRole('link', { name: /Try it on the demo page/ });
    const demoUrl = new URL((await demoLink.getAttribute('href'))!, stack.url).toString();
    const credentials = Object.fromEntries(new URLSearchParams(new URL(demoUrl).hash.slice(1)));
    // Chat learns of the new chatbot (and its journey) through Kafka.
    await eventually(async () => {
      const config = await fetch(`${stack.url}/api/chat/widget/config`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: stack.url },
        body: JSON.stringify(credentials),
      });
      const answer = (await config.json()) as { journey?: { startNodeId: string } };
      expect(answer.journey?.startNodeId).toBe('topic');
    });
    await visitor.goto(demoUrl);
    await visitor.getByRole('button', { name: 'Chat with us' }).click();
    await visitor.getByLabel('Name').fill('Vera Visitor');
    await visitor.getByLabel('Email').fill(`vera-${Date.now()}@example.test`);
    await visitor.getByRole('button', { name: 'Next' }).click();

    await widget().getByRole('radio', { name: 'Technical' }).check();
    await visitor.getByRole('button', { name: 'Next' }).click();
    await shows(widget(), 'Which devices?');
    await visitor.getByRole('button', { name: 'Back' }).click();
    // The answer is still there after going back.
    expect(await widget().getByRole('radio', { name: 'Technical' }).isChecked()).toBe(true);
    await widget().getByRole('radio', { name: 'Billing' }).check();
    await visitor.getByRole('button', { name: 'Next' }).click();
    await visitor.getByLabel('Amount in euros').fill('2500');
    await screenshot(visitor, 'widget-journey-question');
    // The amount leads through a condition straight to an end: this step starts the chat.
    await visitor.getByRole('button', { name: 'Start the chat' }).click();
    await shows(visitor.getByRole('log', { name: 'Messages' }), firstMessage);
    await screenshot(visitor, 'widget-journey-end');
  });

  it("shows the agent the visitor's answers and the end's first message", async () => {
    // A fresh page: the inbox keeps the chatbot list it read before this chatbot existed.
    await admin.goto(`${stack.url}/app/`);
    await nav('Inbox').click();
    const queue = admin.getByRole('list', { name: 'Waiting visitors' });
    await queue.getByRole('button', { name: 'Join chat with Vera Visitor' }).click();
    await shows(admin.getByRole('log', { name: 'Messages with Vera Visitor' }), firstMessage);
    await screenshot(admin, 'dashboard-journey-answers');
    await shows(admin.locator('.inbox-answers'), 'What is it about?');
    await shows(admin.locator('.inbox-answers'), '2500');
    await shows(
      admin.getByTestId('journey-path'),
      'Journey version 1: topic → amount → by_amount → end_urgent',
    );
    // Answers to the branch the visitor left are not sent.
    expect(await admin.locator('.inbox-answers').getByText('Which devices?').count()).toBe(0);
    await screenshot(admin, 'dashboard-journey-answers');
  });
});
