/**
 * `npm run bench:search`: conversation search at scale. Writes `--messages` messages (1,000,000
 * by default) of `--tenants` tenants into a database of its own, announces them on Kafka as chat
 * does, and has the built chat service (its search indexer, in its own consumer group) index
 * them into an index of its own. Reports the indexing rate (first event sent to the last message
 * searchable), the latency of one- and two-word searches over the largest tenant, through
 * GET /api/chat/search as an agent and against the engine alone, and the lag from a message
 * sent to it being found while `--rate` messages a second are sent. Started by
 * scripts/bench/search.sh; removes its index and database at the end unless `--keep`.
 */
import { ChatroomCreatedV1, MessageSentV1 } from '@app/contracts';
import { startGroupAtTopicEnds, TestDirectory, TestTokenIssuer, testKafka } from '@app/testing';
import { Client } from '@opensearch-project/opensearch';
import { type Admin } from 'kafkajs';
import Redis from 'ioredis';
import { MongoClient } from 'mongodb';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { searchBody } from '../../apps/chat/src/search/search-query';
import { log, machine, runBenchmark, waitForQuietMachine, writeReport } from '../report';
import { type ChatProcess, startChat } from './chat-process';
import { measureLag } from './lag';
import { type Latencies, LatencyRecorder } from './latencies';
import { type BenchTenant, SearchFixture } from './fixture';
import { seededRandom } from './vocabulary';

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '1000000' },
    tenants: { type: 'string', default: '5' },
    rooms: { type: 'string', default: '20000' },
    'big-share': { type: 'string', default: '0.6' },
    queries: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '4' },
    rate: { type: 'string', default: '500' },
    'lag-seconds': { type: 'string', default: '60' },
    'index-timeout': { type: 'string', default: '3600' },
    mongo: { type: 'string', default: 'mongodb://127.0.0.1:27017/' },
    redis: { type: 'string', default: 'redis://127.0.0.1:6379/1' },
    opensearch: { type: 'string', default: 'http://127.0.0.1:9200' },
    out: { type: 'string', default: '.data/bench' },
    keep: { type: 'boolean', default: false },
  },
});
const messages = Number(args.messages);
const queries = Number(args.queries);

const run = randomBytes(3).toString('hex');
const names = {
  database: `bench_search_${run}`,
  group: `bench-search-${run}`,
  prefix: `bench-search-${run}`,
};

interface QueryFigures {
  apiCold: Latencies | null;
  apiWarm: Latencies | null;
  /** The API's own account of its warm searches (Server-Timing): audience, engine, rooms. */
  apiWarmSteps: Record<string, Latencies | null>;
  apiWarmConcurrent: Latencies | null;
  engineWarm: Latencies | null;
  /** Results on the first page (at most 20), averaged: how much each query found. */
  meanResults: number;
}

