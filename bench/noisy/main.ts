/**
 * `npm run bench:noisy`: one tenant cannot slow the others (issue 23). Nine quiet tenants chat,
 * each at 20 messages a second from its visitors to its agent through nginx, first alone
 * (baseline), then while a tenth tenant sends at what its limit admits (at-limit), then while it
 * floods at ten times its tenant limit (noisy), then alone again (after). The target: the nine's p99 from a visitor's send to its agent's `message:new`
 * rises by at most 20 % from baseline to noisy, none of their messages lost or refused.
 * Started by scripts/bench/noisy.sh, which runs the stack with the message limits as they ship;
 * prints the report and a verdict line. Exits 0 whether or not the target is met (it is a
 * benchmark), 1 when the run itself failed.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { chatConfigSchema } from '../../apps/chat/src/chat.config';
import { sendLimits } from '../../apps/chat/src/realtime/message-rate-limiter.service';
import { atRate, connect, type Connected, type LoadResult } from '../chat/load';
import { parleyTarget } from '../chat/parley-target';
import { CpuSampler, stackProcesses } from '../process-cpu';
import { log, machine, runBenchmark, waitForQuietMachine, writeReport } from '../report';
import { Flood, type FloodResult } from './flood';

/** Issue 23: the most the nine's p99 may rise under the flood. */
const TARGET_P99_RISE_PERCENT = 20;
/** The most chats the tenant service lets one agent take (apps/tenant/src/users/dto/agents.dto.ts). */
const MOST_CHATS_PER_AGENT = 100;
/**
 * The visitors' limits the stack runs with: chat's defaults (chat.config.ts), which noisy.sh
 * leaves as they are. A sender may send 30 messages per 10 s and is cut off past 90 attempts;
 * a tenant's visitors together 150 a second (its 200 less the share kept for its agents).
 */
const limits = sendLimits(
  'visitor',
  chatConfigSchema
    .pick({
      SENDER_MESSAGES_PER_10S: true,
      TENANT_MESSAGES_PER_SECOND: true,
      TENANT_AGENT_SHARE_PERCENT: true,
    })
    .parse({}),
);
const senderPerSecond = limits.sender / 10;

const { values: args } = parseArgs({
  options: {
    'quiet-tenants': { type: 'string', default: '9' },
    // Each quiet tenant's visitors, and the messages a second they send together.
    'quiet-visitors': { type: 'string', default: '10' },
    'quiet-rate': { type: 'string', default: '20' },
    // The noisy tenant's attempts a second: ten times its tenant limit.
    'noisy-rate': { type: 'string', default: String(10 * limits.tenant) },
    // Default: the fewest over which no noisy visitor tries more than its own limit (below).
    'noisy-visitors': { type: 'string' },
    // Each measured phase; the warm-up (the nine alone) is not counted.
    seconds: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '15' },
    // The nine alone again after the flood, to see them back at their baseline; 0 skips it.
    after: { type: 'string', default: '60' },
    base: { type: 'string', default: 'http://127.0.0.1:8080' },
    'run-dir': { type: 'string', default: '.data/run' },
    'seal-key': { type: 'string' },
    out: { type: 'string', default: '.data/bench' },
  },
});
if (!args['seal-key'])
  throw new Error("--seal-key is required: the services' NOTIFICATION_SEAL_KEY");
const quietTenantCount = Number(args['quiet-tenants']);
const quietVisitors = Number(args['quiet-visitors']);
const quietRate = Number(args['quiet-rate']);
const noisyRate = Number(args['noisy-rate']);
/*
 * The flood is spread so that no noisy visitor tries more than its own allowance a second: even
 * if the tenant admitted every send, no visitor would pass its own limit, so the refusals are the
 * tenant limit's, which is what is measured. Fewer visitors would each try more, and past 90
 * attempts in 10 s their sockets would be cut off as abusive: the sender limits, not the
 * tenant's, would hold the flood back. (Refused sends count against no sender's allowance, and
 * the tenant admits 150 a second over all of them, so none nears its own limit.)
 */
const noisyVisitors = Number(args['noisy-visitors'] ?? Math.ceil(noisyRate / senderPerSecond));
const seconds = Number(args.seconds);
const warmupSeconds = Number(args.warmup);
const afterSeconds = Number(args.after);
// The quiet tenants must stay within their own limits, or their refusals would say nothing of
// the flood.
if (quietRate / quietVisitors > senderPerSecond || quietRate > limits.side)
  throw new Error(
    `--quiet-rate ${quietRate} over ${quietVisitors} visitors passes the quiet tenants' own ` +
      `limits (${senderPerSecond}/s a visitor, ${limits.side}/s a tenant's visitors)`,
  );

