import {
  eventually,
  startTestService,
  type SignedIn,
  type TestService,
  uniqueEmail,
} from '@app/testing';
import { randomUUID } from 'node:crypto';
import { type IntegrationsConfig } from '../src/integrations.config';
import { integrationsService } from '../src/integrations.service-definition';
import { ReviewsFixture } from './reviews-fixture';

describe('review invitations on close', () => {
  let fixture: ReviewsFixture;
  let admin: SignedIn;

  beforeAll(async () => {
    fixture = await ReviewsFixture.start();
  });
  afterAll(() => fixture?.close());
  beforeEach(async () => {
    admin = await fixture.signup();
  });

  it('invites the visitor of a conversation closed as resolved, once, by the conversation id', async () => {
    const business = await fixture.connect(admin);
    const { roomId, visitor } = await fixture.openRoom(admin, {
      name: 'Ana Example',
      email: uniqueEmail('ana'),
    });

    await fixture.closeRoom(admin, roomId);

    const sent = await fixture.invitationOf(admin, roomId, 'sent');
    expect(fixture.acceptedFor(roomId)).toHaveLength(1);
    expect(fixture.acceptedFor(roomId)[0]).toMatchObject({
      businessUnitId: business.businessUnitId,
      body: {
        consumerEmail: visitor.email,
        consumerName: 'Ana Example',
        referenceNumber: roomId,
        locale: 'en-US',
        senderName: 'Acme Support',
        replyTo: 'support@acme.example',
        serviceReviewInvitation: { templateId: business.templateId },
      },
    });
    expect(sent).toMatchObject({
      source: 'parley',
      attempts: 1,
      skipReason: null,
      recipient: `a•••@${visitor.email.split('@')[1]}`,
      sentAt: expect.any(String),
    });
    const { connection } = (await fixture.api(admin).get().expect(200)).body;
    expect(connection.health).toMatchObject({
      status: 'ok',
      lastSuccessAt: expect.any(String),
      tokenExpiresAt: expect.any(String),
    });
    // Once sent, the visitor's name and email are no longer kept.
    const stored = JSON.stringify(
      await fixture.service.service.db.collection('review_invitations').find().toArray(),
    );
    expect(stored).not.toContain(visitor.email);
    expect(
      await fixture.service.service.db.collection('review_visitors').countDocuments({ roomId }),
    ).toBe(0);
  });

  it('sends one invitation for duplicate closes and for the Intercom close of the same room', async () => {
    await fixture.connect(admin);
    const { roomId } = await fixture.openRoom(admin);

    const closes = [await fixture.closeRoom(admin, roomId), await fixture.closeRoom(admin, roomId)];
    const intercom = await fixture.intercomClosed(admin, {
      id: '363',
      roomId,
      email: uniqueEmail('bridged'),
    });
    await fixture.invitationOf(admin, roomId, 'sent');
    for (const close of closes) await fixture.handled('onRoomClosed', close);
    await fixture.handled('onIntercomClosed', intercom);

    expect(fixture.acceptedFor(roomId)).toHaveLength(1);
    expect(
      (await fixture.log(admin)).filter((entry) => entry.conversationId === roomId),
    ).toHaveLength(1);
  });

  it('sends one invitation when two replicas both read the close', async () => {
    await fixture.connect(admin);
    // A second replica on the same database, in a consumer group of its own: it reads every
    // event the first reads, as replicas do after a rebalance hands a batch over again.
    const second: TestService<IntegrationsConfig> = await startTestService(integrationsService, {
      ...fixture.service.tokenEnv,
      ...ReviewsFixture.settings(fixture.trustpilot),
      MONGO_DB: fixture.service.service.config.MONGO_DB,
    });
    try {
      const { roomId } = await fixture.openRoom(admin);
      const closes = await Promise.all([
        fixture.closeRoom(admin, roomId),
        fixture.closeRoom(admin, roomId),
      ]);

      await fixture.invitationOf(admin, roomId, 'sent');
      for (const close of closes) await fixture.handled('onRoomClosed', close);
      expect(fixture.acceptedFor(roomId)).toHaveLength(1);
    } finally {
      await second.close({ keepDatabase: true });
    }
  });

  it('invites the visitor of a room whose close was read before its opening', async () => {
    await fixture.connect(admin);
    const roomId = randomUUID();
    await fixture.handled('onRoomClosed', await fixture.closeRoom(admin, roomId));
    expect(await fixture.invitationOf(admin, roomId, 'skipped')).toMatchObject({
      skipReason: 'visitor_unknown',
    });

    const { visitor } = await fixture.openRoom(admin, undefined, roomId);

    await fixture.invitationOf(admin, roomId, 'sent');
    expect(fixture.acceptedFor(roomId)).toHaveLength(1);
    expect(fixture.acceptedFor(roomId)[0].body.consumerEmail).toBe(visitor.email);
  });

  it('invites nobody for a conversation closed other than as resolved, and forgets its visitor', async () => {
    await fixture.connect(admin);
    const { roomId } = await fixture.openRoom(admin);

    await fixture.handled('onRoomClosed', await fixture.closeRoom(admin, roomId, 'abandoned'));

    expect(await fixture.log(admin)).toEqual([]);
    expect(fixture.acceptedFor(roomId)).toEqual([]);
    expect(
      await fixture.service.service.db.collection('review_visitors').countDocuments({ roomId }),
    ).toBe(0);
  });

  it('with the rating switch on, invites for a 4 or 5 and skips a lower rating, saying why', async () => {
    await fixture.connect(admin, { onlyRatedFourOrFive: true });
    const happy = await fixture.openRoom(admin);
    const unhappy = await fixture.openRoom(admin);
    const ratedFirst = await fixture.openRoom(admin);

    await fixture.closeRoom(admin, happy.roomId);
    await fixture.closeRoom(admin, unhappy.roomId);
    await fixture.invitationOf(admin, happy.roomId, 'waiting_rating');
    await fixture.rate(admin, happy.roomId, 5);
    await fixture.rate(admin, unhappy.roomId, 2);
    // A rating read before its close (they come on different topics) counts as well.
    await fixture.handled('onRated', await fixture.rate(admin, ratedFirst.roomId, 4));
    await fixture.closeRoom(admin, ratedFirst.roomId);

    expect(await fixture.invitationOf(admin, happy.roomId, 'sent')).toMatchObject({ rating: 5 });
    expect(await fixture.invitationOf(admin, unhappy.roomId, 'skipped')).toMatchObject({
      rating: 2,
      skipReason: 'rated_below_4',
    });
    await fixture.invitationOf(admin, ratedFirst.roomId, 'sent');
    expect(fixture.acceptedFor(happy.roomId)).toHaveLength(1);
    expect(fixture.acceptedFor(unhappy.roomId)).toEqual([]);
  });

  it('invites the contact of a conversation closed in Intercom alone, keyed by the Intercom conversation', async () => {
    await fixture.connect(admin);
    const email = uniqueEmail('ivy');
    const conversationId = String(Math.floor(Math.random() * 1e9));

    await fixture.intercomClosed(admin, { id: conversationId, roomId: null, email, name: 'Ivy' });
    await fixture.intercomClosed(admin, { id: conversationId, roomId: null, email, name: 'Ivy' });
    const withoutEmail = await fixture.intercomClosed(admin, {
      id: `${conversationId}0`,
      roomId: null,
      email: null,
    });

    const sent = await fixture.invitationOf(admin, `intercom:${conversationId}`, 'sent');
    expect(sent.source).toBe('intercom');
    expect(fixture.acceptedFor(`intercom:${conversationId}`)).toHaveLength(1);
    expect(fixture.acceptedFor(`intercom:${conversationId}`)[0].body).toMatchObject({
      consumerEmail: email,
      consumerName: 'Ivy',
    });
    await fixture.handled('onIntercomClosed', withoutEmail);
    expect(
      await fixture.invitationOf(admin, `intercom:${conversationId}0`, 'skipped'),
    ).toMatchObject({
      skipReason: 'no_email',
      recipient: null,
    });
  });

  it('gets a new token when Trustpilot refuses the cached one, and sends once', async () => {
    const business = await fixture.connect(admin);
    const first = await fixture.openRoom(admin);
    await fixture.closeRoom(admin, first.roomId);
    await fixture.invitationOf(admin, first.roomId, 'sent');
    const tokensBefore = fixture.trustpilot.tokenRequests;

    fixture.trustpilot.revokeTokens();
    const second = await fixture.openRoom(admin);
    await fixture.closeRoom(admin, second.roomId);

    await fixture.invitationOf(admin, second.roomId, 'sent');
    expect(fixture.acceptedFor(second.roomId)).toHaveLength(1);
    expect(fixture.acceptedFor(second.roomId)[0].token).not.toBe(
      fixture.acceptedFor(first.roomId)[0].token,
    );
    expect(fixture.trustpilot.tokenRequests).toBe(tokensBefore + 1);
    const refused = fixture.trustpilot.requests.filter(
      (call) => call.path.includes(business.businessUnitId) && call.status === 401,
    );
    expect(refused).toHaveLength(1);
  });

  it('asks Trustpilot for one new token when replicas find the cached one refused at once', async () => {
    await fixture.connect(admin);
    const warm = await fixture.openRoom(admin);
    await fixture.closeRoom(admin, warm.roomId);
    await fixture.invitationOf(admin, warm.roomId, 'sent');
    const second: TestService<IntegrationsConfig> = await startTestService(integrationsService, {
      ...fixture.service.tokenEnv,
      ...ReviewsFixture.settings(fixture.trustpilot),
      MONGO_DB: fixture.service.service.config.MONGO_DB,
    });
    try {
      const tokensBefore = fixture.trustpilot.tokenRequests;
      fixture.trustpilot.revokeTokens();
      // Slow enough that every attempt finds the token refused while the first new one is asked.
      fixture.trustpilot.setTokenDelay(1000);
      const rooms = await Promise.all(Array.from({ length: 6 }, () => fixture.openRoom(admin)));
      await Promise.all(rooms.map(({ roomId }) => fixture.closeRoom(admin, roomId)));

      for (const { roomId } of rooms) await fixture.invitationOf(admin, roomId, 'sent');
      expect(fixture.trustpilot.tokenRequests).toBe(tokensBefore + 1);
      for (const { roomId } of rooms) expect(fixture.acceptedFor(roomId)).toHaveLength(1);
    } finally {
      fixture.trustpilot.setTokenDelay(0);
      await second.close({ keepDatabase: true });
    }
  });

  it('renews a token before it expires, so Trustpilot never sees an expired one', async () => {
    fixture.trustpilot.setTokenLife(2);
    try {
      const business = await fixture.connect(admin);
      const first = await fixture.openRoom(admin);
      await fixture.closeRoom(admin, first.roomId);
      await fixture.invitationOf(admin, first.roomId, 'sent');
      const firstToken = fixture.acceptedFor(first.roomId)[0].token;
      // Waits out the token's two seconds, as the stand-in counts them.
      await eventually(() => expect(fixture.trustpilot.isExpired(firstToken)).toBe(true));

      const second = await fixture.openRoom(admin);
      await fixture.closeRoom(admin, second.roomId);

      await fixture.invitationOf(admin, second.roomId, 'sent');
      expect(fixture.acceptedFor(second.roomId)[0].token).not.toBe(firstToken);
      expect(
        fixture.trustpilot.requests.filter(
          (call) => call.path.includes(business.businessUnitId) && call.status === 401,
        ),
      ).toEqual([]);
    } finally {
      fixture.trustpilot.setTokenLife(359_999);
    }
  });

  it('does nothing for a workspace without Trustpilot', async () => {
    const { roomId } = await fixture.openRoom(admin);
    await fixture.handled('onRoomClosed', await fixture.closeRoom(admin, roomId));
    await fixture.handled(
      'onIntercomClosed',
      await fixture.intercomClosed(admin, {
        id: randomUUID(),
        roomId: null,
        email: uniqueEmail(),
      }),
    );

    expect(await fixture.log(admin)).toEqual([]);
    expect((await fixture.api(admin).get().expect(200)).body).toEqual({ connection: null });
  });
});
