import { MessageSentV1 } from '@app/contracts';
import { redisFragment } from '@app/config';
import { eventually, type SignedIn } from '@app/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { redisKeys } from '../src/redis-keys';
import { messageSent, WebhooksFixture } from './webhooks-fixture';
import { WebhookReceiver } from './webhook-receiver';

const { REDIS_URL } = z.object(redisFragment()).parse(process.env);

describe('webhook delivery faults', () => {
  let fixture: WebhooksFixture;
  let admin: SignedIn;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    // The receiver's timeout is the real one (10 s).
    fixture = await WebhooksFixture.start();
  });
  afterAll(async () => {
    await Promise.all(receivers.map((receiver) => receiver.stop()));
    await fixture?.close();
  });
  beforeEach(async () => {
    admin = await fixture.directory.signup();
  });

  const start = async (...args: Parameters<typeof WebhookReceiver.start>) => {
    const receiver = await WebhookReceiver.start(...args);
    receivers.push(receiver);
    return receiver;
  };

  it('gives up on a hanging receiver after 10 s, while another endpoint gets the event at once', async () => {
    const hanging = await start(() => 'hang');
    const healthy = await start();
    const stuck = await fixture.endpoint(admin, hanging.url);
    const fine = await fixture.endpoint(admin, healthy.url);
    const api = fixture.api(admin.accessToken);
    const eventId = await fixture.publish(
      MessageSentV1,
      admin.tenant.id,
      messageSent(randomUUID(), 1),
    );

    await eventually(() =>
      expect(healthy.received.map((webhook) => webhook.json.id)).toEqual([eventId]),
    );
    await eventually(async () => {
      const log = await api.get(`/webhooks/${fine.id}/deliveries`).expect(200);
      expect(log.body.deliveries[0].status).toBe('delivered');
    });
    // The hanging receiver has the request and has not answered: its delivery is still open.
    await eventually(() => expect(hanging.received).toHaveLength(1));
    const open = await api.get(`/webhooks/${stuck.id}/deliveries`).expect(200);
    expect(open.body.deliveries[0]).toMatchObject({ status: 'pending', attempts: 0 });

    const [timedOut] = await eventually(
      async () => {
        const log = await api.get(`/webhooks/${stuck.id}/deliveries`).expect(200);
        expect(log.body.deliveries[0].error).toBe('timeout');
        return log.body.deliveries;
      },
      { timeoutMs: 30_000 },
    );
    expect(timedOut).toMatchObject({ status: 'pending', attempts: 1, responseStatus: null });
    expect(timedOut.durationMs).toBeGreaterThanOrEqual(10_000);
  }, 60_000);

  it('delivers an event whose entry in Redis was lost while the service was down', async () => {
    let up = false;
    const receiver = await start(() => (up ? 200 : 503));
    const endpoint = await fixture.endpoint(admin, receiver.url);
    const eventId = await fixture.publish(
      MessageSentV1,
      admin.tenant.id,
      messageSent(randomUUID(), 1),
    );
    await eventually(() => expect(receiver.received.length).toBeGreaterThan(0));

    // As a Redis that restarted without its data: the index of pending deliveries forgets this
    // one, which only the database still holds. It is searched again every second.
    await fixture.restart({ WEBHOOK_RECONCILE_MS: '1000' }, async () => {
      const redis = new Redis(REDIS_URL);
      try {
        const due = await redis.zrange(redisKeys.dueDeliveries, 0, -1);
        const ours = due.filter((member) => member.startsWith(`${admin.tenant.id}|`));
        expect(ours).toHaveLength(1);
        await redis.zrem(redisKeys.dueDeliveries, ...ours);
        const lines = await redis.keys(redisKeys.deliveryLine(endpoint.id, '*'));
        expect(lines).toHaveLength(1);
        await redis.del(...lines);
      } finally {
        redis.disconnect();
      }
    });
    up = true;

    await eventually(
      () => expect(receiver.accepted.map((hook) => hook.json.id)).toEqual([eventId]),
      {
        timeoutMs: 20_000,
      },
    );
  });

  it('deletes settled deliveries past their retention, and keeps one still pending', async () => {
    await fixture.restart({ WEBHOOK_RECONCILE_MS: '500', WEBHOOK_DELIVERY_RETENTION_MS: '3000' });
    const healthy = await start(() => 200);
    const failing = await start(() => 503);
    const kept = await fixture.endpoint(admin, healthy.url);
    const retried = await fixture.endpoint(admin, failing.url);
    await fixture.publish(MessageSentV1, admin.tenant.id, messageSent(randomUUID(), 1));
    const log = async (endpointId: string) =>
      (await fixture.api(admin.accessToken).get(`/webhooks/${endpointId}/deliveries`).expect(200))
        .body.deliveries as Array<{ status: string }>;
    await eventually(async () => expect((await log(kept.id))[0]?.status).toBe('delivered'));

    await eventually(async () => expect(await log(kept.id)).toEqual([]), { timeoutMs: 15_000 });
    expect((await log(retried.id)).map((delivery) => delivery.status)).toEqual(['pending']);
  });
});