async function main(): Promise<void> {
  const mongo = await MongoClient.connect(args.mongo!);
  const redis = new Redis(args.redis!);
  const engine = new Client({ node: args.opensearch! });
  const producer = testKafka.producer();
  await producer.connect();
  const tokens = await TestTokenIssuer.start();
  let chat: ChatProcess | undefined;
  try {
    // Chat's groups (its own and the indexer's) read from the topics' ends: only this run's
    // events, not every event the machine's tests and earlier runs left in the topics.
    await startGroupAtTopicEnds(names.group);
    await startGroupAtTopicEnds(`${names.group}-search`);
    chat = await startChat(
      {
        ...tokens.env,
        MONGO_URL: args.mongo!,
        MONGO_DB: names.database,
        REDIS_URL: args.redis!,
        KAFKA_CONSUMER_GROUP: names.group,
        OPENSEARCH_URL: args.opensearch!,
        SEARCH_INDEX_PREFIX: names.prefix,
        SEARCH_INDEXER: 'on',
        KAFKAJS_NO_PARTITIONER_WARNING: '1',
      },
      `${args.out!}/search-${run}-chat.log`,
    );
    log(`chat started (${chat.url}), database ${names.database}, index ${names.prefix}`);
    const fixture = new SearchFixture(mongo.db(names.database), redis, producer);

    // The queried tenant is announced as a sign-up is, so that chat knows its agent later.
    const directory = new TestDirectory(tokens);
    const admin = await directory.signup('Bench Search');
    // Before the run's events: chat's consumer applies the directory behind whatever it reads.
    const agent = await directory.agent(admin);
    await waitForAgent(mongo, agent.user.id);
    const writeStarted = Date.now();
    const tenants = await fixture.writeRooms(
      admin.tenant.id,
      Number(args.tenants),
      Number(args.rooms),
      Number(args['big-share']),
    );
    await fixture.announceRooms(tenants);
    const events = await fixture.writeMessages(tenants, messages, (written) => {
      if (written % 50_000 === 0 || written === messages) log(`${written} messages written`);
    });
    const writeSeconds = (Date.now() - writeStarted) / 1000;
    log(`fixture written in ${writeSeconds.toFixed(0)} s; waiting for the rooms to be indexed`);
    await waitForCount(engine, { term: { kind: 'room' } }, Number(args.rooms) * 0.99, 600);
    await waitForQuietMachine();

    const indexing = await measureIndexing(engine, fixture, events);
    log(`indexing: ${JSON.stringify(indexing)}`);
    // Chat's own group applies the run's conversations too (a contact each): searches measured
    // while it still works through them would measure that backlog, not search.
    const chatCaughtUpSeconds = await waitForChatGroup(Number(args['index-timeout']));
    await waitForQuietMachine();

    const big = tenants[0]!;
    const random = seededRandom(7);
    const oneWord = Array.from({ length: queries }, () => fixture.vocabulary.queryWord(random));
    const twoWords = Array.from(
      { length: queries },
      () => `${fixture.vocabulary.queryWord(random)} ${fixture.vocabulary.queryWord(random)}`,
    );
    // Writing and indexing a million messages outlast an access token: the agent signs in again.
    agent.accessToken = directory.reissue(agent, 3600);
    const search = await phase('search', async () => ({
      oneWord: await measureQueries(engine, chat!.url, agent, big, oneWord),
      twoWords: await measureQueries(engine, chat!.url, agent, big, twoWords),
    }));
    log(
      `search: ${JSON.stringify(search, (key, value: unknown) => (key === 'worstMsBySecond' ? undefined : value))}`,
    );
    await waitForQuietMachine();

    const lag = await phase('lag', () =>
      measureLag({
        engine,
        fixture,
        db: mongo.db(names.database),
        alias: tenantAlias(big.id),
        rooms: big.rooms,
        rate: Number(args.rate),
        seconds: Number(args['lag-seconds']),
      }),
    );
    log(
      `lag: ${JSON.stringify(lag, (key, value: unknown) => (key === 'worstMsBySecond' ? undefined : value))}`,
    );

    const report = {
      at: new Date().toISOString(),
      machine: machine(),
      settings: {
        messages,
        tenants: tenants.length,
        rooms: tenants.reduce((sum, tenant) => sum + tenant.rooms.length, 0),
        queriedTenant: { rooms: big.rooms.length },
        queries,
        concurrency: Number(args.concurrency),
        rate: Number(args.rate),
        lagSeconds: Number(args['lag-seconds']),
        ...names,
      },
      fixtureWrittenSeconds: Math.round(writeSeconds),
      indexing,
      chatCaughtUpSeconds,
      search,
      lag,
    };
    writeReport(args.out!, 'search', report);
  } finally {
    await chat?.stop();
    if (!args.keep) {
      await engine.indices.delete({ index: `${names.prefix}-*` }, { ignore: [404] });
      await mongo.db(names.database).dropDatabase();
    }
    await Promise.all([
      producer.disconnect(),
      mongo.close(),
      engine.close(),
      redis.quit(),
      tokens.stop(),
    ]);
  }
}

