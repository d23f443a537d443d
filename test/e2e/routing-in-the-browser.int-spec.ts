import { eventually, screenshot } from '@app/testing';
import { type BrowserContext, type Locator, type Page } from 'playwright-core';
import { mailTo } from '../../apps/email/test/email-fixture';
import { BrowserStack } from './browser-stack';

/**
 * Routing as an admin meets it in the dashboard: categories and a team on the Teams page, a
 * waiting visitor found by the queue's filters, the conversation given a category and a
 * priority, transferred to the team, and returned to everyone's queue from Supervision.
 * The steps build on each other, in order.
 */
describe('teams, categories and supervision in a browser', () => {
  let stack: BrowserStack;
  let context: BrowserContext;
  let admin: Page;
  let accessToken = '';
  const adminEmail = `ada-${Date.now()}@routing.example`;
  const password = 'correct horse 42';
  const nav = (name: string) =>
    admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
  const queue = () => admin.getByRole('list', { name: 'Waiting visitors' });

  const http = async (path: string, body: object, headers: Record<string, string> = {}) => {
    const answer = await fetch(`${stack.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: answer.status, body: (await answer.json()) as Record<string, string> };
  };

  beforeAll(async () => {
    stack = await BrowserStack.start();
    context = await stack.newContext({ viewport: { width: 1440, height: 900 } });
    context.setDefaultTimeout(20_000);
    admin = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('keeps categories and a team of agents on the Teams page', async () => {
    const signup = await http('/api/tenant/auth/signup', {
      tenantName: 'Routing Bikes',
      name: 'Ada Admin',
      email: adminEmail,
      password,
    });
    expect(signup.status).toBe(201);
    const mail = await eventually(async () => {
      const [confirmation] = await mailTo(adminEmail);
      if (!confirmation) throw new Error(`no mail to ${adminEmail} yet`);
      return confirmation;
    });
    await admin.goto(/href="([^"]*\/app\/verify-email#token=[^"]+)"/.exec(mail.shownHtml)![1]);
    await nav('Teams').click();

    const categories = admin.getByRole('form', { name: 'Add a category' });
    for (const name of ['Billing', 'Repairs']) {
      await categories.getByLabel('New category').fill(name);
      await categories.getByRole('button', { name: 'Add category' }).click();
      await shows(admin.getByRole('table', { name: 'Categories' }), name);
    }
    const newTeam = admin.getByRole('form', { name: 'Create team' });
    await newTeam.getByLabel('Team name').fill('Billing team');
    await newTeam.getByLabel('Ada Admin').check();
    await newTeam.getByLabel('Billing').check();
    await newTeam.getByRole('button', { name: 'Create team' }).click();
    const teams = admin.getByRole('table', { name: 'Teams' });
    await shows(teams, 'Billing team');
    await shows(teams, 'Ada Admin');
    await screenshot(admin, 'dashboard-teams');
  });

  it('finds a waiting visitor with the queue’s filters and labels the conversation', async () => {
    accessToken = (await http('/api/tenant/auth/login', { email: adminEmail, password })).body
      .accessToken;
    const chatbot = await fetch(`${stack.url}/api/tenant/chatbots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ name: 'Bike help', allowedOrigins: [stack.url] }),
    }).then((answer) => answer.json() as Promise<Record<string, string>>);
    await eventually(async () => {
      const session = await http(
        '/api/chat/widget/sessions',
        {
          tenantId: chatbot.tenantId,
          chatbotId: chatbot.id,
          apiKey: chatbot.apiKey,
          name: 'Vera Visitor',
          email: `vera-${Date.now()}@example.test`,
        },
        { origin: stack.url },
      );
      expect(session.status).toBe(201);
    });

    await nav('Inbox').click();
    await shows(queue(), 'Vera Visitor');
    const filters = admin.getByRole('group', { name: 'Filter the queue' });
    await filters.getByLabel('Category').selectOption({ label: 'Billing' });
    await shows(admin.getByText('No one waiting matches these filters.'), 'No one waiting');
    await filters.getByLabel('Category').selectOption({ label: 'No category' });
    await shows(queue(), 'Vera Visitor');
    await filters.getByLabel('Category').selectOption({ label: 'Any category' });

    await queue().getByRole('button', { name: 'Join chat with Vera Visitor' }).click();
    const labels = admin.getByRole('group', { name: 'Category and priority' });
    await labels.getByLabel('Category').selectOption({ label: 'Billing' });
    await labels.getByLabel('Priority').selectOption({ label: 'Urgent' });
    await shows(admin.getByTestId('room-priority'), 'Urgent');
    await shows(admin.getByTestId('room-category'), 'Billing');
    const log = admin.getByRole('log', { name: 'Messages with Vera Visitor' });
    await shows(log, 'Ada Admin set the priority to urgent.');
    await screenshot(admin, 'dashboard-conversation-labelled');
  });

  it('transfers the conversation to the team, and a supervisor returns it to everyone’s queue', async () => {
    await admin.getByRole('button', { name: 'Transfer' }).click();
    const dialog = admin.getByRole('dialog', { name: /Transfer the chat with Vera Visitor/ });
    await dialog.getByLabel('Billing team').check();
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    const waiting = queue().locator('li', { hasText: 'Vera Visitor' });
    await shows(waiting.getByTestId('room-team'), 'Billing team');
    await shows(waiting.getByTestId('room-priority'), 'Urgent');

    await nav('Supervision').click();
    const open = admin.getByRole('table', { name: 'Open conversations' });
    await shows(open, 'Vera Visitor');
    await shows(open.getByTestId('room-team'), 'Billing team');
    await screenshot(admin, 'dashboard-supervision');
    await open
      .getByRole('button', { name: 'Return the chat with Vera Visitor to the queue' })
      .click();
    await eventually(async () => expect(await open.getByTestId('room-team').count()).toBe(0));
    await shows(open.getByTestId('room-category'), 'Billing');
  });
});

async function shows(locator: Locator, text: string): Promise<void> {
  await eventually(async () => expect(await locator.first().textContent()).toContain(text));
}
