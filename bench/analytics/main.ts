/**
 * `npm run bench:analytics`: one tenant's month of events, generated like the integration test's
 * day (about a million messages by default), published to Kafka as the producers would and
 * rolled up by the analytics service of the running local stack. Reports events/s ingested
 * (first event published to the rollups consumer caught up) and the latency of the overview
 * over 7 and 30 days, the daily series and the agents over 30, the hourly series over 14, as an
 * admin's dashboard asks them. Started by
 * scripts/bench/analytics.sh, which runs the stack.
 */
import { build } from 'hdr-histogram-js';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { parseArgs } from 'node:util';
import { generateDay, type Published } from '../../apps/analytics/test/generated-day';
import { ROLLUP_EVENTS } from '../../apps/analytics/src/rollups/rollup-ingest.service';
import { groupLag } from '@app/messaging';
import { log, machine, runBenchmark, writeReport } from '../report';
import { refreshedToken, signUpWorkspace } from '../workspace';

const { values: args } = parseArgs({
  options: {
    days: { type: 'string', default: '30' },
    'rooms-per-day': { type: 'string', default: '5600' },
    queries: { type: 'string', default: '200' },
    brokers: { type: 'string', default: '127.0.0.1:9092' },
    tenant: { type: 'string', default: 'http://127.0.0.1:3001' },
    analytics: { type: 'string', default: 'http://127.0.0.1:3003' },
    group: { type: 'string', default: 'analytics-rollups' },
    out: { type: 'string', default: '.data/bench' },
    // The services' NOTIFICATION_SEAL_KEY, to open the sign-up's verification mail (the bench
    // script passes the stack's own).
    'seal-key': { type: 'string' },
  },
});
if (!args['seal-key'])
  throw new Error("--seal-key is required: the services' NOTIFICATION_SEAL_KEY");
const DAY_MS = 86_400_000;
const days = Number(args.days);
const roomsPerDay = Number(args['rooms-per-day']);

const kafka = new Kafka({
  clientId: 'bench-analytics',
  brokers: args.brokers!.split(','),
  logLevel: logLevel.NOTHING,
});

async function publish(events: Published[]): Promise<void> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  for (let start = 0; start < events.length; start += 5000) {
    const byTopic = new Map<string, Array<{ key: string; value: string }>>();
    for (const { topic, key, event } of events.slice(start, start + 5000)) {
      const messages = byTopic.get(topic) ?? [];
      messages.push({ key, value: JSON.stringify(event) });
      byTopic.set(topic, messages);
    }
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }
  await producer.disconnect();
}

/** Resolves once the rollups consumer group has committed the end of every rollup topic. */
async function caughtUp(): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const topics = ROLLUP_EVENTS.map((event) => event.topic);
  while ((await groupLag(admin, args.group!, topics)).some((topic) => topic.lag > 0))
    await new Promise((resolve) => setTimeout(resolve, 500));
  await admin.disconnect();
}

/**
 * One figure asked `count` times as an admin's dashboard asks it, after 10 unmeasured asks; the
 * very first ask (the one that finds no summary of the finished days yet) is reported apart.
 */
async function queryLatency(token: string, path: string, from: Date, to: Date, count: number) {
  const histogram = build();
  const separator = path.includes('?') ? '&' : '?';
  const url = `${args.analytics}/api/analytics/${path}${separator}from=${from.toISOString()}&to=${to.toISOString()}`;
  const ask = async () => {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { messages?: Record<string, number> };
  };
  const firstStarted = performance.now();
  const answer = await ask();
  const firstMs = Math.round(performance.now() - firstStarted);
  for (let index = 0; index < 10; index++) await ask();
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await ask();
    histogram.recordValue(Math.max(1, Math.round((performance.now() - started) * 1000)));
  }
  const ms = (percentile: number) => histogram.getValueAtPercentile(percentile) / 1000;
  const messages = Object.values(answer.messages ?? {}).reduce((sum, value) => sum + value, 0);
  log(
    `${path} over ${Math.round((to.getTime() - from.getTime()) / DAY_MS)} days: p99 ${ms(99)} ms`,
  );
  return {
    messages,
    firstMs,
    p50Ms: ms(50),
    p95Ms: ms(95),
    p99Ms: ms(99),
    maxMs: histogram.maxValue / 1000,
  };
}

async function main(): Promise<void> {
  const workspace = await signUpWorkspace(args.tenant!, args['seal-key']!, 'Bench Analytics');
  const { tenantId } = workspace;
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const firstDay = today - days * DAY_MS;
  const chatbots = ['bench-bot-1', 'bench-bot-2', 'bench-bot-3'];
  const agents = Array.from({ length: 12 }, (_, index) => `bench-agent-${index}`);
  const events: Published[] = [];
  for (let index = 0; index < days; index++)
    events.push(
      ...generateDay(tenantId, new Date(firstDay + index * DAY_MS), roomsPerDay, index + 1, {
        chatbots,
        agents,
      }).events,
    );
  // Messages of the last day's late conversations that fall after midnight are outside the range.
  const messages = events.filter(
    (published) =>
      published.topic.startsWith('chat.message.sent') &&
      Date.parse(published.event.occurredAt) < today,
  ).length;
  log(`${events.length} events (${messages} messages) for ${days} days; publishing`);

  const started = performance.now();
  await publish(events);
  const published = performance.now();
  log(`published in ${((published - started) / 1000).toFixed(1)} s; waiting for the rollups`);
  await caughtUp();
  const ingested = performance.now();
  const ingestSeconds = (ingested - started) / 1000;
  log(`rolled up in ${ingestSeconds.toFixed(1)} s; querying`);

  // Access tokens last 10 minutes; the roll-up takes longer.
  const token = await refreshedToken(args.tenant!, workspace);
  const end = new Date(today);
  const queries = Number(args.queries);
  const daysBack = (count: number) => new Date(today - count * DAY_MS);
  const month = await queryLatency(token, 'overview', new Date(firstDay), end, queries);
  const week = await queryLatency(token, 'overview', daysBack(7), end, queries);
  const dailySeries = await queryLatency(token, 'timeseries', new Date(firstDay), end, queries);
  // Hourly series span 14 days at most.
  const hourlySeries = await queryLatency(
    token,
    'timeseries?interval=hour',
    daysBack(14),
    end,
    queries,
  );
  const agentFigures = await queryLatency(token, 'agents', new Date(firstDay), end, queries);
  if (month.messages !== messages)
    throw new Error(`the overview counts ${month.messages} messages, ${messages} were published`);

  const report = {
    at: new Date().toISOString(),
    machine: machine(),
    command: `npm run bench:analytics -- ${process.argv.slice(2).join(' ')}`.trim(),
    events: events.length,
    messages,
    days,
    publishSeconds: Number(((published - started) / 1000).toFixed(1)),
    ingestSeconds: Number(ingestSeconds.toFixed(1)),
    eventsPerSecondIngested: Math.round(events.length / ingestSeconds),
    overview30Days: month,
    overview7Days: week,
    timeseriesDaily30Days: dailySeries,
    timeseriesHourly14Days: hourlySeries,
    agents30Days: agentFigures,
    queriesEach: Number(args.queries),
  };
  writeReport(args.out!, 'analytics', report);
}

runBenchmark(main);
