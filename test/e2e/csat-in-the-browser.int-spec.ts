import { eventually, screenshot } from '@app/testing';
import { type Page } from 'playwright-core';
import { mailTo } from '../../apps/email/test/email-fixture';
import { BrowserStack, shows } from './browser-stack';

/**
 * CSAT as people meet it: an agent resolves a chat in the inbox, the visitor rates it in the
 * widget (by keyboard) with a comment and is thanked, the agent sees the rating at once, the
 * rating is still there after the visitor reloads, a click on the transcript email's link
 * replaces it, and the analytics page counts the conversation once. The steps build on each
 * other, in order.
 */
describe('CSAT in a browser', () => {
  let stack: BrowserStack;
  let admin: Page;
  let visitor: Page;
  let credentials: Record<string, string>;
  const adminEmail = `cara-${Date.now()}@csat.example`;
  const visitorEmail = `vera-${Date.now()}@example.test`;
  const nav = (name: string) =>
    admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
  const widget = () => visitor.locator('parley-widget');

  beforeAll(async () => {
    stack = await BrowserStack.start();
    admin = await stack.openPage({ width: 1440, height: 900 });
    visitor = await stack.openPage({ width: 1200, height: 800 });
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('lets the visitor rate the chat the agent resolved, and shows the agent the rating', async () => {
    const workspace = await stack.signUp(admin, {
      tenantName: 'CSAT Bikes',
      name: 'Cara Agent',
      email: adminEmail,
      password: 'correct horse 42',
    });
    credentials = workspace.credentials;

    await visitor.goto(`${stack.url}/demo/#${new URLSearchParams(credentials)}`);
    await visitor.getByRole('button', { name: 'Chat with us' }).click();
    await visitor.getByLabel('Name').fill('Vera Visitor');
    await visitor.getByLabel('Email').fill(visitorEmail);
    await visitor.getByRole('button', { name: 'Start the chat' }).click();
    await visitor.getByLabel('Your message').fill('My chain keeps slipping');
    await visitor.getByRole('button', { name: 'Send' }).click();

    const queue = admin.getByRole('list', { name: 'Waiting visitors' });
    await queue.getByRole('button', { name: 'Join chat with Vera Visitor' }).click();
    await admin
      .getByRole('textbox', { name: 'Reply to Vera Visitor' })
      .fill('Tighten the derailleur cable half a turn.');
    await admin.getByRole('form', { name: 'Reply' }).getByRole('button', { name: 'Send' }).click();
    await visitor
      .getByRole('log', { name: 'Messages' })
      .getByText('Tighten the derailleur cable')
      .waitFor();
    await admin
      .getByRole('group', { name: 'Conversation actions' })
      .getByRole('button', { name: 'Resolve' })
      .click();

    const rating = widget().getByRole('group', { name: 'How would you rate this conversation?' });
    await rating.waitFor();
    await screenshot(visitor, 'widget-csat-asked');
    // By keyboard: Tab reaches the scale, Enter picks a rating.
    await rating.getByRole('button', { name: '4 out of 5' }).focus();
    await visitor.keyboard.press('Enter');
    expect(
      await rating.getByRole('button', { name: '4 out of 5' }).getAttribute('aria-pressed'),
    ).toBe('true');
    await widget().getByLabel('Anything to add? (optional)').fill('Fixed it, thanks!');
    await widget().getByRole('button', { name: 'Send my rating' }).click();
    await widget().getByText('Thank you! You rated this conversation 4 out of 5.').waitFor();
    await screenshot(visitor, 'widget-csat-thanks');

    const rated = admin.getByTestId('room-csat');
    await shows(rated, 'Rated 4/5 by the visitor');
    await shows(rated, 'Fixed it, thanks!');
    await screenshot(admin, 'dashboard-csat-rated');
  });

  it('keeps the rating across a reload of the visitor’s page', async () => {
    await visitor.reload();
    const thanks = widget().getByText('Thank you! You rated this conversation 4 out of 5.');
    if (!(await thanks.isVisible()))
      await visitor.getByRole('button', { name: 'Chat with us' }).click();
    await thanks.waitFor();
    expect(
      await widget().getByRole('group', { name: 'How would you rate this conversation?' }).count(),
    ).toBe(0);
  });

  it('records a one-click rating from the transcript email, which replaces the first', async () => {
    const transcript = await eventually(async () => {
      const found = (await mailTo(visitorEmail)).find((mail) =>
        mail.subject.startsWith('Transcript of your conversation'),
      );
      if (!found) throw new Error(`no transcript to ${visitorEmail} yet`);
      return found;
    });
    expect(transcript.shownHtml).toContain('How did we do?');
    const five = /href="([^"]*\/api\/chat\/csat\?token=[^"]+&rating=5)"/.exec(
      transcript.shownHtml,
    )?.[1];
    expect(five).toBeDefined();
    const page = await visitor.context().newPage();
    await page.goto(five!);
    await page.getByRole('heading', { name: 'Thank you for your rating' }).waitFor();
    expect(await page.getByRole('radio', { name: '5' }).isChecked()).toBe(true);
    await screenshot(page, 'email-csat-thanks');
    await page.close();
    await shows(admin.getByTestId('room-csat'), 'Rated 5/5 by the visitor');
  });

  it('shows the conversation’s rating in the history and counts it once on the analytics page', async () => {
    await nav('History').click();
    await shows(admin.getByTestId('history-csat'), 'Rated 5/5');
    await nav('Analytics').click();
    const table = admin.getByRole('table', { name: 'Customer satisfaction' });
    await eventually(
      async () => {
        await admin.reload();
        const overall = table.getByRole('row').filter({ hasText: 'All conversations' });
        expect(await overall.textContent()).toContain('100 %');
        expect(await overall.textContent()).toContain('5.00');
      },
      { timeoutMs: 60_000, intervalMs: 2_000 },
    );
    const overall = table.getByRole('row').filter({ hasText: 'All conversations' });
    // One conversation, rated twice: counted once, by its latest rating.
    expect(
      (await overall.getByRole('cell').allTextContents()).slice(4).map((cell) => cell.trim()),
    ).toEqual(['1', '0', '0', '0', '0', '1']);
    await screenshot(admin, 'dashboard-analytics-csat');
  });
});
