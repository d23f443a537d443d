/**
 * `npm run bench:lists`: every list a dashboard pages through, for a workspace that has grown to
 * 100,000 rows of each kind on a platform of ten such workspaces. Seeds the workspaces (signed
 * up through the API, their rows written straight to the databases), then asks each list
 * through nginx as the dashboard does and reports its latency (p50, p99, max; the first ask
 * apart), and the same for a new workspace with no rows. Started by scripts/bench/lists.sh,
 * which runs the stack.
 */
import { build } from 'hdr-histogram-js';
import Redis from 'ioredis';
import { MongoClient } from 'mongodb';
import { parseArgs } from 'node:util';
import { call } from '../chat/http';
import { log, machine, runBenchmark, waitForQuietMachine, writeReport } from '../report';
import { refreshedToken, signUpWorkspace, type Workspace } from '../workspace';
import { seedWorkspace } from './seed';

const { values: args } = parseArgs({
  options: {
    tenants: { type: 'string', default: '10' },
    rows: { type: 'string', default: '100000' },
    asks: { type: 'string', default: '100' },
    base: { type: 'string', default: 'http://127.0.0.1:8080' },
    mongo: { type: 'string', default: 'mongodb://127.0.0.1:27017/' },
    redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
    out: { type: 'string', default: '.data/bench' },
    'seal-key': { type: 'string' },
  },
});
if (!args['seal-key'])
  throw new Error("--seal-key is required: the services' NOTIFICATION_SEAL_KEY");
const base = args.base!;

interface Latency {
  firstMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  rows: number;
}

/** The lists, each with the field of its answer that holds its rows. */
const LISTS: Array<{ name: string; path: string; rowsIn: string }> = [
  { name: 'conversations', path: '/api/chat/rooms?limit=20', rowsIn: 'rooms' },
  {
    name: 'conversations, closed',
    path: '/api/chat/rooms?limit=20&status=closed',
    rowsIn: 'rooms',
  },
  { name: 'queue', path: '/api/chat/rooms/queue', rowsIn: 'rooms' },
  { name: 'open conversations', path: '/api/chat/rooms/open', rowsIn: 'rooms' },
  { name: 'offline messages', path: '/api/chat/rooms/offline', rowsIn: 'rooms' },
  { name: 'my conversations', path: '/api/chat/rooms/mine', rowsIn: 'rooms' },
  { name: 'notifications', path: '/api/email/notifications', rowsIn: 'notifications' },
  {
    name: 'notifications, dead',
    path: '/api/email/notifications?state=dead',
    rowsIn: 'notifications',
  },
  {
    name: 'review invitations',
    path: '/api/integrations/trustpilot/invitations',
    rowsIn: 'invitations',
  },
];

/** How many pages deep the paged lists are also asked (following `nextCursor`). */
const DEEP_PAGE = 5;

async function latency(
  token: string,
  path: string,
  asks: number,
  rowsIn: string,
): Promise<Latency> {
  const histogram = build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000 });
  let firstMs = 0;
  let rows = 0;
  for (let ask = 0; ask <= asks; ask += 1) {
    const started = performance.now();
    const body = await call<Record<string, unknown[]>>(base, 'GET', path, { token });
    const micros = Math.round((performance.now() - started) * 1000);
    if (ask === 0) {
      firstMs = micros / 1000;
      rows = body[rowsIn]!.length;
    } else histogram.recordValue(micros);
  }
  const ms = (micros: number) => Math.round(micros / 10) / 100;
  return {
    firstMs: Math.round(firstMs * 100) / 100,
    p50Ms: ms(histogram.getValueAtPercentile(50)),
    p99Ms: ms(histogram.getValueAtPercentile(99)),
    maxMs: ms(histogram.maxValue),
    rows,
  };
}

/** The path of the list's page `DEEP_PAGE`, reached by following `nextCursor`. */
async function deepPage(token: string, path: string): Promise<string> {
  let page = path;
  for (let index = 1; index < DEEP_PAGE; index += 1) {
    const body = await call<{ nextCursor: string | null }>(base, 'GET', page, { token });
    if (!body.nextCursor) throw new Error(`${path}: no page ${index + 1}`);
    const url = new URL(path, base);
    url.searchParams.set('cursor', body.nextCursor);
    page = `${url.pathname}${url.search}`;
  }
  return page;
}

async function measure(
  workspace: Workspace,
  asks: number,
  deep: boolean,
): Promise<Record<string, Latency>> {
  const figures: Record<string, Latency> = {};
  const token = await refreshedToken(base, workspace);
  for (const list of LISTS) {
    figures[list.name] = await latency(token, list.path, asks, list.rowsIn);
    log(`${list.name}: ${JSON.stringify(figures[list.name])}`);
  }
  const paged = ['conversations', 'notifications', 'review invitations'];
  for (const list of LISTS.filter(({ name }) => deep && paged.includes(name))) {
    const name = `${list.name}, page ${DEEP_PAGE}`;
    figures[name] = await latency(token, await deepPage(token, list.path), asks, list.rowsIn);
    log(`${name}: ${JSON.stringify(figures[name])}`);
  }
  return figures;
}

async function main(): Promise<void> {
  const tenants = Number(args.tenants);
  const rows = Number(args.rows);
  const asks = Number(args.asks);
  const mongo = await MongoClient.connect(args.mongo!);
  const redis = new Redis(args.redis!);
  try {
    const databases = {
      chat: mongo.db('parley_chat'),
      email: mongo.db('parley_email'),
      integrations: mongo.db('parley_integrations'),
    };
    const workspaces: Workspace[] = [];
    const seedStarted = performance.now();
    for (let index = 0; index < tenants; index += 1) {
      const workspace = await signUpWorkspace(base, args['seal-key']!, `Bench Lists ${index}`);
      await seedWorkspace(databases, redis, workspace, rows);
      workspaces.push(workspace);
      log(`workspace ${index + 1}/${tenants} seeded with ${rows} rows of each kind`);
    }
    const seedSeconds = Math.round((performance.now() - seedStarted) / 1000);
    const empty = await signUpWorkspace(base, args['seal-key']!, 'Bench Lists empty');
    log(`quiet after ${await waitForQuietMachine()} s; asking`);

    const at = new Date().toISOString();
    const report = {
      bench: 'lists',
      at,
      machine: machine(),
      tenants,
      rowsPerTenantAndKind: rows,
      asksPerList: asks,
      seedSeconds,
      // The first workspace seeded (its rows are the oldest in every table) and the last.
      firstWorkspace: await measure(workspaces[0]!, asks, true),
      lastWorkspace: await measure(workspaces.at(-1)!, asks, true),
      emptyWorkspace: await measure(empty, asks, false),
    };
    writeReport(args.out!, 'lists', report);
  } finally {
    await mongo.close();
    redis.disconnect();
  }
}

runBenchmark(main);
