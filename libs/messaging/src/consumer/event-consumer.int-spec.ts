import { deadLetterTopic, defineEvent, type EventOf } from '@app/contracts';
import { kafkaFragment } from '@app/config';
import {
  closeRawProducer,
  eventually,
  produceRaw,
  type ProbeConfig,
  probeService,
  startTestService,
  type TestService,
  TopicProbe,
} from '@app/testing';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { KafkaAdminService } from '../kafka-admin.service';
import { OnEvent } from './on-event.decorator';

// A topic of this run's own, so that no earlier run's messages reach these handlers.
const runId = Array.from({ length: 8 }, () =>
  String.fromCharCode(97 + Math.floor(Math.random() * 26)),
).join('');
const ProbeHappened = defineEvent({
  type: `test.probe${runId}.happened`,
  version: 1,
  keyKind: 'tenant',
  payload: z.object({ label: z.string(), failTimes: z.number().int().min(0) }),
});

/** Counts calls per event id; fails an event's first `failTimes` calls. */
const calls = new Map<string, number>();

@Controller()
class ProbeController {
  @OnEvent(ProbeHappened)
  async onProbe(@Payload() event: EventOf<typeof ProbeHappened>): Promise<void> {
    const count = (calls.get(event.id) ?? 0) + 1;
    calls.set(event.id, count);
    if (count <= event.payload.failTimes) throw new Error(`planned failure ${count}`);
  }
}

function envelope(payload: { label: string; failTimes: number }, id = randomUUID()) {
  return {
    id,
    type: ProbeHappened.type,
    version: 1,
    tenantId: 'tenant-a',
    occurredAt: new Date().toISOString(),
    payload,
  };
}

describe('consuming events with @OnEvent', () => {
  let service: TestService<ProbeConfig>;
  let deadLetters: TopicProbe;

  beforeAll(async () => {
    const admin = new KafkaAdminService({ serviceName: 'test', kafka: loadKafka() });
    await admin.ensureTopics([ProbeHappened.topic, deadLetterTopic(ProbeHappened.topic)]);
    await admin.onModuleDestroy();
    [service, deadLetters] = await Promise.all([
      startTestService(probeService([ProbeController])),
      TopicProbe.start([deadLetterTopic(ProbeHappened.topic)]),
    ]);
  });

  afterAll(async () => {
    await Promise.all([service?.close(), deadLetters?.stop(), closeRawProducer()]);
  });

  it('parks a message that is not JSON on <topic>.dlq and goes on with the next one', async () => {
    await produceRaw(ProbeHappened.topic, 'tenant-a', 'this is not json');
    const next = envelope({ label: 'after garbage', failTimes: 0 });
    await produceRaw(ProbeHappened.topic, 'tenant-a', JSON.stringify(next));

    const parked = await deadLetters.waitFor((message) => message.value === 'this is not json');
    expect(parked.headers['dlq-reason']).toBe('invalid');
    expect(parked.headers['dlq-original-topic']).toBe(ProbeHappened.topic);
    await eventually(() => expect(calls.get(next.id)).toBe(1));
  });

  it('parks an event whose payload breaks the contract, naming the field', async () => {
    const broken = { ...envelope({ label: 'x', failTimes: 0 }), payload: { label: 42 } };
    await produceRaw(ProbeHappened.topic, 'tenant-a', JSON.stringify(broken));

    const parked = await deadLetters.waitFor((message) => message.value.includes(broken.id));
    expect(parked.headers['dlq-reason']).toBe('invalid');
    expect(parked.headers['dlq-detail']).toContain('payload.label');
    expect(calls.has(broken.id)).toBe(false);
  });

  it('retries a failing handler with backoff and processes the event once it succeeds', async () => {
    const flaky = envelope({ label: 'flaky', failTimes: 2 });
    await produceRaw(ProbeHappened.topic, 'tenant-a', JSON.stringify(flaky));

    await eventually(async () => {
      const marks = await service.db
        .collection('processed_events')
        .countDocuments({ _id: { $regex: flaky.id } } as never);
      expect(marks).toBe(1);
    });
    expect(calls.get(flaky.id)).toBe(3);
    expect(deadLetters.messages.some((message) => message.value.includes(flaky.id))).toBe(false);
  });

  it('parks an event whose handler keeps failing after the last try', async () => {
    const hopeless = envelope({ label: 'hopeless', failTimes: 99 });
    await produceRaw(ProbeHappened.topic, 'tenant-a', JSON.stringify(hopeless));

    const parked = await deadLetters.waitFor((message) => message.value.includes(hopeless.id));
    expect(parked.headers['dlq-reason']).toBe('handler-failed');
    expect(parked.headers['dlq-detail']).toContain('planned failure 4');
    expect(calls.get(hopeless.id)).toBe(4);
  });

  it('handles an event delivered twice only once', async () => {
    const twice = envelope({ label: 'twice', failTimes: 0 });
    await produceRaw(ProbeHappened.topic, 'tenant-a', JSON.stringify(twice));
    await eventually(() => expect(calls.get(twice.id)).toBe(1));
    const marker = envelope({ label: 'marker', failTimes: 0 });
    await produceRaw(ProbeHappened.topic, 'tenant-a', JSON.stringify(twice));
    await produceRaw(ProbeHappened.topic, 'tenant-a', JSON.stringify(marker));

    // Same key, same partition: once the marker is handled, the duplicate was seen before it.
    await eventually(() => expect(calls.get(marker.id)).toBe(1));
    expect(calls.get(twice.id)).toBe(1);
  });
});

function loadKafka() {
  return z.object(kafkaFragment('test')).parse(process.env);
}
