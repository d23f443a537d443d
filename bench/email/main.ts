/**
 * `npm run bench:email`: notifications published to Kafka as a producer would, sent by the
 * email service of the running local stack to the local SMTP server. Reports mails/s sustained
 * and request→sent latency (the event's `occurredAt` to the `sentAt` of its `notification.sent`).
 * Started by scripts/bench/email.sh, which runs the stack.
 */
import { seal } from '@app/auth';
import { NotificationRequestedV1, NotificationSentV1 } from '@app/contracts';
import { build } from 'hdr-histogram-js';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { log, machine, runBenchmark, writeReport } from '../report';

const { values: args } = parseArgs({
  options: {
    mails: { type: 'string', default: '3000' },
    tenants: { type: 'string', default: '20' },
    brokers: { type: 'string', default: '127.0.0.1:9092' },
    // The services' NOTIFICATION_SEAL_KEY (the bench script passes the stack's own).
    'seal-key': { type: 'string' },
    'smtp-api': { type: 'string', default: 'http://127.0.0.1:1080' },
    out: { type: 'string', default: '.data/bench' },
  },
});
if (!args['seal-key'])
  throw new Error("--seal-key is required: the services' NOTIFICATION_SEAL_KEY");
const mails = Number(args.mails);
const IDLE_MAILS = 20;
const tenants = Array.from({ length: Number(args.tenants) }, (_, index) => `bench-tenant-${index}`);

const kafka = new Kafka({
  clientId: 'bench-email',
  brokers: args.brokers!.split(','),
  logLevel: logLevel.NOTHING,
});

/** A visitor's "an agent replied" mail: the most common kind, with a sealed link. */
function requestEvent(index: number) {
  const tenantId = tenants[index % tenants.length];
  return {
    id: randomUUID(),
    type: NotificationRequestedV1.type,
    version: 1,
    tenantId,
    occurredAt: new Date().toISOString(),
    payload: {
      notificationId: randomUUID(),
      kind: 'agent-reply',
      to: { email: `bench-${index}@example.test`, name: `Visitor ${index}` },
      tenantName: `Tenant ${tenantId}`,
      agentName: 'Alan',
      reply: 'Thanks for waiting: your order left the warehouse this morning.',
      conversationUrl: {
        sealed: seal(
          `https://parley.example/conversation/r${index}?token=t`,
          args['seal-key']!,
          'notification-link',
        ),
      },
    },
  };
}

async function main(): Promise<void> {
  const sent = new Map<string, { requestedAt: number; sentAt: number }>();
  const requested = new Map<string, number>();
  const consumer = kafka.consumer({ groupId: `bench-email-${randomUUID()}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topics: [NotificationSentV1.topic], fromBeginning: false });
  let allSent!: () => void;
  let done = new Promise<void>((resolve) => (allSent = resolve));
  let expected = 0;
  await consumer.run({
    eachMessage: async ({ message }) => {
      const event = JSON.parse(message.value!.toString()) as {
        payload: { notificationId: string; sentAt: string };
      };
      const requestedAt = requested.get(event.payload.notificationId);
      if (requestedAt === undefined) return;
      sent.set(event.payload.notificationId, {
        requestedAt,
        sentAt: Date.parse(event.payload.sentAt),
      });
      if (sent.size === expected) allSent();
    },
  });
  // The consumer starts at the end of the topic only once it has joined its group.
  await new Promise((resolve) => setTimeout(resolve, 3000));

  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  // One at a time first: the latency of a mail when nothing else is going on.
  const idle = build();
  for (let index = 0; index < IDLE_MAILS; index += 1) {
    const event = requestEvent(mails + index);
    requested.set(event.payload.notificationId, Date.parse(event.occurredAt));
    expected = sent.size + 1;
    done = new Promise<void>((resolve) => (allSent = resolve));
    await producer.send({
      topic: NotificationRequestedV1.topic,
      messages: [{ key: event.tenantId, value: JSON.stringify(event) }],
    });
    await done;
    const mail = sent.get(event.payload.notificationId)!;
    idle.recordValue(mail.sentAt - mail.requestedAt);
  }
  sent.clear();
  expected = mails;
  done = new Promise<void>((resolve) => (allSent = resolve));

  log(`publishing ${mails} notifications for ${tenants.length} tenants at once`);
  const started = Date.now();
  for (let from = 0; from < mails; from += 500) {
    const events = Array.from({ length: Math.min(500, mails - from) }, (_, offset) =>
      requestEvent(from + offset),
    );
    for (const event of events)
      requested.set(event.payload.notificationId, Date.parse(event.occurredAt));
    await producer.send({
      topic: NotificationRequestedV1.topic,
      messages: events.map((event) => ({ key: event.tenantId, value: JSON.stringify(event) })),
    });
  }
  const progress = setInterval(() => log(`${sent.size} of ${mails} sent`), 5000);
  await done;
  clearInterval(progress);
  const lastSent = Math.max(...[...sent.values()].map((mail) => mail.sentAt));
  const seconds = (lastSent - started) / 1000;

  const latency = build();
  for (const mail of sent.values())
    latency.recordValue(Math.max(0, mail.sentAt - mail.requestedAt));
  const smtpCount = (
    (await (await fetch(`${args['smtp-api']}/email`)).json()) as { to: { address: string }[] }[]
  ).filter((mail) => mail.to.some((to) => to.address.startsWith('bench-'))).length;

  const report = {
    at: new Date().toISOString(),
    machine: machine(),
    mails,
    tenants: tenants.length,
    seconds: Number(seconds.toFixed(1)),
    mailsPerSecond: Math.round(mails / seconds),
    /** One mail at a time, nothing else going on. */
    idleRequestToSentMs: {
      p50: idle.getValueAtPercentile(50),
      p99: idle.getValueAtPercentile(99),
      max: idle.maxValue,
    },
    /** The burst: every mail requested at once, so this is mostly the wait in line. */
    requestToSentMs: {
      p50: latency.getValueAtPercentile(50),
      p95: latency.getValueAtPercentile(95),
      p99: latency.getValueAtPercentile(99),
      max: latency.maxValue,
    },
    requestedInAll: mails + IDLE_MAILS,
    deliveredToSmtpServer: smtpCount,
  };
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  writeReport(args.out!, 'email', report);
}

runBenchmark(main);