/** A phase that fails is reported as failed, so that the figures of the others are kept. */
async function phase<T>(name: string, measure: () => Promise<T>): Promise<T | { failed: string }> {
  try {
    return await measure();
  } catch (error) {
    log(`${name} failed: ${(error as Error).message}`);
    return { failed: (error as Error).message };
  }
}

const tenantAlias = (tenantId: string) =>
  `${names.prefix}-t-${Buffer.from(tenantId).toString('hex')}`;

async function count(engine: Client, query: object): Promise<number> {
  const { body } = await engine.count({ index: names.prefix, body: { query } }, { ignore: [404] });
  return (body as { count?: number }).count ?? 0;
}

/**
 * Seconds until chat's own consumer group has read past every conversation the run announced: the
 * topic's ends now are the mark (what other work on the machine sends later does not count).
 */
async function waitForChatGroup(timeoutSeconds: number): Promise<number> {
  const admin = testKafka.admin();
  await admin.connect();
  try {
    // Of the run's events, chat's own group applies the conversations' (not the messages').
    const topics = [ChatroomCreatedV1.topic];
    const marks = await topicEnds(admin, topics);
    const started = Date.now();
    let lastLog = 0;
    for (;;) {
      const committed = await admin.fetchOffsets({ groupId: names.group, topics });
      const behind = committed.reduce(
        (sum, { topic, partitions }) =>
          sum +
          partitions.reduce(
            (short, { partition, offset }) =>
              short +
              Math.max(0, (marks.get(`${topic}:${partition}`) ?? 0) - Math.max(0, Number(offset))),
            0,
          ),
        0,
      );
      const seconds = Math.round((Date.now() - started) / 1000);
      if (behind === 0) {
        log(`chat's own group caught up after ${seconds} s`);
        return seconds;
      }
      if (seconds >= timeoutSeconds) throw new Error(`chat's own group still ${behind} behind`);
      if (seconds - lastLog >= 30) {
        log(`chat's own group: ${behind} events of the run not read after ${seconds} s`);
        lastLog = seconds;
      }
      await sleep(1000);
    }
  } finally {
    await admin.disconnect();
  }
}

async function topicEnds(admin: Admin, topics: string[]): Promise<Map<string, number>> {
  const ends = new Map<string, number>();
  for (const topic of topics)
    for (const { partition, high } of await admin.fetchTopicOffsets(topic))
      ends.set(`${topic}:${partition}`, Number(high));
  return ends;
}

async function waitForCount(
  engine: Client,
  query: object,
  target: number,
  timeoutSeconds: number,
): Promise<number> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let counted = 0;
  while (Date.now() < deadline) {
    counted = await count(engine, query);
    if (counted >= target) return counted;
    await sleep(1000);
  }
  return counted;
}

/**
 * Sends the messages' events and waits until the index counts them all: the rate is the
 * messages over the time from the first event sent to the last one counted (the index refreshes
 * every second, so counting adds at most a second).
 */
async function measureIndexing(
  engine: Client,
  fixture: SearchFixture,
  events: Awaited<ReturnType<SearchFixture['writeMessages']>>,
) {
  const started = Date.now();
  const sending = fixture.send(MessageSentV1.topic, events).then(() => Date.now() - started);
  const timeoutAt = started + Number(args['index-timeout']) * 1000;
  const progress: Array<{ second: number; indexed: number }> = [];
  let indexed = 0;
  while (Date.now() < timeoutAt) {
    await sleep(1000);
    indexed = await count(engine, { term: { kind: 'message' } });
    const second = Math.round((Date.now() - started) / 1000);
    if (progress.length === 0 || second - progress.at(-1)!.second >= 10)
      progress.push({ second, indexed });
    if (second % 30 === 0) log(`${indexed} of ${events.length} messages indexed after ${second} s`);
    if (indexed >= events.length) break;
  }
  const seconds = (Date.now() - started) / 1000;
  return {
    messages: events.length,
    indexed,
    complete: indexed >= events.length,
    sendingSeconds: Math.round((await sending) / 100) / 10,
    seconds: Math.round(seconds * 10) / 10,
    messagesPerSecond: Math.round(indexed / seconds),
    progress,
  };
}

