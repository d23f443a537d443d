import { screenshot } from '@app/testing';
import { type Page } from 'playwright-core';
import { BrowserStack, shows } from './browser-stack';

/**
 * The agent's workbench as an agent meets it: a canned reply inserted with `/`, a private note
 * and a coloured label put on a live conversation (which the visitor never sees), then the closed
 * conversation found again in History by its label and opened, note and all, and its visitor's contact renamed, annotated
 * and erased. The steps build on each other, in order.
 */
describe('the agent’s workbench in a browser', () => {
  let stack: BrowserStack;
  let admin: Page;
  let visitor: Page;
  const adminEmail = `ada-${Date.now()}@workbench.example`;
  const nav = (name: string) =>
    admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
  const visitorLog = () => visitor.getByRole('log', { name: 'Messages' });
  const agentLog = () => admin.getByRole('log', { name: 'Messages with Vera Visitor' });

  beforeAll(async () => {
    stack = await BrowserStack.start();
    admin = await stack.openPage({ width: 1440, height: 900 });
    visitor = await stack.openPage({ width: 1200, height: 800 });
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('lets the agent insert a canned reply and write a private note that the visitor never sees', async () => {
    const { accessToken, credentials } = await stack.signUp(admin, {
      tenantName: 'Workbench Bikes',
      name: 'Ada Admin',
      email: adminEmail,
      password: 'correct horse 42',
    });

    await visitor.goto(`${stack.url}/demo/#${new URLSearchParams(credentials)}`);
    await visitor.getByRole('button', { name: 'Chat with us' }).click();
    await visitor.getByLabel('Name').fill('Vera Visitor');
    await visitor.getByLabel('Email').fill(`vera-${Date.now()}@example.test`);
    await visitor.getByRole('button', { name: 'Start the chat' }).click();
    await shows(visitorLog(), 'A live agent will join the chat shortly.');

    const canned = await stack.post(
      '/api/tenant/canned-replies',
      {
        shortcut: 'thanks',
        title: 'Thanks for waiting',
        body: 'Thanks for waiting, {{visitor.name}}! {{agent.name}} here.',
        scope: 'shared',
      },
      { authorization: `Bearer ${accessToken}` },
    );
    expect(canned.status).toBe(201);

    // A label made on the Labels page: a second of the same name is refused under the name.
    await nav('Labels').click();
    const labelForm = admin.getByRole('form', { name: 'Add label' });
    await labelForm.getByLabel('Name').fill('Key account');
    await labelForm.getByLabel('Colour', { exact: true }).fill('#d97706');
    await labelForm.getByRole('button', { name: 'Add label' }).click();
    await shows(admin.getByRole('table', { name: 'Labels' }), 'Key account');
    await labelForm.getByLabel('Name').fill('key ACCOUNT');
    await labelForm.getByRole('button', { name: 'Add label' }).click();
    await shows(labelForm, 'another label of this workspace has this name');
    await labelForm.getByLabel('Name').fill('');

    await nav('Inbox').click();
    const queue = admin.getByRole('list', { name: 'Waiting visitors' });
    await queue.getByRole('button', { name: 'Join chat with Vera Visitor' }).click();
    // A canned reply: `/` and the start of its shortcut, picked from the list, placeholders
    // filled with the visitor's and the agent's names.
    const reply = admin.getByLabel('Reply to Vera Visitor');
    await reply.pressSequentially('/tha', { delay: 30 });
    const suggestions = admin.getByRole('listbox', { name: 'Canned replies' });
    await suggestions.getByRole('option', { name: /thanks/ }).click();
    expect(await reply.inputValue()).toBe('Thanks for waiting, Vera Visitor! Ada Admin here.');
    await reply.press('Enter');
    await shows(visitorLog(), 'Thanks for waiting, Vera Visitor! Ada Admin here.');
    await screenshot(admin, 'dashboard-canned-reply');

    await reply.fill('Hello Vera, which model is it?');
    await reply.press('Enter');
    await shows(visitorLog(), 'Hello Vera, which model is it?');

    const modes = admin.getByRole('group', { name: 'Write' });
    await modes.getByRole('button', { name: 'Private note' }).click();
    const note = admin.getByLabel('Private note about Vera Visitor');
    await note.fill('VIP customer: the refund is approved');
    await admin.getByRole('button', { name: 'Add note' }).click();
    const written = agentLog().locator('.inbox-note');
    await shows(written, 'Private note');
    await shows(written, 'VIP customer: the refund is approved');
    await screenshot(admin, 'dashboard-private-note');

    const labels = admin.getByRole('group', { name: 'Labels' });
    await labels.getByLabel('Add label').selectOption({ label: 'Key account' });
    const chip = labels.getByTestId('room-label');
    await shows(chip, 'Key account');
    // Its own colour, as the Labels page set it.
    expect(
      await chip.evaluate(
        (element: { style: { backgroundColor: string } }) => element.style.backgroundColor,
      ),
    ).toBe('rgb(217, 119, 6)');
    await shows(
      admin.getByRole('list', { name: 'My chats' }).getByTestId('room-label'),
      'Key account',
    );
    await screenshot(admin, 'dashboard-label');

    await modes.getByRole('button', { name: 'Reply' }).click();
    await admin.getByLabel('Reply to Vera Visitor').fill('Your refund is on its way.');
    await admin.getByLabel('Reply to Vera Visitor').press('Enter');
    await shows(visitorLog(), 'Your refund is on its way.');
    // The visitor's conversation holds the replies on both sides of the note, and not the note.
    expect(await visitorLog().textContent()).toContain('Hello Vera, which model is it?');
    expect(await visitorLog().textContent()).not.toContain('VIP customer');

    await admin
      .getByRole('group', { name: 'Conversation actions' })
      .getByRole('button', { name: 'Resolve' })
      .click();
    await visitor.getByText('This conversation has ended.').waitFor();
    expect(await visitorLog().textContent()).not.toContain('VIP customer');
    expect(await visitor.locator('body').textContent()).not.toContain('Key account');
  });

  it('finds the closed conversation in History and opens it with its note', async () => {
    await nav('History').click();
    const filters = admin.getByRole('group', { name: 'Filter the conversations' });
    await filters.getByLabel('Status').selectOption({ label: 'Closed' });
    const table = admin.getByRole('table', { name: 'Conversations' });
    await shows(table, 'Vera Visitor');
    await shows(table, 'Resolved');
    await screenshot(admin, 'dashboard-history');
    await filters.getByLabel('Status').selectOption({ label: 'Open' });
    await shows(admin.getByText('Nothing matches these filters.'), 'Nothing matches');
    await filters.getByLabel('Status').selectOption({ label: 'Any status' });
    await filters.getByLabel('Label').selectOption({ label: 'Key account' });
    await shows(table.getByTestId('room-label'), 'Key account');
    await shows(table, 'Vera Visitor');

    await table.getByRole('link', { name: /Vera Visitor/ }).click();
    await shows(agentLog(), 'Your refund is on its way.');
    await shows(agentLog().locator('.inbox-note'), 'VIP customer: the refund is approved');
  });

  it('shows the visitor as a contact, renamed and annotated, then erases them with a confirmation', async () => {
    const contact = admin.getByRole('region', { name: 'Contact' });
    await shows(contact, 'First seen');
    await shows(contact.getByRole('list', { name: 'Past conversations' }), '(this one)');
    await shows(contact.getByRole('list', { name: 'Browsers' }), 'Chrom');

    await contact.getByRole('button', { name: 'Edit name' }).click();
    await contact.getByRole('textbox', { name: 'Name' }).fill('Vera Visitor (VIP)');
    await contact.getByRole('button', { name: 'Save name' }).click();
    await shows(contact, 'Vera Visitor (VIP)');
    await shows(contact, 'set by Ada Admin');

    await contact.getByRole('textbox', { name: 'Note' }).fill('Rides a cargo bike');
    await contact.getByRole('button', { name: 'Add contact note' }).click();
    await shows(contact.getByRole('list', { name: 'Contact notes' }), 'Rides a cargo bike');
    await screenshot(admin, 'dashboard-contact');

    await contact.getByRole('button', { name: 'Erase contact' }).click();
    const confirm = admin.getByRole('dialog');
    await shows(confirm, 'cannot be undone');
    await confirm.getByRole('button', { name: 'Erase for good' }).click();
    await admin.waitForURL(/\/inbox$/);
    await nav('History').click();
    await shows(
      admin.getByText('Conversations appear here once visitors start chatting.'),
      'appear',
    );
  });
});
