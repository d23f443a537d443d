import { unseal } from '@app/auth';
import {
  CsatRatedV1,
  type EventOf,
  NotificationRequestedV1,
  type RoomSummary,
} from '@app/contracts';
import { bearer, eventually, type SignedIn, type TestChatbot, TopicProbe } from '@app/testing';
import request from 'supertest';
import { ChatFixture, Inbox } from './chat-fixture';

jest.setTimeout(120_000);

type Rated = EventOf<typeof CsatRatedV1>;

describe('visitors rate resolved conversations (CSAT)', () => {
  let fixture: ChatFixture;
  let topics: TopicProbe;

  beforeAll(async () => {
    fixture = await ChatFixture.start();
    topics = await TopicProbe.start([CsatRatedV1.topic, NotificationRequestedV1.topic]);
  });

  afterAll(async () => {
    await topics?.stop();
    await fixture?.close();
  });

  /** A conversation an agent took, answered and closed with `reason`. */
  async function closedChat(
    reason: 'resolved' | 'stale' | null,
    tenant?: { admin: SignedIn; chatbot: TestChatbot },
  ) {
    const { admin, chatbot } = tenant ?? (await fixture.tenantWithChatbot());
    const { roomId, visitorToken } = (await fixture.openSession(chatbot).expect(201)).body as {
      roomId: string;
      visitorToken: string;
    };
    const agent = await fixture.agent(admin.accessToken);
    await agent.emitWithAck('room:join', { roomId });
    if (reason) await agent.emitWithAck('room:close', { roomId, reason });
    return { admin, chatbot, roomId, visitorToken, agent };
  }

  const rate = (roomId: string, token: string, body: object) =>
    request(fixture.chat.url).post(`/api/chat/rooms/${roomId}/csat`).set(bearer(token)).send(body);

  const ratingsOf = (roomId: string) =>
    topics.messages
      .filter((message) => message.topic === CsatRatedV1.topic)
      .map((message) => JSON.parse(message.value) as Rated)
      .filter((event) => event.payload.roomId === roomId);

  const summaryOf = async (admin: SignedIn, roomId: string) =>
    (
      await request(fixture.chat.url)
        .get(`/api/chat/rooms/${roomId}`)
        .set(bearer(admin.accessToken))
        .expect(200)
    ).body as RoomSummary;

  it('records the visitor’s rating, shows it to agents, and lets a later rating replace it', async () => {
    const { admin, roomId, visitorToken, agent } = await closedChat('resolved');
    const inbox = new Inbox(agent);

    const first = await rate(roomId, visitorToken, { rating: 2 }).expect(200);
    expect(first.body).toMatchObject({ rating: 2, comment: null, via: 'widget' });
    await inbox.waitForUpdate((update) => update.roomId === roomId && update.csat?.rating === 2);

    const second = await rate(roomId, visitorToken, {
      rating: 5,
      comment: '  Quick and kind.  ',
    }).expect(200);
    expect(second.body).toMatchObject({ rating: 5, comment: 'Quick and kind.' });
    expect(await summaryOf(admin, roomId)).toMatchObject({
      closeReason: 'resolved',
      csat: { rating: 5, comment: 'Quick and kind.', via: 'widget' },
    });

    const events = await eventually(() => {
      const found = ratingsOf(roomId);
      expect(found).toHaveLength(2);
      return found.sort((a, b) => a.payload.revision - b.payload.revision);
    });
    expect(events[0].payload).toMatchObject({
      revision: 1,
      rating: 2,
      hasComment: false,
      agentId: admin.user.id,
      teamId: null,
      replaces: null,
    });
    expect(events[1].payload).toMatchObject({
      revision: 2,
      rating: 5,
      hasComment: true,
      replaces: { rating: 2, agentId: admin.user.id, ratedAt: events[0].payload.ratedAt },
    });
    expect(events[1].id).not.toBe(events[0].id);
    // Comments stay in chat: the event only says there is one.
    expect(JSON.stringify(events[1])).not.toContain('Quick and kind');
  });

  it('refuses another room’s visitor, an agent, a room not resolved and bad values', async () => {
    const resolved = await closedChat('resolved');
    const other = await closedChat('resolved', resolved);
    const open = await closedChat(null, resolved);
    const stale = await closedChat('stale', resolved);

    expect(
      (await rate(resolved.roomId, other.visitorToken, { rating: 4 }).expect(403)).body.code,
    ).toBe('not_room_visitor');
    expect(
      (await rate(resolved.roomId, resolved.admin.accessToken, { rating: 4 }).expect(403)).body
        .code,
    ).toBe('not_room_visitor');
    await rate(resolved.roomId, 'not-a-token', { rating: 4 }).expect(401);
    await request(fixture.chat.url)
      .post(`/api/chat/rooms/${resolved.roomId}/csat`)
      .send({ rating: 4 })
      .expect(401);

    expect((await rate(open.roomId, open.visitorToken, { rating: 4 }).expect(409)).body.code).toBe(
      'room_not_resolved',
    );
    expect(
      (await rate(stale.roomId, stale.visitorToken, { rating: 4 }).expect(409)).body.code,
    ).toBe('room_not_resolved');

    for (const [body, field] of [
      [{ rating: 0 }, 'rating'],
      [{ rating: 6 }, 'rating'],
      [{ rating: 3.5 }, 'rating'],
      [{ rating: '5' }, 'rating'],
      [{}, 'rating'],
      [{ rating: 4, comment: 'x'.repeat(1001) }, 'comment'],
    ] as const) {
      const answer = await rate(resolved.roomId, resolved.visitorToken, body).expect(400);
      expect(answer.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
    }
    expect((await summaryOf(resolved.admin, resolved.roomId)).csat).toBeNull();
    expect(ratingsOf(resolved.roomId)).toEqual([]);
  });

  it('rates from the transcript email’s one-click links, and the thank-you page changes it', async () => {
    const { admin, roomId, visitorToken } = await closedChat('resolved');
    const transcript = await topics.waitFor((message) => {
      if (message.topic !== NotificationRequestedV1.topic) return false;
      const { payload } = JSON.parse(message.value) as EventOf<typeof NotificationRequestedV1>;
      return (
        payload.kind === 'conversation-transcript' &&
        message.key === admin.tenant.id &&
        // The probe room that showed chat knows the chatbot was resolved too: this room's mail
        // is the one whose transcript is empty of the probe's visitor.
        payload.to.email !== 'probe@example.test'
      );
    });
    const { payload } = JSON.parse(transcript.value) as EventOf<typeof NotificationRequestedV1>;
    if (payload.kind !== 'conversation-transcript' || !payload.rateUrl)
      throw new Error('no rating link');
    const link = new URL(
      unseal(
        payload.rateUrl.sealed,
        fixture.chat.config.NOTIFICATION_SEAL_KEY,
        'notification-link',
      ),
    );
    expect(link.pathname).toBe('/api/chat/csat');
    // Sealed: the room, the tenant and the visitor's token are not to be read off the link.
    for (const secret of [roomId, admin.tenant.id, visitorToken])
      expect(link.href).not.toContain(secret);
    const token = link.searchParams.get('token')!;

    const page = await request(fixture.chat.url)
      .get('/api/chat/csat')
      .query({ token, rating: 1 })
      .expect(200)
      .expect('Content-Type', /text\/html/);
    expect(page.text).toContain('Thank you for your rating');
    expect(page.text).toMatch(/value="1" checked/);
    expect((await summaryOf(admin, roomId)).csat).toMatchObject({ rating: 1, via: 'email' });

    const changed = await request(fixture.chat.url)
      .post('/api/chat/csat')
      .query({ token })
      .type('form')
      .send({ rating: '4', comment: 'The link picked 1 by mistake <b>sorry</b>' })
      .expect(200);
    expect(changed.text).toContain('&lt;b&gt;sorry&lt;/b&gt;');
    expect((await summaryOf(admin, roomId)).csat).toMatchObject({
      rating: 4,
      comment: 'The link picked 1 by mistake <b>sorry</b>',
    });

    await request(fixture.chat.url).get('/api/chat/csat').query({ token, rating: 9 }).expect(400);
    const forged = `${token.slice(0, -4)}AAAA`;
    await request(fixture.chat.url)
      .get('/api/chat/csat')
      .query({ token: forged, rating: 5 })
      .expect(400);
    expect((await summaryOf(admin, roomId)).csat?.rating).toBe(4);

    // A loop on the link: past 10 ratings in 10 minutes the page says so and nothing changes,
    // from the widget either.
    for (let rated = 2; rated < 10; rated++)
      await request(fixture.chat.url).get('/api/chat/csat').query({ token, rating: 5 }).expect(200);
    const held = await request(fixture.chat.url)
      .get('/api/chat/csat')
      .query({ token, rating: 2 })
      .expect(429);
    expect(held.text).toContain('Too many ratings');
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);
    await rate(roomId, visitorToken, { rating: 2 }).expect(429);
    expect((await summaryOf(admin, roomId)).csat?.rating).toBe(5);
  });

  it('mails no rating link for a conversation closed other than as resolved', async () => {
    const { admin } = await closedChat('stale');
    const mail = await topics.waitFor(
      (message) =>
        message.topic === NotificationRequestedV1.topic &&
        message.key === admin.tenant.id &&
        message.value.includes('"reason":"stale"'),
    );
    expect(mail.value).toContain('"conversation-transcript"');
    expect(mail.value).not.toContain('rateUrl');
  });

  it('filters the history by rating, `none` for the unrated', async () => {
    const tenant = await fixture.tenantWithChatbot();
    const happy = await closedChat('resolved', tenant);
    const unhappy = await closedChat('resolved', tenant);
    const unrated = await closedChat('resolved', tenant);
    await rate(happy.roomId, happy.visitorToken, { rating: 5 }).expect(200);
    await rate(unhappy.roomId, unhappy.visitorToken, { rating: 1 }).expect(200);

    const list = async (csat: string) =>
      (
        (
          await request(fixture.chat.url)
            .get('/api/chat/rooms')
            .query({ csat })
            .set(bearer(tenant.admin.accessToken))
            .expect(200)
        ).body.rooms as RoomSummary[]
      ).map((room) => room.roomId);

    expect(await list('5')).toEqual([happy.roomId]);
    expect(await list('1,2')).toEqual([unhappy.roomId]);
    expect(await list('4,5')).toEqual([happy.roomId]);
    const none = await list('none');
    expect(none).toContain(unrated.roomId);
    expect(none).not.toContain(happy.roomId);
    expect(await list('1,none')).toEqual(expect.arrayContaining([unhappy.roomId, unrated.roomId]));
    const bad = await request(fixture.chat.url)
      .get('/api/chat/rooms')
      .query({ csat: 'great' })
      .set(bearer(tenant.admin.accessToken))
      .expect(400);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: expect.stringMatching('csat') })]),
    );
  });
});