/**
 * One kind of query, as an agent of the tenant (no supervisor: the join to the conversations'
 * audience is part of each query). Cold: each query's first run; warm: the same again, one at a
 * time then `--concurrency` at once; engine: the same request straight to the tenant's alias.
 */
async function measureQueries(
  engine: Client,
  chatUrl: string,
  agent: { accessToken: string; user: { id: string } },
  tenant: BenchTenant,
  texts: string[],
): Promise<QueryFigures> {
  let results = 0;
  // Where the API's time went, as its Server-Timing header says (warm, one at a time).
  const steps = new Map<string, LatencyRecorder>();
  const viaApi = async (text: string, recorder: LatencyRecorder, timed = false) => {
    const startedAt = Date.now();
    const begun = performance.now();
    const response = await fetch(`${chatUrl}/api/chat/search?q=${encodeURIComponent(text)}`, {
      headers: { authorization: `Bearer ${agent.accessToken}` },
    });
    const body = (await response.json()) as { results?: unknown[] };
    recorder.add(startedAt, performance.now() - begun);
    if (response.status !== 200)
      throw new Error(`search ${response.status}: ${JSON.stringify(body)}`);
    if (timed)
      for (const [step, ms] of serverTimings(response.headers.get('server-timing'))) {
        const stepRecorder = steps.get(step) ?? new LatencyRecorder();
        stepRecorder.add(startedAt, ms);
        steps.set(step, stepRecorder);
      }
    return body.results?.length ?? 0;
  };
  const viaEngine = async (text: string, recorder: LatencyRecorder) => {
    const body = searchBody({
      text,
      sort: 'relevance',
      filter: {},
      audience: { supervisor: false, teamIds: [], agentId: agent.user.id },
      after: null,
      limit: 20,
    });
    const startedAt = Date.now();
    const begun = performance.now();
    await engine.search({ index: tenantAlias(tenant.id), body });
    recorder.add(startedAt, performance.now() - begun);
  };
  const cold = new LatencyRecorder();
  for (const text of texts) results += await viaApi(text, cold);
  // The same query through the API and straight to the engine, one after the other: the two
  // meet the same state of the engine (merges after indexing, caches), so their gap is the API's.
  const warm = new LatencyRecorder();
  const alone = new LatencyRecorder();
  for (const text of texts) {
    await viaApi(text, warm, true);
    await viaEngine(text, alone);
  }
  const concurrent = new LatencyRecorder();
  const queue = [...texts];
  await Promise.all(
    Array.from({ length: Number(args.concurrency) }, async () => {
      for (let text = queue.shift(); text !== undefined; text = queue.shift())
        await viaApi(text, concurrent);
    }),
  );
  return {
    apiCold: cold.summary(),
    apiWarm: warm.summary(),
    apiWarmSteps: Object.fromEntries(
      [...steps].map(([step, recorder]) => [step, recorder.summary()]),
    ),
    apiWarmConcurrent: concurrent.summary(),
    engineWarm: alone.summary(),
    meanResults: Math.round((results / texts.length) * 10) / 10,
  };
}

/** `engine;dur=12.3, rooms;dur=4.5` as [step, ms] pairs. */
function serverTimings(header: string | null): Array<[string, number]> {
  if (!header) return [];
  return header.split(',').flatMap((entry): Array<[string, number]> => {
    const [name, ...params] = entry.trim().split(';');
    const duration = params.find((param) => param.trim().startsWith('dur='));
    return name && duration ? [[name, Number(duration.trim().slice(4))]] : [];
  });
}

/** Chat takes the agent's chats once it has the directory's announcement of them. */
async function waitForAgent(mongo: MongoClient, userId: string): Promise<void> {
  const agents = mongo.db(names.database).collection('directory_agents');
  for (let tries = 0; tries < 600; tries += 1) {
    const entry = await agents.findOne({ _id: userId as never });
    if (entry?.status === 'active') return;
    await sleep(100);
  }
  throw new Error('chat never applied the agent announcement');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

runBenchmark(main);
