import { eventually, screenshot } from '@app/testing';
import { type BrowserContext, type Locator, type Page } from 'playwright-core';
import sharp from 'sharp';
import { mailTo } from '../../apps/email/test/email-fixture';
import { BrowserStack } from './browser-stack';

/**
 * The product as people meet it, through nginx: an admin signs up in the dashboard and creates
 * a chatbot, a visitor opens the widget on the demo page that carries the chatbot's snippet,
 * and the admin, as the agent, chats with them from the inbox in a second browser context.
 * The steps build on each other, in order.
 */
describe('Parley in a browser', () => {
  let stack: BrowserStack;
  let adminContext: BrowserContext;
  let visitorContext: BrowserContext;
  let admin: Page;
  let visitor: Page;
  const dialogs: string[] = [];
  // The chatbot's tenant id, id and API key, from the dashboard's demo link.
  let credentials: Record<string, string> = {};
  // Chromium reports what a page's Content-Security-Policy refused on the console.
  const refusedByPolicy: string[] = [];
  const watchPolicy = (context: BrowserContext) =>
    context.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refusedByPolicy.push(message.text());
    });
  const adminEmail = `ada-${Date.now()}@northwind.example`;
  const visitorEmail = `vera-${Date.now()}@example.test`;
  const chatbotColor = '#0a7d5a';
  const visitorLog = () => visitor.getByRole('log', { name: 'Messages' });
  const agentLog = () => admin.getByRole('log', { name: 'Messages with Vera Visitor' });
  const nav = (name: string) =>
    admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

  beforeAll(async () => {
    stack = await BrowserStack.start();
    adminContext = await stack.newContext({ viewport: { width: 1440, height: 900 } });
    visitorContext = await stack.newContext({ viewport: { width: 1200, height: 800 } });
    for (const context of [adminContext, visitorContext]) {
      context.setDefaultTimeout(20_000);
      watchPolicy(context);
    }
    admin = await adminContext.newPage();
    visitor = await visitorContext.newPage();
    // A script payload that ran would open a dialog (or set a flag, checked below).
    for (const page of [admin, visitor])
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('signs an admin up and shows a new chatbot with its key and embed snippet once', async () => {
    const dashboard = await admin.goto(`${stack.url}/app/`);
    // Another site may not frame the dashboard (clickjacking).
    expect(dashboard?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await admin.getByRole('link', { name: 'Create a workspace' }).click();
    await admin.getByLabel('Workspace name').fill('Northwind Bikes');
    await admin.getByLabel('Your name').fill('Ada Admin');
    await admin.getByLabel('Work email').fill(adminEmail);
    await admin.getByLabel('Password', { exact: true }).fill('correct horse 42');
    await screenshot(admin, 'dashboard-signup');
    await admin.getByRole('button', { name: 'Create workspace' }).click();
    // No session before the address is confirmed: the link in the mail signs the admin in.
    await admin.getByRole('heading', { name: 'Check your email' }).waitFor();
    await screenshot(admin, 'dashboard-check-your-email');
    const confirmation = await eventually(async () => {
      const [mail] = await mailTo(adminEmail);
      if (!mail) throw new Error(`no mail to ${adminEmail} yet`);
      return mail;
    });
    const link = /href="([^"]*\/app\/verify-email#token=[^"]+)"/.exec(confirmation.shownHtml)?.[1];
    expect(link).toBeDefined();
    await admin.goto(link!);
    await nav('Inbox').waitFor();
    // The token left the address bar as soon as the page read it.
    expect(admin.url()).not.toContain('token=');

    await nav('Chatbots').click();
    await admin.getByRole('button', { name: 'New chatbot' }).first().click();
    const form = admin.getByRole('form', { name: 'New chatbot' });
    await form.getByLabel('Name', { exact: true }).fill('Bike help');
    await form.getByLabel('Colour', { exact: true }).fill(chatbotColor);
    // The origin the dashboard is served from is offered by default: the demo page's.
    expect(await form.getByLabel('Allowed origins').inputValue()).toContain(stack.url);
    await form.getByRole('button', { name: 'Create chatbot' }).click();
    const snippet = admin.getByTestId('embed-snippet');
    await snippet.waitFor();
    expect(await snippet.textContent()).toMatch(
      /^<script src="http:\/\/127\.0\.0\.1:\d+\/widget\.js" data-tenant-id="[^"]+" data-chatbot-id="[^"]+" data-api-key="pk_[^"]+" async><\/script>$/,
    );
    await screenshot(admin, 'dashboard-chatbot-created');
  });

  it('lets a visitor on the demo page chat with the agent in the dashboard', async () => {
    const demoLink = admin.getByRole('link', { name: /Try it on the demo page/ });
    const demoUrl = new URL((await demoLink.getAttribute('href'))!, stack.url).toString();
    expect(demoUrl).toContain('/demo/#');
    // Chat learns of the new chatbot through Kafka; on a slow machine that can take longer than
    // the widget's own patience, which is not what this test is about.
    credentials = Object.fromEntries(new URLSearchParams(new URL(demoUrl).hash.slice(1)));
    await eventually(async () => {
      const config = await fetch(`${stack.url}/api/chat/widget/config`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: stack.url },
        body: JSON.stringify(credentials),
      });
      expect(config.status).toBe(200);
    });
    await visitor.goto(demoUrl);
    await visitor.getByRole('button', { name: 'Chat with us' }).click();
    await visitor.getByLabel('Name').fill('Vera Visitor');
    await visitor.getByLabel('Email').fill(visitorEmail);
    await screenshot(visitor, 'widget-pre-chat-form');
    await visitor.getByRole('button', { name: 'Start the chat' }).click();
    await shows(visitorLog(), 'A live agent will join the chat shortly.');
    await sendAsVisitor('Hello, my bike has a flat tyre');
    await screenshot(visitor, 'widget-waiting');

    await nav('Inbox').click();
    const queue = admin.getByRole('list', { name: 'Waiting visitors' });
    await shows(queue, 'Vera Visitor');
    // She typed her email into the widget; no site signed it (identity verification).
    await shows(queue, 'unverified email');
    await screenshot(admin, 'dashboard-queue');
    await queue.getByRole('button', { name: 'Join chat with Vera Visitor' }).click();
    await shows(agentLog(), 'Hello, my bike has a flat tyre');
    await shows(visitor.locator('parley-widget'), 'You are chatting with Ada Admin');

    await visitor.getByLabel('Your message').pressSequentially('Is it', { delay: 30 });
    await shows(admin.getByTestId('typing-indicator'), 'Visitor is typing');
    await visitor.getByLabel('Your message').fill('');
    await sendAsAgent('Sorry to hear that! Which model is it?');
    await shows(visitorLog(), 'Which model is it?');
    await screenshot(visitor, 'widget-conversation');
    await screenshot(admin, 'dashboard-conversation');
  });

  it('lets the visitor attach a photo the agent sees, and the agent a PDF the visitor downloads', async () => {
    const photo = await sharp({
      create: { width: 640, height: 480, channels: 3, background: '#2563eb' },
    })
      .png()
      .toBuffer();
    await visitor
      .locator('parley-widget')
      .getByLabel('Attach a file')
      .setInputFiles({ name: 'flat-tyre.png', mimeType: 'image/png', buffer: photo });
    // The agent sees the thumbnail, loaded from the object store through chat's signed link.
    const thumbnail = agentLog().getByRole('img', { name: 'flat-tyre.png' });
    await thumbnail.waitFor();
    await eventually(async () =>
      expect(await thumbnail.evaluate((img: { naturalWidth: number }) => img.naturalWidth)).toBe(
        320,
      ),
    );
    const fullImage = await thumbnail.evaluate(
      (img: { parentElement: { href?: string } | null }) => img.parentElement?.href ?? '',
    );
    const opened = await fetch(fullImage);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toBe('image/png');
    await visitorLog().getByRole('img', { name: 'flat-tyre.png' }).waitFor();
    await screenshot(admin, 'dashboard-attachment');

    await admin
      .getByRole('form', { name: 'Reply' })
      .getByLabel('Attach', { exact: true })
      .setInputFiles({
        name: 'repair-guide.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
      });
    const guide = visitorLog().getByRole('link', { name: /repair-guide\.pdf/ });
    await guide.waitFor();
    await screenshot(visitor, 'widget-attachments');
  });

  it('shows HTML and script payloads as characters, on both sides', async () => {
    const fromVisitor = '<img src=x onerror="window.__xss=1;alert(1)">';
    const fromAgent = '<b>bold</b><script>window.__xss=2;alert(2)</script>';
    await sendAsVisitor(fromVisitor);
    await shows(agentLog(), fromVisitor);
    await sendAsAgent(fromAgent);
    await shows(visitorLog(), fromAgent);
    for (const page of [admin, visitor])
      expect(await page.evaluate('typeof window.__xss')).toBe('undefined');
    expect(dialogs).toEqual([]);
  });

  it('continues the same conversation, nothing missing or doubled, after the visitor reloads', async () => {
    await visitor.reload();
    // A live conversation reopens by itself; if the panel stays closed, the launcher opens it.
    if (
      !(await visitorLog()
        .isVisible({ timeout: 5_000 })
        .catch(() => false))
    )
      await visitor.getByRole('button', { name: /Chat with us/ }).click();
    for (const body of ['Hello, my bike has a flat tyre', 'Which model is it?'])
      await shows(visitorLog(), body);
    expect(await visitorLog().getByText('Which model is it?').count()).toBe(1);
    await sendAsVisitor('A city bike, from 2021');
    await shows(agentLog(), 'A city bike, from 2021');
    await screenshot(visitor, 'widget-after-reload');
  });

  it("opens the conversation from the link in the visitor's welcome mail, in the chatbot's look", async () => {
    const mail = await eventually(async () => {
      const [welcome] = await mailTo(visitorEmail);
      if (!welcome) throw new Error(`no mail to ${visitorEmail} yet`);
      return welcome;
    });
    const link = /href="([^"]*\/conversation\/[^"]+)"/.exec(mail.shownHtml)?.[1];
    expect(link).toBeDefined();
    const elsewhere = await stack.newContext();
    watchPolicy(elsewhere);
    const page = await elsewhere.newPage();
    await page.goto(link!);
    const log = page.getByRole('log', { name: 'Messages' });
    for (const body of ['Hello, my bike has a flat tyre', 'A city bike, from 2021'])
      await shows(log, body);
    await page.getByRole('heading', { name: 'Bike help' }).waitFor();
    expect(await page.locator('[style*="--parley-color"]').first().getAttribute('style')).toContain(
      chatbotColor,
    );
    // The token left the address bar (history, Referer headers) as soon as the page read it.
    expect(page.url()).not.toContain('token=');
    await screenshot(page, 'conversation-page');
    await elsewhere.close();
  });

  it('catches up after the visitor’s network drops, with what the agent wrote meanwhile', async () => {
    await visitorContext.setOffline(true);
    await shows(visitor.locator('parley-widget').getByRole('status'), 'Reconnecting…');
    await screenshot(visitor, 'widget-reconnecting');
    await sendAsAgent('Is the valve a Presta or a Schrader?');
    await visitorContext.setOffline(false);
    await shows(visitorLog(), 'Is the valve a Presta or a Schrader?');
    expect(await visitorLog().getByText('Is the valve a Presta or a Schrader?').count()).toBe(1);
    expect(await visitorLog().getByText('A city bike, from 2021').count()).toBe(1);

    await admin
      .getByRole('group', { name: 'Conversation actions' })
      .getByRole('button', { name: 'Resolve' })
      .click();
    await shows(visitor.locator('parley-widget'), 'This conversation has ended.');

    // The admin deletes the closed conversation, its files with it.
    const roomPath = new URL(admin.url()).pathname;
    await admin.getByRole('button', { name: 'Delete conversation' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Delete for good' }).click();
    await admin.waitForURL(/\/app\/inbox$/);
    await admin.goto(`${stack.url}${roomPath}`);
    await admin
      .getByText(/not found|no such room/i)
      .first()
      .waitFor();
  });

  it('shows the admin screens, the visitor counted in analytics and mailed', async () => {
    await nav('Emails').click();
    await shows(admin.getByRole('main'), visitorEmail);
    await screenshot(admin, 'dashboard-emails');
    await nav('Analytics').click();
    // The figures come from rollups of the events, a moment behind: reload until they are in.
    await eventually(async () => {
      await admin.reload();
      await admin.getByText('4 visitor · 4 agent · 1 system').waitFor({ timeout: 2_000 });
    });
    await screenshot(admin, 'dashboard-analytics');
    await nav('Status').click();
    // A workspace's admin sees its agents and chatbots; the platform's health is for operators.
    await shows(admin.getByRole('main'), 'Agents online');
    await screenshot(admin, 'dashboard-status');
    for (const page of ['Agents', 'Roles', 'Chatbots', 'Settings']) {
      await nav(page).click();
      await admin.getByRole('heading', { name: page }).first().waitFor();
      await screenshot(admin, `dashboard-${page.toLowerCase()}`);
    }
  });

  it('blocks a visitor from the inbox, lists them on the blocklist, and lifts the block', async () => {
    const openSession = (email: string) =>
      fetch(`${stack.url}/api/chat/widget/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: stack.url },
        body: JSON.stringify({ ...credentials, name: 'Boris Blocked', email }),
      });
    const borisEmail = `boris-${Date.now()}@example.test`;
    expect((await openSession(borisEmail)).status).toBe(201);
    await nav('Inbox').click();
    const queue = admin.getByRole('list', { name: 'Waiting visitors' });
    await queue.getByRole('button', { name: 'Join chat with Boris Blocked' }).click();
    await admin.getByRole('button', { name: 'Block visitor' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Block visitor' }).click();
    // The dialog closes once chat has answered the close.
    await admin.getByRole('dialog').waitFor({ state: 'hidden' });
    expect((await openSession(borisEmail)).status).toBe(403);

    await nav('Blocklist').click();
    const table = admin.getByRole('table', { name: 'Blocked visitors' });
    await shows(table, borisEmail);
    await screenshot(admin, 'dashboard-blocklist');
    // Boris's address is this machine's, every test client's: lift both blocks.
    for (const value of [borisEmail, '127.0.0.1']) {
      await table.getByRole('button', { name: `Lift the block of ${value}` }).click();
      await admin.getByRole('dialog').getByRole('button', { name: 'Lift the block' }).click();
      await table
        .getByRole('button', { name: `Lift the block of ${value}` })
        .waitFor({ state: 'detached' });
    }
    expect((await openSession(borisEmail)).status).toBe(201);
  });

  it('signs the admin in with Google in a new browser once the password links it, to the inbox', async () => {
    const fresh = await stack.newContext();
    watchPolicy(fresh);
    const page = await fresh.newPage();
    await page.goto(`${stack.url}/app/`);
    await page.getByRole('link', { name: 'Sign in with Google' }).click();
    // The stand-in provider asks only for the email a person would pick on Google's page.
    await page.getByLabel('Email').fill(adminEmail);
    await page.getByRole('button', { name: 'Continue' }).click();
    // The address has a password account: Google is linked to it only with that password.
    await page.getByRole('heading', { name: 'Link your Google account' }).waitFor();
    await page.getByLabel('Password', { exact: true }).fill('correct horse 42');
    await page.getByRole('button', { name: 'Link and sign in' }).click();
    await page.waitForURL(/\/app\/inbox/);
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    expect(await page.getByTestId('tenant-name').textContent()).toBe('Northwind Bikes');
    await fresh.close();
  });

  it('ran the dashboard, the demo page with the widget and the conversation page within their Content-Security-Policy', () => {
    expect(refusedByPolicy).toEqual([]);
  });

  /** Waits until `text` shows inside `where` (Playwright's `expect` is not in playwright-core). */
  async function shows(where: Locator, text: string) {
    await where.getByText(text).first().waitFor();
  }

  async function sendAsVisitor(body: string) {
    await visitor.getByLabel('Your message').fill(body);
    await visitor.getByRole('button', { name: 'Send' }).click();
  }

  async function sendAsAgent(body: string) {
    await admin.getByRole('textbox', { name: 'Reply to Vera Visitor' }).fill(body);
    await admin.getByRole('form', { name: 'Reply' }).getByRole('button', { name: 'Send' }).click();
  }
});