/** A tenant signed up through nginx, its visitors in rooms that its agents joined. */
const tenantWith = (visitors: number) =>
  parleyTarget({
    base: args.base!,
    visitors,
    agents: Math.ceil(visitors / MOST_CHATS_PER_AGENT),
    sealKey: args['seal-key']!,
    assignment: 'join',
  });

/** The quiet tenants, each with its agents in every room: their sockets as one load. */
async function quietTenants(): Promise<Connected> {
  const tenants: Connected[] = [];
  for (let index = 1; index <= quietTenantCount; index += 1) {
    log(`quiet tenant ${index} of ${quietTenantCount}: ${quietVisitors} visitors`);
    tenants.push(await connect(await tenantWith(quietVisitors)));
  }
  // atRate sends from the visitors in turn: tenant by tenant, each gets its share of the rate.
  return {
    visitors: tenants.flatMap((tenant) => tenant.visitors),
    agents: tenants.flatMap((tenant) => tenant.agents),
    close: () => tenants.forEach((tenant) => tenant.close()),
  };
}

/**
 * The noisy tenant, its clients in a worker thread. Its agents join every room, so that what
 * the tenant limit admits takes the quiet tenants' whole path (stored, published, delivered to
 * an agent); its visitors stay connected through every phase, idle but for the flood.
 */
async function noisyTenant(): Promise<Flood> {
  log(`noisy tenant: ${noisyVisitors} visitors`);
  const target = await tenantWith(noisyVisitors);
  return Flood.start({
    url: target.url,
    visitorTokens: target.visitors.map((visitor) => String(visitor.auth.token)),
    agents: target.agents,
  });
}

interface MeasuredPhase extends LoadResult {
  /** The highest of the per-second p99s: the quiet tenants' worst second. */
  worstSecondP99Ms: number;
  /** Acked messages of the quiet tenants that reached their agent. */
  received: number;
  /** The stack's processes, the benchmark's own (`bench`, both threads) and the machine. */
  cpu: ReturnType<CpuSampler['stop']>;
  /** The noisy tenant's flood, in the noisy phase. */
  flood?: FloodResult;
}

/** One measured phase: the quiet tenants at their rate, with the flood alongside when given. */
async function measure(
  name: string,
  quiet: Connected,
  processes: Map<string, number>,
  flood?: { tenant: Flood; rate: number },
): Promise<MeasuredPhase> {
  log(`${name}: ${seconds} s${flood ? `, the noisy tenant at ${flood.rate}/s` : ''}`);
  const sampler = new CpuSampler(processes);
  // The CPU of the sending seconds, not of the wait for the last answers after them.
  const cpu = sleep(seconds * 1000).then(() => sampler.stop());
  const [load, floodResult] = await Promise.all([
    atRate(quiet, quietRate * quietTenantCount, seconds),
    flood?.tenant.run(flood.rate, seconds),
  ]);
  const phase: MeasuredPhase = {
    ...load,
    phase: name,
    worstSecondP99Ms: Math.max(0, ...load.p99DeliveryMsBySecond),
    received: load.acked - load.undelivered,
    cpu: await cpu,
    flood: floodResult,
  };
  log(
    `${name}: p99 ${phase.deliveryMs.p99} ms, worst second ${phase.worstSecondP99Ms} ms` +
      (floodResult ? `; flood ${JSON.stringify(floodResult)}` : ''),
  );
  return phase;
}

