import { eventually, screenshot } from '@app/testing';
import { type Page } from 'playwright-core';
import { BrowserStack, shows } from './browser-stack';

/**
 * An API token as an admin meets it: made on the API tokens page with some of their own
 * permissions, shown once to copy, its use by a backend listed, then revoked, after which no
 * service takes it. The steps build on each other, in order.
 */
describe('API tokens in a browser', () => {
  let stack: BrowserStack;
  let admin: Page;
  let token: string;
  let accessToken: string;

  beforeAll(async () => {
    stack = await BrowserStack.start();
    admin = await stack.openPage({ width: 1440, height: 900 });
    ({ accessToken } = await stack.signUp(admin, {
      tenantName: 'Token Bikes',
      name: 'Tina Admin',
      email: `tina-${Date.now()}@tokens.example`,
      password: 'correct horse 42',
    }));
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  /** The conversation history, as a tenant's backend would read it with the token. */
  const readHistory = () =>
    fetch(`${stack.url}/api/chat/rooms?limit=5`, { headers: { authorization: `Bearer ${token}` } });

  it('creates a token and shows it once', async () => {
    await admin
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'API tokens', exact: true })
      .click();
    const form = admin.getByRole('form', { name: 'Create an API token' });
    await form.getByLabel('Name').fill('CRM sync');
    await form.getByLabel('Join chats (chats:join)').check();
    await form.getByRole('button', { name: 'Create token' }).click();

    const callout = admin.getByTestId('api-token-callout');
    await shows(callout, 'you will not see it again');
    token = (await callout.getByTestId('api-token').textContent()) ?? '';
    expect(token).toMatch(/^prl_[A-Za-z0-9_-]{43}$/);
    await screenshot(admin, 'dashboard-api-token-created');
    await callout.getByRole('button', { name: 'I have copied it' }).click();

    const table = admin.getByRole('table', { name: 'API tokens' });
    await shows(table, 'CRM sync');
    await shows(table, token.slice(0, 12));
    await admin.reload();
    await shows(admin.getByRole('table', { name: 'API tokens' }), 'CRM sync');
    expect(await admin.content()).not.toContain(token);
  });

  it('lists what the backend did with it', async () => {
    expect((await readHistory()).status).toBe(200);
    // The use is logged once the answer is sent, off the request path.
    await eventually(async () => {
      const listed = await fetch(`${stack.url}/api/tenant/api-tokens`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      const { apiTokens } = (await listed.json()) as { apiTokens: { lastUsedAt: string | null }[] };
      expect(apiTokens[0].lastUsedAt).not.toBeNull();
    });
    await admin.getByRole('button', { name: 'Usage of CRM sync' }).click();
    const usage = admin.getByRole('table', { name: 'Use of CRM sync' });
    await shows(usage, 'GET /api/chat/rooms');
    await shows(usage, 'chat');
  });

  it('revokes it after asking, and no service takes it any more', async () => {
    await admin.getByRole('button', { name: 'Revoke CRM sync' }).click();
    const confirm = admin.getByRole('dialog');
    await shows(confirm, 'refuses it at once');
    await confirm.getByRole('button', { name: 'Revoke token' }).click();
    await shows(admin.locator('main'), 'No API token yet');
    expect((await readHistory()).status).toBe(401);
  });
});
