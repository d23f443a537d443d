import { type SearchPage, type SearchResult } from '@app/contracts';
import {
  bearer,
  eventually,
  runBuiltCommand,
  type SignedIn,
  TcpRelay,
  uniqueSuffix,
} from '@app/testing';
import { Client } from '@opensearch-project/opensearch';
import request from 'supertest';
import { ChatFixture } from './chat-fixture';

jest.setTimeout(180_000);

/** `npm run search:reindex`, built. */
const REINDEX = 'apps/chat/src/search/reindex.main.js';

const opensearchUrl = new URL(
  process.env.OPENSEARCH_URL ?? `http://127.0.0.1:${process.env.OPENSEARCH_PORT ?? '9200'}`,
);

/**
 * Conversation search against the real engine, fed by the chat service's own consumer from
 * Kafka. The engine is reached through a relay the test can cut, to see search fail alone and
 * the index catch up once the engine is back. An index prefix of its own keeps the reindex here
 * away from other tests' documents.
 */
describe('conversation search (GET /search)', () => {
  const prefix = `test-search-${uniqueSuffix()}`;
  let relay: TcpRelay;
  let fixture: ChatFixture;
  const engine = new Client({ node: opensearchUrl.origin });

  beforeAll(async () => {
    relay = await TcpRelay.start({
      host: opensearchUrl.hostname,
      port: Number(opensearchUrl.port || 9200),
    });
    fixture = await ChatFixture.start({
      overrides: { OPENSEARCH_URL: relay.url, SEARCH_INDEX_PREFIX: prefix },
    });
  });

  afterAll(async () => {
    await fixture?.close();
    await relay?.cut();
    await engine.indices.delete({ index: `${prefix}-*` }, { ignore: [404] });
    await engine.close();
  });

  const search = (agent: SignedIn, query: Record<string, string | number>) =>
    request(fixture.chat.url).get('/api/chat/search').query(query).set(bearer(agent.accessToken));

  const found = async (agent: SignedIn, query: Record<string, string | number>) =>
    ((await search(agent, query).expect(200)).body as SearchPage).results;

  /** Waits until the search gives this many results (the index follows within a second or two). */
  const searched = (
    agent: SignedIn,
    query: Record<string, string | number>,
    count: number,
  ): Promise<SearchResult[]> =>
    eventually(
      async () => {
        const results = await found(agent, query);
        expect(results).toHaveLength(count);
        return results;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );

  /** A conversation the admin joined: the visitor asked about an invoice, the agent answered, a note. */
  async function conversation(visitorName = 'Rosa Quintana') {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const email = `rosa.${uniqueSuffix()}@example.test`;
    const { roomId, visitorToken } = (
      await fixture.openSession(chatbot, { name: visitorName, email }).expect(201)
    ).body as { roomId: string; visitorToken: string };
    const agent = await fixture.agent(admin.accessToken);
    const visitor = await fixture.visitor(visitorToken);
    await agent.emitWithAck('room:join', { roomId });
    await visitor.emitWithAck('message:send', {
      clientMessageId: 'v1',
      body: 'My invoice for March is missing <b>urgently</b>',
    });
    await agent.emitWithAck('message:send', {
      roomId,
      clientMessageId: 'a1',
      body: 'Sorry about that, I will resend the invoice today.',
    });
    await agent.emitWithAck('note:add', {
      roomId,
      clientNoteId: 'n1',
      body: 'Long-standing customer: refund approved by Maria',
    });
    return { admin, chatbot, roomId, email, agent, visitor, visitorToken };
  }

  it('finds messages, private notes and the visitor by their words, highlighted', async () => {
    const chat = await conversation();

    const invoice = await searched(chat.admin, { q: 'invoice' }, 2);
    expect(invoice.map((result) => result.kind)).toEqual(['message', 'message']);
    for (const result of invoice) {
      expect(result.room).toMatchObject({ roomId: chat.roomId, status: 'active' });
      expect(result.highlights.join(' ')).toContain('<mark>invoice</mark>');
    }
    // The visitor's markup comes back as text, with only the marks as tags.
    const march = await found(chat.admin, { q: 'March' });
    expect(march).toHaveLength(1);
    expect(march[0].highlights).toEqual([
      'My invoice for <mark>March</mark> is missing &lt;b&gt;urgently&lt;&#x2F;b&gt;',
    ]);

    // Every word must be there: the agent's answer has "invoice" but not "March".
    expect((await found(chat.admin, { q: 'invoice march' })).map((r) => r.at)).toHaveLength(1);
    // Newest first by date: the agent's answer, then the visitor's question.
    const byDate = await found(chat.admin, { q: 'invoice', sort: 'date' });
    expect(byDate[0].highlights[0]).toContain('resend');
    expect(byDate[1].highlights[0]).toContain('March');

    const note = await searched(chat.admin, { q: 'refund approved' }, 1);
    expect(note[0]).toMatchObject({ kind: 'note', room: { roomId: chat.roomId } });
    expect(note[0].highlights[0]).toContain('<mark>refund</mark> <mark>approved</mark>');

    const byName = await searched(chat.admin, { q: 'quintana' }, 1);
    expect(byName[0]).toMatchObject({ kind: 'visitor', id: null, room: { roomId: chat.roomId } });
    expect(byName[0].highlights[0]).toBe('Rosa <mark>Quintana</mark>');
    const byEmail = await found(chat.admin, { q: chat.email.toUpperCase() });
    expect(byEmail.map((result) => result.kind)).toEqual(['visitor']);

    // Where the time went, for the browser's developer tools.
    const timed = await search(chat.admin, { q: 'invoice' }).expect(200);
    expect(timed.headers['server-timing']).toMatch(
      /^audience;dur=[\d.]+, engine;dur=[\d.]+, rooms;dur=[\d.]+$/,
    );
  });

  it('never reaches another tenant, whatever the filters name', async () => {
    const chat = await conversation();
    await searched(chat.admin, { q: 'invoice' }, 2);
    const other = await fixture.tenantWithChatbot();

    expect(await found(other.admin, { q: 'invoice' })).toEqual([]);
    expect(await found(other.admin, { q: 'invoice', chatbotId: chat.chatbot.id })).toEqual([]);
    expect(await found(other.admin, { q: chat.email })).toEqual([]);
    // A visitor's token is no agent's.
    const { visitorToken } = (await fixture.openSession(chat.chatbot).expect(201)).body as {
      visitorToken: string;
    };
    await request(fixture.chat.url)
      .get('/api/chat/search')
      .query({ q: 'invoice' })
      .set(bearer(visitorToken))
      .expect((response) => expect([401, 403]).toContain(response.status));
  });

  it('treats query syntax as words and refuses bad input by field', async () => {
    const chat = await conversation();
    await searched(chat.admin, { q: 'invoice' }, 2);

    // Read as syntax, each of these would match: as words, none is in any message.
    for (const q of ['invoice OR nothing', 'invoice AND (refund OR "x")', '*:*', '*', 'body:*']) {
      expect({ q, results: await found(chat.admin, { q }) }).toEqual({ q, results: [] });
    }
    // Brackets, slashes and quotes are punctuation, not errors.
    expect(await found(chat.admin, { q: '"invoice" [march] / ~ ^ \\ (' })).toHaveLength(1);

    const refused = async (query: Record<string, string | number>, field: string) => {
      const response = await search(chat.admin, query).expect(400);
      expect(JSON.stringify(response.body)).toContain(field);
    };
    await refused({}, 'q');
    await refused({ q: '   ' }, 'q');
    await refused({ q: 'x'.repeat(201) }, 'q');
    await refused({ q: 'invoice', sort: 'random' }, 'sort');
    await refused({ q: 'invoice', cursor: 'not-a-cursor' }, 'cursor');
    await refused({ q: 'invoice', status: 'deleted' }, 'status');
    await refused({ q: 'invoice', limit: 500 }, 'limit');
  });

  it('takes the history’s filters and pages through results with the cursor', async () => {
    const chat = await conversation();
    const second = (
      await fixture
        .openSession(chat.chatbot, { name: 'Tom Parcel', email: `tom.${uniqueSuffix()}@x.test` })
        .expect(201)
    ).body as { roomId: string; visitorToken: string };
    const tom = await fixture.visitor(second.visitorToken);
    await tom.emitWithAck('message:send', { clientMessageId: 't1', body: 'Where is my invoice?' });
    await searched(chat.admin, { q: 'invoice' }, 3);
    await chat.agent.emitWithAck('room:close', { roomId: chat.roomId, reason: 'resolved' });

    const closed = await eventually(async () => {
      const results = await found(chat.admin, { q: 'invoice', status: 'closed' });
      expect(results).toHaveLength(2);
      return results;
    });
    expect(new Set(closed.map((result) => result.room.roomId))).toEqual(new Set([chat.roomId]));
    const queued = await found(chat.admin, { q: 'invoice', status: 'queued' });
    expect(queued.map((result) => result.room.roomId)).toEqual([second.roomId]);
    expect(await found(chat.admin, { q: 'invoice', agentId: chat.admin.user.id })).toHaveLength(2);
    expect(await found(chat.admin, { q: 'invoice', from: '2999-01-01' })).toEqual([]);
    expect(await found(chat.admin, { q: 'invoice', priority: 'urgent' })).toEqual([]);

    // One at a time, every result once, in both orders.
    for (const sort of ['relevance', 'date']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = (
          await search(chat.admin, {
            q: 'invoice',
            sort,
            limit: 1,
            ...(cursor ? { cursor } : {}),
          }).expect(200)
        ).body as SearchPage;
        seen.push(...page.results.map((result) => `${result.room.roomId}:${result.id}`));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(3);
      expect(new Set(seen).size).toBe(3);
    }
  });

  it('narrows results to a label and to a rating, following the conversation as it gets them', async () => {
    const chat = await conversation();
    await searched(chat.admin, { q: 'invoice' }, 2);
    const labelId = await fixture.directory.label(chat.admin.tenant.id, 'VIP');
    await eventually(async () => {
      const known = await fixture.chat.db
        .collection('directory_labels')
        .findOne({ _id: labelId as never });
      expect(known?.deleted).toBe(false);
    });
    expect(await found(chat.admin, { q: 'invoice', label: labelId })).toEqual([]);

    await request(fixture.chat.url)
      .put(`/api/chat/rooms/${chat.roomId}/labels/${labelId}`)
      .set(bearer(chat.admin.accessToken))
      .expect(200);
    await searched(chat.admin, { q: 'invoice', label: labelId }, 2);
    expect(await found(chat.admin, { q: 'invoice', csat: 'none' })).toHaveLength(2);

    await chat.agent.emitWithAck('room:close', { roomId: chat.roomId, reason: 'resolved' });
    await request(fixture.chat.url)
      .post(`/api/chat/rooms/${chat.roomId}/csat`)
      .set(bearer(chat.visitorToken))
      .send({ rating: 5 })
      .expect(200);
    await searched(chat.admin, { q: 'invoice', csat: '4,5' }, 2);
    expect(await found(chat.admin, { q: 'invoice', csat: '1,2,none' })).toEqual([]);
    expect(await found(chat.admin, { q: 'invoice', csat: '5', label: labelId })).toHaveLength(2);
  });

  it('forgets a deleted conversation', async () => {
    const chat = await conversation();
    await searched(chat.admin, { q: 'refund' }, 1);
    await chat.agent.emitWithAck('room:close', { roomId: chat.roomId, reason: 'resolved' });
    await request(fixture.chat.url)
      .delete(`/api/chat/rooms/${chat.roomId}`)
      .set(bearer(chat.admin.accessToken))
      .expect(204);

    await searched(chat.admin, { q: 'refund' }, 0);
    await searched(chat.admin, { q: 'quintana' }, 0);
  });

  it('finds a contact by the name an agent gave it, and forgets an erased contact', async () => {
    const chat = await conversation('R. Q.');
    await searched(chat.admin, { q: 'refund' }, 1);
    const contact = await eventually(
      async () =>
        (
          await request(fixture.chat.url)
            .get('/api/chat/contacts')
            .query({ roomId: chat.roomId })
            .set(bearer(chat.admin.accessToken))
            .expect(200)
        ).body as { id: string },
    );
    await request(fixture.chat.url)
      .patch(`/api/chat/contacts/${contact.id}`)
      .set(bearer(chat.admin.accessToken))
      .send({ name: 'Rosalind Quimby' })
      .expect(200);

    const renamed = await searched(chat.admin, { q: 'Quimby' }, 1);
    expect(renamed[0]).toMatchObject({ kind: 'visitor', room: { roomId: chat.roomId } });
    expect(renamed[0].highlights[0]).toBe('Rosalind <mark>Quimby</mark>');

    await request(fixture.chat.url)
      .delete(`/api/chat/contacts/${contact.id}`)
      .set(bearer(chat.admin.accessToken))
      .expect(204);
    await searched(chat.admin, { q: 'Quimby' }, 0);
    await searched(chat.admin, { q: 'refund' }, 0);
  });

  it('answers 503 while the engine is down, chat goes on, and the index catches up after', async () => {
    const chat = await conversation();
    await searched(chat.admin, { q: 'invoice' }, 2);

    await relay.cut();
    try {
      const down = await search(chat.admin, { q: 'invoice' }).expect(503);
      expect(down.body).toMatchObject({ code: 'search_unavailable', statusCode: 503 });
      // Messages and notes go on while the engine is away.
      expect(
        await chat.visitor.emitWithAck('message:send', {
          clientMessageId: 'v2',
          body: 'The parcel tracking number is wrong too',
        }),
      ).toMatchObject({ seq: expect.any(Number) });
      await chat.agent.emitWithAck('note:add', {
        roomId: chat.roomId,
        clientNoteId: 'n2',
        body: 'Escalate the parcel to logistics',
      });
    } finally {
      await relay.restore();
    }

    const parcel = await searched(chat.admin, { q: 'parcel' }, 2);
    expect(parcel.map((result) => result.kind).sort()).toEqual(['message', 'note']);
  });

  it('rebuilds the index from the database with the reindex command', async () => {
    const chat = await conversation();
    await searched(chat.admin, { q: 'refund' }, 1);
    const before = Object.keys((await engine.indices.getAlias({ name: prefix })).body);

    const output = await runBuiltCommand(REINDEX, {
      MONGO_DB: fixture.chat.config.MONGO_DB,
      OPENSEARCH_URL: opensearchUrl.origin,
      SEARCH_INDEX_PREFIX: prefix,
    });

    expect(output).toMatch(/\d+ conversations, \d+ messages, \d+ notes into/);
    const after = Object.keys((await engine.indices.getAlias({ name: prefix })).body);
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(before);
    // Searchable at once: the new index was refreshed before searches moved to it.
    expect(await found(chat.admin, { q: 'refund' })).toHaveLength(1);
    expect(await found(chat.admin, { q: 'invoice' })).toHaveLength(2);
    expect(await found(chat.admin, { q: 'quintana' })).toHaveLength(1);
    // The indexer writes to the new index from now on.
    await chat.visitor.emitWithAck('message:send', { clientMessageId: 'v3', body: 'Kangaroo' });
    await searched(chat.admin, { q: 'kangaroo' }, 1);
  });
});