/** The verdict on the quiet tenants, and what makes the run itself doubtful. */
function judge(baseline: MeasuredPhase, noisy: MeasuredPhase, measured: MeasuredPhase[]) {
  const flood = noisy.flood!;
  const p99RisePercent =
    Math.round((noisy.deliveryMs.p99 / baseline.deliveryMs.p99 - 1) * 1000) / 10;
  const lost = measured.reduce((sum, phase) => sum + phase.undelivered, 0);
  const refused = measured.reduce((sum, phase) => sum + phase.refused, 0);
  const shortfalls = [
    p99RisePercent > TARGET_P99_RISE_PERCENT &&
      `p99 rose ${p99RisePercent} %, more than ${TARGET_P99_RISE_PERCENT} %`,
    lost > 0 && `${lost} acked messages of the quiet tenants never reached their agent`,
    refused > 0 && `${refused} messages of the quiet tenants refused or unanswered`,
  ].filter((shortfall): shortfall is string => Boolean(shortfall));
  const doubts = [
    flood.rateLimited === 0 &&
      'the flood was never refused rate_limited: no tenant limit held it back',
    flood.attemptedPerSecond < 0.9 * noisyRate &&
      `the flood reached ${flood.attemptedPerSecond} of ${noisyRate} attempts a second`,
    Object.keys(flood.disconnects).length > 0 &&
      `noisy sockets closed: ${JSON.stringify(flood.disconnects)}`,
    noisy.cpu.machineBusy.meanPercent >= 90 &&
      `the machine was ${noisy.cpu.machineBusy.meanPercent} % busy under the flood: ` +
        'the rise is the shared machine as much as the service',
  ].filter((doubt): doubt is string => Boolean(doubt));
  const met = shortfalls.length === 0;
  const verdict =
    `noisy neighbour: the ${quietTenantCount} quiet tenants' p99 ` +
    `${baseline.deliveryMs.p99} → ${noisy.deliveryMs.p99} ms ` +
    `(${p99RisePercent >= 0 ? '+' : ''}${p99RisePercent} %, target ≤ +${TARGET_P99_RISE_PERCENT} %); ` +
    `${lost} lost, ${refused} refused among them; the flood ${flood.attemptedPerSecond}/s ` +
    `attempted, ${flood.admittedPerSecond}/s admitted, ${flood.rateLimitedPerSecond}/s ` +
    `rate_limited: ${met ? 'met' : `missed (${shortfalls.join('; ')})`}` +
    (doubts.length ? `; doubtful: ${doubts.join('; ')}` : '');
  return { p99RisePercent, lost, refused, met, shortfalls, doubts, verdict };
}

async function main(): Promise<void> {
  log(`setting up ${quietTenantCount} quiet tenants and a noisy one through ${args.base}`);
  const quiet = await quietTenants();
  const flood = await noisyTenant();
  log(`waited ${await waitForQuietMachine()} s for the machine to settle`);
  const processes = new Map<string, number>([
    ...stackProcesses(args['run-dir']!),
    ['bench', process.pid],
  ]);

  log(`warm-up: ${warmupSeconds} s, not counted`);
  const warmup =
    warmupSeconds > 0
      ? await atRate(quiet, quietRate * quietTenantCount, warmupSeconds)
      : undefined;
  const baseline = await measure('baseline', quiet, processes);
  // The noisy tenant at what its limit admits, no more: what its flood adds beyond this is the
  // cost of refusing, the rest is the load of a tenant that uses its whole allowance.
  const atLimit = await measure('at-limit', quiet, processes, { tenant: flood, rate: limits.side });
  const noisy = await measure('noisy', quiet, processes, { tenant: flood, rate: noisyRate });
  const after = afterSeconds > 0 ? await measure('after', quiet, processes) : undefined;
  quiet.close();
  await flood.close();

  const measured = [baseline, atLimit, noisy, ...(after ? [after] : [])];
  const { verdict, ...result } = judge(baseline, noisy, measured);
  const overAtLimitPercent =
    Math.round((noisy.deliveryMs.p99 / atLimit.deliveryMs.p99 - 1) * 1000) / 10;
  const report = {
    at: new Date().toISOString(),
    machine: machine(),
    quietTenants: quietTenantCount,
    quietVisitorsPerTenant: quietVisitors,
    quietRatePerTenant: quietRate,
    noisyRate,
    noisyVisitors,
    noisyAgents: Math.ceil(noisyVisitors / MOST_CHATS_PER_AGENT),
    seconds,
    warmupSeconds,
    afterSeconds,
    limits: {
      senderMessagesPer10s: limits.sender,
      senderCutOffAboveAttemptsPer10s: limits.abuse,
      tenantMessagesPerSecond: limits.tenant,
      tenantVisitorsMessagesPerSecond: limits.side,
    },
    targetP99RisePercent: TARGET_P99_RISE_PERCENT,
    result: { ...result, p99RiseOverAtLimitPercent: overAtLimitPercent },
    worstSecondP99Ms: Object.fromEntries(measured.map((m) => [m.phase, m.worstSecondP99Ms])),
    warmup,
    phases: measured,
    verdict,
  };
  writeReport(args.out!, 'noisy', report);
  log(verdict);
  log(
    `the noisy tenant at its limit (${limits.side}/s, all admitted): p99 ${atLimit.deliveryMs.p99} ms; ` +
      `its flood's refusals on top: ${overAtLimitPercent >= 0 ? '+' : ''}${overAtLimitPercent} %`,
  );
}

runBenchmark(main);
