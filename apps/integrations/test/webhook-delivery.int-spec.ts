import { CsatRatedV1, MessageSentV1, SlaBreachedV1 } from '@app/contracts';
import { eventually, type SignedIn } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { messageSent, WebhooksFixture } from './webhooks-fixture';
import { verifiesWith, WebhookReceiver } from './webhook-receiver';

describe('webhook delivery', () => {
  let fixture: WebhooksFixture;
  let admin: SignedIn;
  const receivers: WebhookReceiver[] = [];

  const receiver = async (...args: Parameters<typeof WebhookReceiver.start>) => {
    const started = await WebhookReceiver.start(...args);
    receivers.push(started);
    return started;
  };

  beforeAll(async () => {
    // A delivery is retried for 3 s: long enough for a receiver that recovers, short enough to
    // see deliveries fail for good.
    fixture = await WebhooksFixture.start({ WEBHOOK_RETRY_WINDOW_MS: '3000' });
  });
  afterAll(async () => {
    await Promise.all(receivers.map((started) => started.stop()));
    await fixture?.close();
  });
  beforeEach(async () => {
    admin = await fixture.directory.signup();
  });

  it('delivers a tenant’s event signed, as a versioned document the receiver can verify', async () => {
    const hooks = await receiver();
    const { id, secret } = await fixture.endpoint(admin, hooks.url, ['chat.message.sent.v1']);
    const roomId = randomUUID();
    const payload = messageSent(roomId, 1);
    const eventId = await fixture.publish(MessageSentV1, admin.tenant.id, payload);

    const [webhook] = await eventually(() => {
      expect(hooks.received).toHaveLength(1);
      return hooks.received;
    });
    expect(webhook.json).toEqual({
      id: eventId,
      type: 'chat.message.sent.v1',
      version: 1,
      tenantId: admin.tenant.id,
      occurredAt: expect.any(String),
      data: payload,
    });
    expect(webhook.headers['parley-webhook-id']).toBe(eventId);
    const signedAt = Number(webhook.headers['parley-webhook-timestamp']);
    expect(Math.abs(signedAt - Date.now() / 1000)).toBeLessThan(300);
    expect(webhook.headers['parley-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifiesWith(secret, webhook)).toBe(true);
    expect(verifiesWith('whsec_someone-else', webhook)).toBe(false);

    const log = await eventually(async () => {
      const page = await fixture.api(admin.accessToken).get(`/webhooks/${id}/deliveries`);
      expect(page.body.deliveries[0]?.status).toBe('delivered');
      return page.body;
    });
    expect(log.deliveries[0]).toMatchObject({
      webhookId: eventId,
      type: 'chat.message.sent.v1',
      attempts: 1,
      responseStatus: 200,
      responseExcerpt: `thanks for ${eventId}`,
      error: null,
      latencyMs: expect.any(Number),
    });
  });

  it('sends an endpoint no event that occurred before it was added, however late it is read', async () => {
    const hooks = await receiver();
    const before = new Date(Date.now() - 1000);
    const { id } = await fixture.endpoint(admin, hooks.url, ['chat.message.sent.v1']);
    const roomId = randomUUID();
    await fixture.publish(MessageSentV1, admin.tenant.id, messageSent(roomId, 1), before);
    const after = await fixture.publish(MessageSentV1, admin.tenant.id, messageSent(roomId, 2));

    await eventually(() =>
      expect(hooks.received.map((webhook) => webhook.json.id)).toEqual([after]),
    );
    // Fanned out in its order, the earlier event would be in the log by now, had it been sent.
    const log = await fixture.api(admin.accessToken).get(`/webhooks/${id}/deliveries`).expect(200);
    expect(
      log.body.deliveries.map((delivery: { webhookId: string }) => delivery.webhookId),
    ).toEqual([after]);
  });

  it('sends only the event types an endpoint chose, and only its own workspace’s', async () => {
    const chosen = await receiver();
    const everything = await receiver();
    const { id } = await fixture.endpoint(admin, chosen.url, [
      'chat.csat.rated.v1',
      'chat.sla.breached.v1',
    ]);
    await fixture.endpoint(admin, everything.url, ['*']);
    const other = await fixture.directory.signup();
    const roomId = randomUUID();
    const message = await fixture.publish(MessageSentV1, admin.tenant.id, messageSent(roomId, 1));
    // Another workspace's rating under the same key: read before this workspace's own.
    await fixture.publish(CsatRatedV1, other.tenant.id, csatRated(roomId));
    const breach = await fixture.publish(SlaBreachedV1, admin.tenant.id, slaBreached(roomId));
    const rating = await fixture.publish(CsatRatedV1, admin.tenant.id, csatRated(roomId));

    await eventually(() =>
      expect(new Set(chosen.received.map((webhook) => webhook.json.id))).toEqual(
        new Set([breach, rating]),
      ),
    );
    // The message reached the endpoint that takes everything: its deliveries were all made then.
    await eventually(() =>
      expect(everything.received.map((webhook) => webhook.json.id)).toContain(message),
    );
    const log = await fixture.api(admin.accessToken).get(`/webhooks/${id}/deliveries`).expect(200);
    expect(
      log.body.deliveries.map((delivery: { webhookId: string }) => delivery.webhookId).sort(),
    ).toEqual([breach, rating].sort());
    expect(chosen.received.every((webhook) => webhook.json.tenantId === admin.tenant.id)).toBe(
      true,
    );
    const rated = chosen.received.find((webhook) => webhook.json.id === rating)!;
    expect(rated.json.data).toMatchObject({ rating: 5, hasComment: true });
    expect(rated.json.data).not.toHaveProperty('comment');
  });

  it('signs with both secrets during a rotation’s overlap, the new one first', async () => {
    const hooks = await receiver();
    const { id, secret: old } = await fixture.endpoint(admin, hooks.url);
    const rotated = await fixture
      .api(admin.accessToken)
      .post(`/webhooks/${id}/rotate-secret`)
      .expect(200);
    await fixture.api(admin.accessToken).post(`/webhooks/${id}/test`).expect(202);

    const [webhook] = await eventually(() => {
      expect(hooks.received).toHaveLength(1);
      return hooks.received;
    });
    const signatures = String(webhook.headers['parley-signature']).split(' ');
    expect(signatures).toHaveLength(2);
    const alone = (signature: string) => ({
      ...webhook,
      headers: { ...webhook.headers, 'parley-signature': signature },
    });
    expect(verifiesWith(rotated.body.secret, alone(signatures[0]))).toBe(true);
    expect(verifiesWith(old, alone(signatures[1]))).toBe(true);
  });

  it('sends a parley.test.v1 event on request and logs it', async () => {
    const hooks = await receiver();
    const { id, secret } = await fixture.endpoint(admin, hooks.url, ['chat.csat.rated.v1']);
    const queued = await fixture.api(admin.accessToken).post(`/webhooks/${id}/test`).expect(202);
    expect(queued.body).toMatchObject({ type: 'parley.test.v1', status: 'pending' });

    await eventually(() => expect(hooks.received).toHaveLength(1));
    expect(hooks.received[0].json).toMatchObject({
      id: queued.body.webhookId,
      type: 'parley.test.v1',
      tenantId: admin.tenant.id,
      data: { endpointId: id },
    });
    expect(verifiesWith(secret, hooks.received[0])).toBe(true);
    await eventually(async () => {
      const log = await fixture.api(admin.accessToken).get(`/webhooks/${id}/deliveries`);
      expect(log.body.deliveries[0]).toMatchObject({ id: queued.body.id, status: 'delivered' });
    });
  });

  it('holds back a loop of test events: the 11th in a minute gets 429, another endpoint is not held', async () => {
    const hooks = await receiver();
    const looped = await fixture.endpoint(admin, hooks.url);
    const other = await fixture.endpoint(admin, hooks.url);
    const api = fixture.api(admin.accessToken);
    for (let sent = 0; sent < 10; sent++) await api.post(`/webhooks/${looped.id}/test`).expect(202);

    const refused = await api.post(`/webhooks/${looped.id}/test`).expect(429);
    expect(refused.body.code).toBe('webhook_rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await api.post(`/webhooks/${other.id}/test`).expect(202);
    await eventually(() => expect(hooks.received).toHaveLength(11));
  });

  it('gets every event through a receiver that fails, then recovers: in order per conversation, none lost', async () => {
    // Down for its first 6 requests, then up.
    const hooks = await receiver((_webhook, index) => (index < 6 ? 500 : 200));
    await fixture.endpoint(admin, hooks.url, ['chat.message.sent.v1']);
    const rooms = [randomUUID(), randomUUID()];
    const published: Record<string, string[]> = { [rooms[0]]: [], [rooms[1]]: [] };
    for (let seq = 1; seq <= 5; seq++)
      for (const roomId of rooms)
        published[roomId].push(
          await fixture.publish(MessageSentV1, admin.tenant.id, messageSent(roomId, seq)),
        );

    await eventually(() => expect(hooks.accepted).toHaveLength(10), { timeoutMs: 30_000 });
    expect(hooks.received.filter((webhook) => webhook.answered === 500).length).toBe(6);
    for (const roomId of rooms)
      expect(
        hooks.accepted
          .filter((webhook) => webhook.json.data.roomId === roomId)
          .map((webhook) => webhook.json.id),
      ).toEqual(published[roomId]);
  });

  it('replays one delivery, with the same id, and all failed ones once the receiver is back', async () => {
    let up = false;
    const hooks = await receiver(() => (up ? 200 : 503));
    const { id } = await fixture.endpoint(admin, hooks.url, ['chat.message.sent.v1']);
    const roomId = randomUUID();
    const first = await fixture.publish(MessageSentV1, admin.tenant.id, messageSent(roomId, 1));
    const second = await fixture.publish(MessageSentV1, admin.tenant.id, messageSent(roomId, 2));
    const api = fixture.api(admin.accessToken);
    // Retried for the 3 s window, then failed for good.
    const failed = await eventually(
      async () => {
        const log = await api.get(`/webhooks/${id}/deliveries?status=failed`).expect(200);
        expect(log.body.deliveries).toHaveLength(2);
        return log.body.deliveries as Array<{
          id: string;
          webhookId: string;
          attempts: number;
        }>;
      },
      { timeoutMs: 20_000 },
    );
    // The second waited behind the first (one conversation), and was tried once it failed.
    const byId = new Map(failed.map((delivery) => [delivery.webhookId, delivery]));
    expect(byId.get(first)!.attempts).toBeGreaterThan(1);
    for (const delivery of failed)
      expect(delivery).toMatchObject({ responseStatus: 503, responseExcerpt: 'receiver is down' });

    up = true;
    const replayed = await api.post(`/webhooks/${id}/replay-failed`).expect(202);
    expect(replayed.body).toEqual({ replayed: 2 });
    await eventually(() =>
      expect(hooks.accepted.map((webhook) => webhook.json.id)).toEqual([first, second]),
    );

    const one = failed.find((delivery) => delivery.webhookId === second)!;
    await api.post(`/webhooks/${id}/deliveries/${one.id}/replay`).expect(202);
    await eventually(() =>
      expect(hooks.accepted.map((webhook) => webhook.json.id)).toEqual([first, second, second]),
    );
    await api.post(`/webhooks/${id}/deliveries/${randomUUID()}/replay`).expect(404);
  });
});

function csatRated(roomId: string) {
  return {
    roomId,
    chatbotId: 'chatbot-1',
    revision: 1,
    rating: 5 as const,
    hasComment: true,
    via: 'widget' as const,
    agentId: null,
    teamId: null,
    closedAt: new Date().toISOString(),
    ratedAt: new Date().toISOString(),
    replaces: null,
  };
}

function slaBreached(roomId: string) {
  return {
    roomId,
    chatbotId: 'chatbot-1',
    kind: 'first_response' as const,
    policyId: 'policy-1',
    dueAt: new Date().toISOString(),
    breachedAt: new Date().toISOString(),
    priority: 'normal' as const,
    teamId: null,
    category: null,
    agentId: null,
    escalation: { action: 'none' as const },
  };
}
