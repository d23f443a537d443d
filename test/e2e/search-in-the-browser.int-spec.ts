import { runBuiltCommand, screenshot, uniqueSuffix } from '@app/testing';
import { Client } from '@opensearch-project/opensearch';
import { type Page } from 'playwright-core';
import { BrowserStack, shows, type SignedUpWorkspace } from './browser-stack';

const DAY_MS = 24 * 60 * 60 * 1000;
/** `npm run search:reindex`, built. */
const REINDEX = 'apps/chat/src/search/reindex.main.js';
const opensearchUrl =
  process.env.OPENSEARCH_URL ?? `http://127.0.0.1:${process.env.OPENSEARCH_PORT ?? '9200'}`;

/**
 * Search as an agent meets it: a conversation from last week (a real one, moved back eight days
 * in the database and the index rebuilt from it, as `npm run search:reindex` does) found in
 * History by a word the visitor wrote, within last week's dates and not within today's, and
 * opened. The steps build on each other, in order.
 */
describe('conversation search in a browser', () => {
  const prefix = `test-search-e2e-${uniqueSuffix()}`;
  let stack: BrowserStack;
  let admin: Page;
  let visitor: Page;
  let workspace: SignedUpWorkspace;
  const nav = (name: string) =>
    admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
  const agentLog = () => admin.getByRole('log', { name: 'Messages with Walter Visitor' });

  beforeAll(async () => {
    stack = await BrowserStack.start({ chat: { SEARCH_INDEX_PREFIX: prefix } });
    admin = await stack.openPage({ width: 1440, height: 900 });
    visitor = await stack.openPage({ width: 1200, height: 800 });
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
    const engine = new Client({ node: opensearchUrl });
    await engine.indices.delete({ index: `${prefix}-*` }, { ignore: [404] });
    await engine.close();
  });

  it('has a conversation that ended last week', async () => {
    workspace = await stack.signUp(admin, {
      tenantName: 'Search Bikes',
      name: 'Sam Search',
      email: `sam-${Date.now()}@search.example`,
      password: 'correct horse 42',
    });
    await visitor.goto(`${stack.url}/demo/#${new URLSearchParams(workspace.credentials)}`);
    await visitor.getByRole('button', { name: 'Chat with us' }).click();
    await visitor.getByLabel('Name').fill('Walter Visitor');
    await visitor.getByLabel('Email').fill(`walter-${Date.now()}@example.test`);
    await visitor.getByRole('button', { name: 'Start the chat' }).click();
    const visitorLog = visitor.getByRole('log', { name: 'Messages' });
    await shows(visitorLog, 'A live agent will join the chat shortly.');
    await visitor.getByLabel('Your message').fill('The derailleur on my tandem is bent');
    await visitor.getByRole('button', { name: 'Send' }).click();

    await nav('Inbox').click();
    await admin
      .getByRole('list', { name: 'Waiting visitors' })
      .getByRole('button', { name: 'Join chat with Walter Visitor' })
      .click();
    await shows(agentLog(), 'The derailleur on my tandem is bent');
    const reply = admin.getByLabel('Reply to Walter Visitor');
    await reply.fill('A new hanger is in the post.');
    await reply.press('Enter');
    await shows(visitorLog, 'A new hanger is in the post.');
    await admin
      .getByRole('group', { name: 'Conversation actions' })
      .getByRole('button', { name: 'Resolve' })
      .click();
    await visitor.getByText('This conversation has ended.').waitFor();

    await moveBackEightDays(workspace.credentials.tenantId);
    const output = await runBuiltCommand(REINDEX, {
      MONGO_DB: stack.chat.config.MONGO_DB,
      OPENSEARCH_URL: opensearchUrl,
      SEARCH_INDEX_PREFIX: prefix,
    });
    expect(output).toMatch(/1 conversations, \d+ messages, 0 notes into/);
  });

  it('finds it by a word the visitor wrote, within last week’s dates, and opens it', async () => {
    await nav('History').click();
    const search = admin.getByRole('search', { name: 'Search conversations' });
    await search.getByLabel('Search').fill('derailleur');
    await search.getByLabel('Search').press('Enter');
    const results = admin.getByRole('table', { name: 'Search results' });
    await shows(results, 'Walter Visitor');
    await shows(results.locator('mark'), 'derailleur');
    await shows(results, 'The derailleur on my tandem is bent');
    await screenshot(admin, 'dashboard-search');

    // The dates narrow the search as they do the list: last week holds it, today does not.
    const filters = admin.getByRole('group', { name: 'Filter the conversations' });
    await filters.getByLabel('Started from').fill(isoDay(Date.now()));
    await shows(admin.getByText('Nothing found'), 'Nothing found');
    await filters.getByLabel('Started from').fill(isoDay(Date.now() - 10 * DAY_MS));
    await filters.getByLabel('Started until').fill(isoDay(Date.now() - 6 * DAY_MS));
    await shows(results.locator('mark'), 'derailleur');

    await results.getByRole('link', { name: /Walter Visitor/ }).click();
    await shows(agentLog(), 'The derailleur on my tandem is bent');
    await shows(agentLog(), 'A new hanger is in the post.');
  });

  /** The workspace's conversation, its messages and its transitions, eight days earlier. */
  async function moveBackEightDays(tenantId: string): Promise<void> {
    const db = stack.chat.db;
    const [room] = await db.collection('rooms').find({ tenantId }).toArray();
    const earlier = (at: unknown) => new Date((at as Date).getTime() - 8 * DAY_MS);
    await db.collection('rooms').updateOne(
      { _id: room._id },
      {
        $set: {
          createdAt: earlier(room.createdAt),
          closedAt: earlier(room.closedAt),
          updatedAt: earlier(room.updatedAt),
        },
      },
    );
    for (const message of await db.collection('messages').find({ roomId: room._id }).toArray())
      await db
        .collection('messages')
        .updateOne({ _id: message._id }, { $set: { createdAt: earlier(message.createdAt) } });
  }
});

function isoDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}
