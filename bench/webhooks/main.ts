/**
 * `npm run bench:webhooks`: outgoing webhooks. Starts the built integrations service as a
 * process of its own (a database and consumer group of its own), registers `--endpoints`
 * endpoints of one tenant at a local receiver, and measures (1) throughput: `--burst` events
 * published at once, deliveries per second from the first event sent to the last delivered;
 * (2) latency: `--rate` events a second for `--seconds` seconds, the time from each event's
 * `occurredAt` to its arrival at the receiver (p50/p95/p99). Events are spread over `--rooms`
 * conversations (a conversation's deliveries go one after another). Started by
 * scripts/bench/webhooks.sh; drops its database at the end.
 */
import { startGroupAtTopicEnds, TestDirectory, TestTokenIssuer } from '@app/testing';
import { MongoClient } from 'mongodb';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { log, machine, runBenchmark, waitForQuietMachine, writeReport } from '../report';
import { LatencyRecorder } from '../search/latencies';
import { type ServiceProcess, startBuiltService } from '../service-process';
import { EventSource } from './event-source';
import { BenchReceiver } from './receiver';

const { values: args } = parseArgs({
  options: {
    burst: { type: 'string', default: '20000' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    rooms: { type: 'string', default: '2000' },
    endpoints: { type: 'string', default: '1' },
    mongo: { type: 'string', default: 'mongodb://127.0.0.1:27017/' },
    redis: { type: 'string', default: 'redis://127.0.0.1:6379/1' },
    out: { type: 'string', default: '.data/bench' },
  },
});
const burst = Number(args.burst);
const rate = Number(args.rate);
const seconds = Number(args.seconds);
const endpoints = Number(args.endpoints);

const run = randomBytes(3).toString('hex');
const names = { database: `bench_webhooks_${run}`, group: `bench-webhooks-${run}` };

/** Waits until the receiver has every id (each endpoint gets each event: counted once). */
async function delivered(receiver: BenchReceiver, ids: string[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (ids.some((id) => !receiver.latencyMs.has(id))) {
    if (Date.now() > deadline) {
      const missing = ids.filter((id) => !receiver.latencyMs.has(id)).length;
      throw new Error(`${missing} of ${ids.length} events not delivered in ${timeoutMs} ms`);
    }
    await sleep(50);
  }
}

async function main(): Promise<void> {
  const tokens = await TestTokenIssuer.start();
  const receiver = await BenchReceiver.start();
  let service: ServiceProcess | undefined;
  let source: EventSource | undefined;
  const mongo = await MongoClient.connect(args.mongo);
  try {
    await startGroupAtTopicEnds(names.group);
    await startGroupAtTopicEnds(`${names.group}-webhooks`);
    service = await startBuiltService(
      'integrations',
      {
        ...tokens.env,
        MONGO_URL: args.mongo,
        MONGO_DB: names.database,
        REDIS_URL: args.redis,
        KAFKA_CONSUMER_GROUP: names.group,
        WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
      },
      `.data/bench/logs/integrations-${run}.log`,
    );
    const directory = new TestDirectory(tokens);
    const admin = await directory.signup('Bench Webhooks');
    for (let index = 0; index < endpoints; index++) {
      const created = await fetch(`${service.url}/api/integrations/webhooks`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${admin.accessToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ url: `${receiver.url}/${index}`, events: ['chat.message.sent.v1'] }),
      });
      if (created.status !== 201)
        throw new Error(`endpoint: ${created.status} ${await created.text()}`);
    }
    source = await EventSource.start(admin.tenant.id, Number(args.rooms));
    // Warm-up: connections, the consumer's partitions.
    await delivered(receiver, await source.send(50), 60_000);
    log(`waited ${await waitForQuietMachine()} s for a quiet machine`);

    log(`throughput: ${burst} events at once`);
    const burstStarted = Date.now();
    const burstIds: string[] = [];
    for (let sent = 0; sent < burst; sent += 1000)
      burstIds.push(...(await source.send(Math.min(1000, burst - sent))));
    await delivered(receiver, burstIds, 30 * 60_000);
    const lastArrival = Math.max(...burstIds.map((id) => receiver.firstArrivalAt.get(id)!));
    const burstSeconds = (lastArrival - burstStarted) / 1000;
    log(`waited ${await waitForQuietMachine()} s for a quiet machine`);

    log(`latency: ${rate} events/s for ${seconds} s`);
    const paced: string[] = [];
    const tickMs = 50;
    const perTick = rate / (1000 / tickMs);
    const pacedStarted = Date.now();
    let owed = 0;
    for (let tick = 0; Date.now() - pacedStarted < seconds * 1000; tick++) {
      owed += perTick;
      const count = Math.floor(owed);
      owed -= count;
      if (count > 0) paced.push(...(await source.send(count)));
      const next = pacedStarted + (tick + 1) * tickMs;
      await sleep(Math.max(0, next - Date.now()));
    }
    const sendSeconds = (Date.now() - pacedStarted) / 1000;
    await delivered(receiver, paced, 5 * 60_000);
    const latencies = new LatencyRecorder();
    for (const id of paced)
      latencies.add(receiver.firstArrivalAt.get(id)!, receiver.latencyMs.get(id)!);

    const report = {
      at: new Date().toISOString(),
      machine: machine(),
      settings: { burst, rate, seconds, rooms: Number(args.rooms), endpoints },
      throughput: {
        events: burst,
        seconds: Math.round(burstSeconds * 10) / 10,
        deliveriesPerSecond: Math.round((burst * endpoints) / burstSeconds),
      },
      latency: {
        events: paced.length,
        achievedRate: Math.round(paced.length / sendSeconds),
        eventToDeliveryMs: latencies.summary(),
      },
      duplicates: receiver.duplicates,
    };
    writeReport(args.out!, 'webhooks', report);
  } finally {
    await source?.stop();
    await service?.stop();
    await receiver.stop();
    await mongo
      .db(names.database)
      .dropDatabase()
      .catch(() => undefined);
    await Promise.all([mongo.close(), tokens.stop()]);
  }
}

runBenchmark(main);
