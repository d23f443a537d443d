import { type QueuePage } from '@app/contracts';
import { bearer, eventually } from '@app/testing';
import request from 'supertest';
import { ChatFixture, Inbox, SITE } from './chat-fixture';

jest.setTimeout(180_000);

describe('the queue under a flood of sessions', () => {
  let fixture: ChatFixture;

  beforeAll(async () => {
    // The flood is let through on purpose: this is what agents see if one gets past the limits.
    fixture = await ChatFixture.start({
      overrides: {
        WIDGET_SESSIONS_PER_ADDRESS_PER_10_MIN: '100000',
        WIDGET_SESSIONS_PER_CHATBOT_PER_MIN: '100000',
      },
    });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('lets agents reach every waiting visitor by paging, oldest first, with the right counts', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const flood: string[] = [];
    for (let batch = 0; batch < 23; batch += 1) {
      const opened = await Promise.all(
        Array.from({ length: 10 }, () => fixture.openSession(chatbot).expect(201)),
      );
      flood.push(...opened.map((answer) => answer.body.roomId as string));
    }
    const support = await fixture.directory.chatbot(admin.tenant.id, {
      name: 'Support',
      allowedOrigins: [SITE],
    });
    const real = await eventually(() =>
      fixture.openSession(support, { name: 'Real Visitor' }).expect(201),
    );
    const realRoom = real.body.roomId as string;

    const page = async (query: Record<string, string | number>) =>
      (
        await request(fixture.chat.url)
          .get('/api/chat/rooms/queue')
          .query(query)
          .set(bearer(admin.accessToken))
          .expect(200)
      ).body as QueuePage;

    const first = await page({});
    expect(first.rooms).toHaveLength(200);
    expect(first.total).toBe(231);
    expect(first.byChatbot).toEqual({ [chatbot.id]: 230, [support.id]: 1 });
    expect(first.nextCursor).toEqual(expect.any(String));

    const seen = [...first.rooms];
    for (let cursor = first.nextCursor; cursor;) {
      const next = await page({ cursor, limit: 7 });
      expect(next.total).toBe(231);
      seen.push(...next.rooms);
      cursor = next.nextCursor;
    }
    const ids = seen.map((room) => room.roomId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...flood, realRoom].sort());
    expect(ids.at(-1)).toBe(realRoom);
    const queuedAt = seen.map((room) => Date.parse(room.queuedAt!));
    expect(queuedAt).toEqual([...queuedAt].sort((a, b) => a - b));

    // The live queue tells the same count, so the inbox can say that more wait.
    const inbox = new Inbox(await fixture.agent(admin.accessToken));
    await eventually(() => expect(inbox.pages.at(-1)?.total).toBe(231));
  });

  it('answers 400 naming the cursor for one it did not make', async () => {
    const { admin } = await fixture.tenantWithChatbot();
    const answer = await request(fixture.chat.url)
      .get('/api/chat/rooms/queue')
      .query({ cursor: 'not-a-cursor' })
      .set(bearer(admin.accessToken))
      .expect(400);
    expect(answer.body.message).toContain('cursor');
  });
});
