import { eventually, uniqueSuffix } from '@app/testing';
import { IntercomFixture } from './intercom-fixture';

jest.setTimeout(120_000);

const settle = () => new Promise((resolve) => setTimeout(resolve, 2000));

describe('the Intercom bridge when Intercom limits or fails', () => {
  let fixture: IntercomFixture;

  beforeAll(async () => {
    fixture = await IntercomFixture.start({
      INTERCOM_TIMEOUT_MS: '1000',
      // Polling stays out of the way: these conversations are about forwarding.
      INTERCOM_POLL_QUIET_MS: '600000',
    });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  /** A visitor of a connected tenant writes; answers their email and socket. */
  async function visitorWrites(body: string) {
    const { chatbot } = await fixture.connectedTenant();
    const email = `faults-${uniqueSuffix()}@example.test`;
    const session = await fixture.chat.openSession(chatbot, { email }).expect(201);
    const visitor = await fixture.chat.visitor(session.body.visitorToken);
    await visitor.emitWithAck('message:send', { clientMessageId: 'v-1', body });
    return { email, visitor };
  }

  const startedFor = (email: string) =>
    eventually(
      () => {
        const found = fixture.intercom.conversationOf(email);
        if (!found) throw new Error(`no conversation for ${email} yet`);
        return found;
      },
      { timeoutMs: 30_000 },
    );

  it('waits out a 429 until X-RateLimit-Reset before calling again, then starts the conversation once', async () => {
    const { resetAt } = fixture.intercom.rateLimitNext(1, {
      resetInSeconds: 2,
      match: /^\/contacts\/search$/,
    });
    const calledFrom = fixture.intercom.requests.length;
    const { email } = await visitorWrites('Rate limited hello');
    const conversation = await startedFor(email);
    expect(conversation.source.body).toBe('Rate limited hello');

    const searches = fixture.intercom.requests
      .slice(calledFrom)
      .filter((call) => call.path === '/contacts/search');
    expect(searches[0].answered).toBe(429);
    // No call of any kind between the 429 and the window's reset.
    const afterLimit = fixture.intercom.requests
      .slice(calledFrom)
      .filter((call) => call.at > searches[0].at);
    expect(afterLimit.length).toBeGreaterThan(0);
    for (const call of afterLimit) expect(call.at).toBeGreaterThanOrEqual(resetAt * 1000);
    await settle();
    expect(
      [...fixture.intercom.conversations.values()].filter(
        (c) => c.contactId === conversation.contactId,
      ),
    ).toHaveLength(1);
  });

  it('honours Retry-After when Intercom sends one, beyond the wait taken in line', async () => {
    const { chatbot } = await fixture.connectedTenant();
    const email = `retry-after-${uniqueSuffix()}@example.test`;
    fixture.intercom.rateLimitNext(1, {
      resetInSeconds: 0,
      retryAfter: '6',
      match: /^\/contacts\/search$/,
    });
    const limitedFrom = Date.now();
    const session = await fixture.chat.openSession(chatbot, { email }).expect(201);
    const visitor = await fixture.chat.visitor(session.body.visitorToken);
    await visitor.emitWithAck('message:send', { clientMessageId: 'v-1', body: 'Later is fine' });
    await startedFor(email);
    const searches = fixture.intercom
      .calls('POST', '/contacts/search')
      .filter((call) => call.at >= limitedFrom);
    const limited = searches.find((call) => call.answered === 429)!;
    const next = searches.find((call) => call.at > limited.at)!;
    expect(next.at - limited.at).toBeGreaterThanOrEqual(6000);
  });

  it('tries a 5xx and a hung call again, and each message reaches Intercom once', async () => {
    fixture.intercom.failNext(2, 503, /^\/conversations$/);
    const { email, visitor } = await visitorWrites('Through the errors');
    const conversation = await startedFor(email);
    expect(
      fixture.intercom.calls('POST', '/conversations').filter((call) => call.answered === 503),
    ).toHaveLength(2);

    fixture.intercom.hangNext(1, new RegExp(`^/conversations/${conversation.id}/reply$`));
    await visitor.emitWithAck('message:send', { clientMessageId: 'v-2', body: 'After the hang' });
    await eventually(() =>
      expect(conversation.parts.map((part) => part.body)).toContain('<p>After the hang</p>'),
    );
    expect(
      fixture.intercom.calls('POST', `/conversations/${conversation.id}/reply`)[0].answered,
    ).toBe('hung');
    await settle();
    expect(conversation.parts.filter((part) => part.body === '<p>After the hang</p>')).toHaveLength(
      1,
    );
    expect(
      [...fixture.intercom.conversations.values()].filter(
        (found) => found.contactId === conversation.contactId,
      ),
    ).toHaveLength(1);
  });
});
