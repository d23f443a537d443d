import { eventually, screenshot } from '@app/testing';
import { type Locator, type Page } from 'playwright-core';
import { connectSocket } from '../../apps/chat/test/chat-fixture';
import { mailTo } from '../../apps/email/test/email-fixture';
import { BrowserStack, shows } from './browser-stack';

/**
 * An SLA as a supervisor meets it: a policy made on the SLA policies page (a backwards one
 * refused under its field), a waiting visitor's countdown going from green through yellow to
 * red, then the breach shown to the supervisor live and mailed to them. The steps build on each
 * other, in order.
 */
describe('SLA deadlines in a browser', () => {
  let stack: BrowserStack;
  let admin: Page;
  let visitor: Page;
  let accessToken: string;
  let credentials: Record<string, string>;
  const adminEmail = `sue-${Date.now()}@sla.example`;
  const nav = (name: string) =>
    admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

  beforeAll(async () => {
    // A sweep twice a second: the breach shows within a second of the deadline.
    stack = await BrowserStack.start({ chat: { SLA_SWEEP_INTERVAL_MS: '500' } });
    admin = await stack.openPage({ width: 1440, height: 900 });
    visitor = await stack.openPage({ width: 1200, height: 800 });
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('makes an SLA policy on its page, refusing a resolution shorter than the first response', async () => {
    ({ accessToken, credentials } = await stack.signUp(admin, {
      tenantName: 'SLA Bikes',
      name: 'Sue Supervisor',
      email: adminEmail,
      password: 'correct horse 42',
    }));

    await nav('SLA policies').click();
    const form = admin.getByRole('form', { name: 'Add SLA policy' });
    await form.getByLabel('Name').fill('Normal chats');
    await form.getByLabel('Priority').selectOption('normal');
    // 0.33 minutes: a 20-second first response, so the countdown runs through its colours.
    await form.getByLabel('First response within (minutes)').fill('0.33');
    await form.getByLabel('Resolution within (minutes)').fill('0.2');
    await form.getByLabel('When a target is missed').selectOption('raise-priority');
    await form.getByRole('button', { name: 'Add SLA policy' }).click();
    await shows(form, 'at least the first response target');

    await form.getByLabel('Resolution within (minutes)').fill('60');
    await form.getByRole('button', { name: 'Add SLA policy' }).click();
    const table = admin.getByRole('table', { name: 'SLA policies' });
    await shows(table, 'Normal chats');
    await shows(table, '20 s');
    await shows(table, 'Raise priority');
    await screenshot(admin, 'dashboard-sla-policies');

    // Chat has the policy once a new conversation gets its deadlines (that probe is closed).
    await eventually(async () => {
      const session = await stack.post(
        '/api/chat/widget/sessions',
        {
          ...credentials,
          name: 'Probe',
          email: `probe-${Date.now()}@example.test`,
        },
        { origin: stack.url },
      );
      expect(session.status).toBe(201);
      const roomId = session.body.roomId as string;
      const agent = await connectSocket(stack.url, 'agent', { token: accessToken });
      try {
        await agent.emitWithAck('room:close', { roomId, reason: 'resolved' });
      } finally {
        agent.disconnect();
      }
      const room = await fetch(`${stack.url}/api/chat/rooms/${roomId}`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(((await room.json()) as { sla: unknown }).sla).not.toBeNull();
    });
  });

  it('turns a waiting visitor’s countdown red and shows the breach to the supervisor, live and by email', async () => {
    await nav('Inbox').click();
    const alerts = admin.getByRole('region', { name: 'SLA breaches' });
    await alerts.getByLabel('Email me SLA breaches').check();
    await eventually(async () => {
      const preference = await fetch(`${stack.url}/api/chat/sla/alert-preference`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(await preference.json()).toEqual({ email: true });
    });

    await visitor.goto(`${stack.url}/demo/#${new URLSearchParams(credentials)}`);
    await visitor.getByRole('button', { name: 'Chat with us' }).click();
    await visitor.getByLabel('Name').fill('Vera Visitor');
    await visitor.getByLabel('Email').fill(`vera-${Date.now()}@example.test`);
    await visitor.getByRole('button', { name: 'Start the chat' }).click();

    const waiting = admin
      .getByRole('list', { name: 'Waiting visitors' })
      .getByRole('listitem')
      .filter({ hasText: 'Vera Visitor' });
    const countdown = waiting.locator('.sla-countdown');
    await expectStatus(countdown, 'green');
    await screenshot(admin, 'dashboard-sla-countdown-green');
    await expectStatus(countdown, 'yellow');
    await expectStatus(countdown, 'red');
    await screenshot(admin, 'dashboard-sla-countdown-red');
    // The visitor's widget never shows the SLA.
    expect(await visitor.locator('body').textContent()).not.toMatch(/First response|SLA/);

    const alert = alerts.getByRole('alert').filter({ hasText: 'Vera Visitor' });
    await shows(alert, 'missed its first response target');
    await shows(alert, 'Its priority was raised.');
    await screenshot(admin, 'dashboard-sla-breach-alert');
    // Still red once breached: the deadline passed and nobody answered.
    expect(await countdown.first().getAttribute('data-sla-status')).toBe('red');

    const breachMail = await eventually(async () => {
      const found = (await mailTo(adminEmail)).find((mail) =>
        mail.subject.includes('missed its first response target'),
      );
      if (!found) throw new Error(`no breach mail to ${adminEmail} yet`);
      return found;
    });
    expect(breachMail.subject).toContain('SLA Bikes');
    expect(breachMail.shownHtml).toContain('Its priority was raised.');
  });
});

async function expectStatus(countdown: Locator, status: string): Promise<void> {
  await eventually(
    async () => expect(await countdown.first().getAttribute('data-sla-status')).toBe(status),
    { timeoutMs: 30_000, intervalMs: 200 },
  );
}
