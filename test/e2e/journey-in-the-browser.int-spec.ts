import { eventually, screenshot } from '@app/testing';
import { type Locator, type Page } from 'playwright-core';
import { files } from '../../apps/chat/test/attachments-fixture';
import { mailTo } from '../../apps/email/test/email-fixture';
import { BrowserStack } from './browser-stack';

/**
 * A branching journey as people meet it, through nginx: an admin keeps a category and a team,
 * builds a chatbot from the editor's example journey, routes its technical end to them with a
 * priority and a first message, and tries it in the preview; a visitor on the demo page walks it
 * one question at a time, goes back to change an answer, sends a screenshot to the image
 * question and lands on that end, whose first message both sides then see; the agent sees the
 * screenshot, and the category, priority and team the end gave. The steps build on each other.
 */
describe('a branching journey in a browser', () => {
  let stack: BrowserStack;
  let admin: Page;
  let visitor: Page;
  const adminEmail = `ada-${Date.now()}@journeys.example`;
  const firstMessage = 'A technician will look at your screenshot.';
  const category = 'Devices';
  const team = 'Field technicians';
  const screenshotQuestion = 'A screenshot, if you have one';
  const nav = (name: string) =>
    admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
  const shows = (where: Locator, text: string) => where.getByText(text).first().waitFor();
  const widget = () => visitor.locator('parley-widget');

  beforeAll(async () => {
    stack = await BrowserStack.start();
    admin = await stack.openPage({ width: 1440, height: 900 });
    visitor = await stack.openPage({ width: 1200, height: 800 });
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('keeps a category and a team, and routes the example journey to them', async () => {
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

    await nav('Teams').click();
    const categories = admin.getByRole('form', { name: 'Add a category' });
    await categories.getByLabel('New category').fill(category);
    await categories.getByRole('button', { name: 'Add category' }).click();
    await shows(admin.getByRole('table', { name: 'Categories' }), category);
    const newTeam = admin.getByRole('form', { name: 'Create team' });
    await newTeam.getByLabel('Team name').fill(team);
    await newTeam.getByLabel('Ada Admin').check();
    await newTeam.getByRole('button', { name: 'Create team' }).click();
    await shows(admin.getByRole('table', { name: 'Teams' }), team);

    await nav('Chatbots').click();
    await admin.getByRole('button', { name: 'New chatbot' }).first().click();
    const form = admin.getByRole('form', { name: 'New chatbot' });
    await form.getByLabel('Name', { exact: true }).fill('Journey help');
    await form.getByRole('button', { name: 'Start from an example' }).click();
    // The end a phone's screenshot leads to: the workspace's category and team, by name.
    expect(await form.getByLabel('Step 9: id').inputValue()).toBe('end_tech');
    await form.getByLabel('Step 9: category').selectOption({ label: category });
    await form.getByLabel('Step 9: team').selectOption({ label: team });
    await form.getByLabel('Step 9: priority').selectOption({ label: 'Urgent' });
    await form.getByLabel('Step 9: first message').fill(firstMessage);

    const preview = form.getByRole('region', { name: 'Journey preview' });
    await preview.getByRole('button', { name: 'Technical' }).click();
    await preview.getByRole('checkbox', { name: 'Phone' }).check();
    await preview.getByRole('button', { name: 'Next' }).click();
    await shows(preview, screenshotQuestion);
    await preview.getByRole('button', { name: 'Skip' }).click();
    await shows(preview, `Category: ${category}`);
    await shows(preview, `Team: ${team}`);
    await shows(preview, 'Priority: urgent');
    await screenshot(admin, 'dashboard-journey-editor');
    await form.getByRole('button', { name: 'Create chatbot' }).click();
    await admin.getByTestId('embed-snippet').waitFor();
  });

  it('walks the visitor down a branch, back, and down another with a screenshot to its end', async () => {
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

    await widget().getByRole('radio', { name: 'Billing' }).check();
    await visitor.getByRole('button', { name: 'Next' }).click();
    await shows(widget(), 'Amount in euros');
    await visitor.getByRole('button', { name: 'Back' }).click();
    // The answer is still there after going back.
    expect(await widget().getByRole('radio', { name: 'Billing' }).isChecked()).toBe(true);
    await widget().getByRole('radio', { name: 'Technical' }).check();
    await visitor.getByRole('button', { name: 'Next' }).click();
    await widget().getByRole('checkbox', { name: 'Phone' }).check();
    await visitor.getByRole('button', { name: 'Next' }).click();
    await widget()
      .getByLabel(screenshotQuestion)
      .setInputFiles({
        name: 'screen.png',
        mimeType: 'image/png',
        buffer: await files.png(64, 48),
      });
    await shows(widget(), 'Added: screen.png');
    await screenshot(visitor, 'widget-journey-question');
    // The screenshot question leads straight to an end: this step starts the chat.
    await visitor.getByRole('button', { name: 'Start the chat' }).click();
    await shows(visitor.getByRole('log', { name: 'Messages' }), firstMessage);
    await screenshot(visitor, 'widget-journey-end');
  });

  it("shows the agent the visitor's answers, their screenshot, and where the end sent the room", async () => {
    // A fresh page: the inbox keeps the chatbot list it read before this chatbot existed.
    await admin.goto(`${stack.url}/app/`);
    await nav('Inbox').click();
    const queue = admin.getByRole('list', { name: 'Waiting visitors' });
    await queue.getByRole('button', { name: 'Join chat with Vera Visitor' }).click();
    await shows(admin.getByRole('log', { name: 'Messages with Vera Visitor' }), firstMessage);
    const answers = admin.locator('.inbox-answers');
    await shows(answers, 'What is it about?');
    await shows(answers, 'Technical');
    await shows(answers, 'Phone');
    const image = answers.getByRole('img', { name: screenshotQuestion });
    await image.waitFor();
    // Loaded from the object store through its signed link, not a broken image.
    await eventually(async () =>
      expect(
        await image.evaluate(
          (img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth,
        ),
      ).toBeGreaterThan(0),
    );
    const fullImage = await image.evaluate(
      (img: { parentElement: { href?: string } | null }) => img.parentElement?.href ?? '',
    );
    const opened = await fetch(fullImage);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toBe('image/png');
    await shows(
      admin.getByTestId('journey-path'),
      'Journey version 1: topic → devices → by_device → screenshot → end_tech',
    );
    // Answers to the branch the visitor left are not sent.
    expect(await answers.getByText('Amount in euros').count()).toBe(0);
    const header = admin.locator('.inbox-conversation-header');
    await shows(header.getByTestId('room-category'), category);
    await shows(header.getByTestId('room-priority'), 'Urgent');
    await shows(header.getByTestId('room-team'), team);
    await screenshot(admin, 'dashboard-journey-answers');
  });
});
