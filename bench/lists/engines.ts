/**
 * Compares MongoDB-protocol servers on the queries of a tenant's lists: one collection of rooms
 * for ten tenants, with the indexes the conversation list and the queue are read through; the
 * newest page of a tenant, its queue, an empty tenant's page, a count. Run against any server:
 * `node dist/bench/lists/engines.js mongodb://127.0.0.1:27017/ [rooms per tenant] [asks]`
 * (after `npx swc bench -d dist`); BENCHMARKS.md says how each engine was started.
 */
import { type Collection, MongoClient } from 'mongodb';
import { log, runBenchmark } from '../report';

const [url = 'mongodb://127.0.0.1:27017/', perTenantArg = '20000', asksArg = '20'] =
  process.argv.slice(2);
const perTenant = Number(perTenantArg);
const asks = Number(asksArg);
const TENANTS = 10;
const BATCH = 2000;

async function seed(rooms: Collection): Promise<number> {
  await rooms.createIndex({ tenantId: 1, createdAt: -1, _id: -1 });
  await rooms.createIndex({ tenantId: 1, status: 1, priorityRank: -1, queuedAt: 1, _id: 1 });
  const now = Date.now();
  const started = performance.now();
  for (let tenant = 0; tenant < TENANTS; tenant += 1) {
    for (let from = 0; from < perTenant; from += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, perTenant - from) }, (_, offset) => {
        const index = from + offset;
        const at = new Date(now - (perTenant - index) * 60_000);
        return {
          _id: `t${tenant}-${index}` as never,
          tenantId: `t${tenant}`,
          status: index % 200 === 1 ? 'queued' : 'closed',
          priorityRank: index % 4,
          createdAt: at,
          queuedAt: at,
          visitor: { name: `Visitor ${index}`, email: `visitor-${index}@example.test` },
          chatbotId: 'bench',
          agentId: null,
          closeReason: 'resolved',
        };
      });
      await rooms.insertMany(batch, { ordered: false });
    }
  }
  return Math.round((performance.now() - started) / 1000);
}

async function timed(ask: () => Promise<unknown>): Promise<{ p50Ms: number; maxMs: number }> {
  await ask();
  const ms: number[] = [];
  for (let index = 0; index < asks; index += 1) {
    const started = performance.now();
    await ask();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return { p50Ms: round(ms[Math.floor(asks / 2)]!), maxMs: round(ms.at(-1)!) };
}

async function main(): Promise<void> {
  const client = await MongoClient.connect(url);
  const rooms = client.db('bench_engines').collection('rooms');
  try {
    await rooms.drop().catch(() => undefined);
    const insertSeconds = await seed(rooms);
    log(`${TENANTS * perTenant} rooms written in ${insertSeconds} s`);
    const newest = { createdAt: -1, _id: -1 } as const;
    const report = {
      url: url.replace(/\/\/[^@/]*@/, '//***@'),
      rooms: TENANTS * perTenant,
      insertSeconds,
      newestPage: await timed(() =>
        rooms.find({ tenantId: 't3' }).sort(newest).limit(21).toArray(),
      ),
      queue: await timed(() =>
        rooms
          .find({ tenantId: 't3', status: 'queued' })
          .sort({ priorityRank: -1, queuedAt: 1, _id: 1 })
          .limit(51)
          .toArray(),
      ),
      emptyTenant: await timed(() =>
        rooms.find({ tenantId: 'nobody' }).sort(newest).limit(21).toArray(),
      ),
      countQueue: await timed(() => rooms.countDocuments({ tenantId: 't3', status: 'queued' })),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await rooms.drop().catch(() => undefined);
    await client.close();
  }
}

runBenchmark(main);
