import { InjectConfig } from '@app/config';
import { REDIS } from '@app/platform';
import { PeriodicTask } from '@app/scheduling';
import { forTenant } from '@app/tenancy';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type Redis from 'ioredis';
import { type ChatConfig } from '../chat.config';
import { DirectoryRepository } from '../directory/directory.repository';
import { RealtimeBus } from '../realtime/realtime-bus.service';
import { redisKeys } from '../redis-keys';
import { RoomsService } from '../rooms/rooms.service';
import { AgentPresence } from './agent-presence.service';

const SWEEP_EVERY_MS = 5_000;
const SWEEP_BATCH = 200;
/** An agent's deadline moves at most this often per replica: activity on every keystroke is cheap. */
const REFRESH_EVERY_MS = 10_000;

type Agent = { id: string; name: string };

/**
 * Automatic away: an available agent with no activity (a send, a join, typing, the dashboard's
 * heartbeat) for the tenant's `agentAutoAwayMinutes` is set away, and the next activity makes
 * them available again. Deadlines live in a Redis sorted set that every replica sweeps; the one
 * that removes a deadline acts on it, so each is acted on once.
 */
@Injectable()
export class AgentIdle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AgentIdle.name);
  private readonly sweeps: PeriodicTask;
  private readonly deadlinesKey: string;
  private readonly lastRefresh = new Map<string, number>();

  constructor(
    private readonly presence: AgentPresence,
    private readonly directory: DirectoryRepository,
    private readonly realtime: RealtimeBus,
    private readonly rooms: RoomsService,
    @Inject(REDIS) private readonly redis: Redis,
    @InjectConfig() config: ChatConfig,
  ) {
    this.deadlinesKey = redisKeys.agentIdleDeadlines(config.MONGO_DB);
    this.sweeps = new PeriodicTask(
      'agent idle sweep',
      SWEEP_EVERY_MS,
      async () => (await this.sweep()).full,
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    this.sweeps.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweeps.stop();
  }

  /** The agent did something: their deadline moves on, and an automatic away ends. */
  async activity(tenantId: string, agent: Agent): Promise<void> {
    const member = `${tenantId}:${agent.id}`;
    const now = Date.now();
    if (now - (this.lastRefresh.get(member) ?? 0) < REFRESH_EVERY_MS) return;
    this.lastRefresh.set(member, now);
    // Read each time (at most once per REFRESH_EVERY_MS per agent): a changed setting applies at once.
    const minutes = (await this.directory.findTenant(tenantId))?.agentAutoAwayMinutes ?? 15;
    if (minutes > 0) await this.redis.zadd(this.deadlinesKey, now + minutes * 60_000, member);
    else await this.redis.zrem(this.deadlinesKey, member);
    if (await this.presence.active(tenantId, agent)) this.rooms.assignmentChance(tenantId);
  }

  /** The agent's last socket closed: nothing to time any more. */
  async gone(tenantId: string, agentId: string): Promise<void> {
    const member = `${tenantId}:${agentId}`;
    this.lastRefresh.delete(member);
    await this.redis.zrem(this.deadlinesKey, member);
  }

  /** Sets away the agents whose deadline passed; `full` when more may be due. */
  async sweep(now = Date.now()): Promise<{ idled: number; full: boolean }> {
    const due = await this.redis.zrangebyscore(this.deadlinesKey, 0, now, 'LIMIT', 0, SWEEP_BATCH);
    let idled = 0;
    for (const member of due) {
      // Exactly one replica removes each deadline; that one acts on it.
      if ((await this.redis.zrem(this.deadlinesKey, member)) !== 1) continue;
      this.lastRefresh.delete(member);
      const [tenantId, agentId] = member.split(':');
      await forTenant(tenantId, 'an idle deadline names its agent’s tenant', async () => {
        if ((await this.realtime.agentSocketCount(tenantId, agentId)) === 0) return;
        const entry = await this.directory.findAgent(agentId);
        if (await this.presence.idle(tenantId, { id: agentId, name: entry?.name ?? '' }))
          idled += 1;
      }).catch((error: Error) =>
        this.logger.warn(`idle deadline of ${member} failed: ${error.message}`),
      );
    }
    return { idled, full: due.length === SWEEP_BATCH };
  }
}
