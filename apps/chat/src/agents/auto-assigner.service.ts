import { forTenant } from '@app/tenancy';
import { AppHttpError, REDIS, RedisLocks } from '@app/platform';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { DirectoryRepository } from '../directory/directory.repository';
import { redisKeys } from '../redis-keys';
import { type QueueAudience } from '../rooms/room-routing';
import { type QueuePosition, RoomsRepository } from '../rooms/rooms.repository';
import { RoomsService } from '../rooms/rooms.service';
import { withinWeeklyHours } from '../availability/weekly-schedule';
import { RealtimeBus } from '../realtime/realtime-bus.service';
import { type RoomRecord } from '../rooms/room-record';
import { AgentPresence } from './agent-presence.service';
import { type Candidate, nextInTurn, servingOrder, type WaitingRoom } from './round-robin';

/** Longer than a round can take; a replica that dies holding the lock only delays the next. */
const LOCK_MS = 10_000;
/**
 * How long a chance waits for the lock's holder to see it. Far longer than any round: a chance
 * that expired before the holder looked would leave rooms waiting until the next one. The
 * holder deletes it before each round.
 */
const AGAIN_MS = 600_000;
const ROOMS_PER_PAGE = 50;
/** Bounds one round's reads; rooms past them wait for the next chance. */
const PAGES_PER_ROUND = 10;

/**
 * Round-robin auto-assignment, for tenants that turn it on: waiting rooms, urgent first and then
 * the longest waiting, go to the agents who are available (connected, neither busy nor away), on
 * shift and under their maximum of chats, the least loaded first and equals in turn (see
 * nextInTurn). It runs whenever a room starts waiting or an agent gains room for a chat; one
 * replica at a time per tenant (a Redis lock), with the turn kept in Redis so that whichever
 * replica assigns next continues it, and each assignment is the same atomic claim as an agent's
 * join. The agent is told at once (`room:assigned`).
 */
@Injectable()
export class AutoAssigner implements OnModuleInit {
  private readonly logger = new Logger(AutoAssigner.name);

  constructor(
    private readonly rooms: RoomsRepository,
    private readonly roomsService: RoomsService,
    private readonly presence: AgentPresence,
    private readonly directory: DirectoryRepository,
    private readonly realtime: RealtimeBus,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly locks: RedisLocks,
  ) {}

  onModuleInit(): void {
    this.roomsService.onAssignmentChance((tenantId) => this.assignWaiting(tenantId).then());
  }

  /** Hands out the tenant's waiting rooms; the number assigned. Never throws. */
  async assignWaiting(tenantId: string): Promise<number> {
    try {
      return await forTenant(tenantId, 'auto-assignment of a tenant’s queue', async () => {
        const tenant = await this.directory.findTenant(tenantId);
        if (tenant?.autoAssignment !== 'round-robin') return 0;
        const lockKey = redisKeys.autoAssignLock(tenantId);
        const again = redisKeys.autoAssignAgain(tenantId);
        let assigned = 0;
        for (;;) {
          const lock = await this.locks.acquire(lockKey, { lockMs: LOCK_MS });
          if (!lock) {
            // Another replica is handing out rooms: it goes round once more when done, as it
            // looks for this flag after releasing the lock. Released already: try again here.
            await this.redis.set(again, '1', 'PX', AGAIN_MS);
            if (await this.redis.exists(lockKey)) return assigned;
            continue;
          }
          try {
            do {
              await this.redis.del(again);
              // Kept while the round works: a long round must not let another replica start one
              // beside it, where both would fight over the same rooms and agents.
              const holding = () => lock.extend(LOCK_MS);
              assigned += await this.round(tenantId, tenant.timeZone, holding);
            } while (await this.redis.exists(again));
          } finally {
            await lock.release();
          }
          // A chance that came between the last look and the release would be lost otherwise.
          if (!(await this.redis.exists(again))) return assigned;
        }
      });
    } catch (error) {
      this.logger.warn(`auto-assignment for ${tenantId} failed: ${(error as Error).message}`);
      return 0;
    }
  }

  /**
   * One pass over the queue the candidates may take, a page at a time, until they are full or
   * the queue ends. Only rooms some candidate may see are read, so rooms of a team with nobody
   * eligible never hold back the rooms behind them.
   */
  private async round(
    tenantId: string,
    timeZone: string,
    holding: () => Promise<boolean>,
  ): Promise<number> {
    // Most chances find the queue empty: one read spares looking the agents up.
    if ((await this.rooms.queuePage(null, 1, { supervisor: true })).rooms.length === 0) return 0;
    const agents = await this.candidates(tenantId, timeZone);
    if (agents.length === 0) return 0;
    const audience = audienceOf(agents);
    const turnsKey = redisKeys.autoAssignTurns(tenantId);
    let assigned = 0;
    let after: QueuePosition | null = null;
    for (let page = 0; page < PAGES_PER_ROUND; page++) {
      const { rooms, hasMore } = await this.rooms.queuePage(after, ROOMS_PER_PAGE, audience);
      let waiting = servingOrder(rooms);
      while (waiting.length > 0) {
        // The lock lapsed to another replica: it goes on from here.
        if (!(await holding())) return assigned;
        const { batch, rest } = oneRoomPerAgent(waiting, agents);
        if (batch.length === 0) break;
        const given = await this.giveAll(batch, turnsKey);
        assigned += given.filter(Boolean).length;
        // A room whose agent turned out full waits for the next batch, with another agent; one
        // taken or closed meanwhile is done with.
        const retry = batch.filter(({ agent }, index) => !given[index] && agent.free <= 0);
        waiting = [...retry.map(({ room }) => room), ...rest];
      }
      const last = rooms.at(-1);
      if (!hasMore || !last || agents.every((agent) => agent.free <= 0)) break;
      after = { priorityRank: last.priorityRank, queuedAt: last.queuedAt, roomId: last.id };
    }
    return assigned;
  }

  /**
   * Gives each room of the batch to its agent at once: every agent appears once, so the claims
   * hold no agent's lock against another and run side by side. Which room goes to whom was
   * decided in turn before (oneRoomPerAgent), so fairness does not depend on which ends first.
   */
  private async giveAll(
    batch: Array<{ room: RoomRecord; agent: Candidate }>,
    turnsKey: string,
  ): Promise<boolean[]> {
    const outcomes = await Promise.allSettled(
      batch.map(({ room, agent }) => this.give(room, agent, turnsKey)),
    );
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    return outcomes.map((outcome) => outcome.status === 'fulfilled' && outcome.value);
  }

  /** The room to the agent, as their join would; false when it went elsewhere meanwhile. */
  private async give(room: RoomRecord, agent: Candidate, turnsKey: string): Promise<boolean> {
    let given: RoomRecord;
    try {
      given = await this.roomsService.assign(room, agent, 'auto');
    } catch (error) {
      const code = error instanceof AppHttpError ? error.code : undefined;
      if (code === 'at_capacity') agent.free = 0;
      // `conflict`: the room or the agent is changing right now; the next chance retries.
      if (code && ['at_capacity', 'already_taken', 'room_closed', 'conflict'].includes(code))
        return false;
      throw error;
    }
    agent.free -= 1;
    agent.open += 1;
    agent.lastAssignedAt = Date.now();
    await this.redis.zadd(turnsKey, agent.lastAssignedAt, agent.id);
    this.realtime.toAgent(given.tenantId, agent.id, 'room:assigned', {
      room: await this.roomsService.summary(given),
      how: 'auto',
    });
    return true;
  }

  /**
   * Agents who may take chats now: available, active with `chats:join`, on shift in the tenant's
   * time zone and under capacity; with their open chats and their last turn, from Redis.
   */
  private async candidates(tenantId: string, timeZone: string): Promise<Candidate[]> {
    const [available, turns] = await Promise.all([
      this.presence.available(tenantId),
      this.redis.zrange(redisKeys.autoAssignTurns(tenantId), 0, -1, 'WITHSCORES'),
    ]);
    const lastTurn = new Map<string, number>();
    for (let index = 0; index < turns.length; index += 2)
      lastTurn.set(turns[index], Number(turns[index + 1]));
    const now = new Date();
    const candidates = await Promise.all(
      available.map(async (agent): Promise<Candidate | null> => {
        const entry = await this.directory.findAgent(agent.id);
        if (entry && (entry.status !== 'active' || !entry.permissions.includes('chats:join')))
          return null;
        if (entry && !withinWeeklyHours(entry.shifts, timeZone, now)) return null;
        const capacity = entry?.maxConcurrentChats ?? 5;
        const open = await this.rooms.countActiveOf(agent.id);
        const free = capacity - open;
        if (free <= 0) return null;
        const audience = await this.roomsService.audienceOf({
          userId: agent.id,
          permissions: entry?.permissions ?? [],
        });
        return {
          ...agent,
          free,
          open,
          lastAssignedAt: lastTurn.get(agent.id) ?? 0,
          // A supervisor may take any team's room; others their teams' and the team-less.
          ...(audience.supervisor ? {} : { teamIds: audience.teamIds }),
        };
      }),
    );
    return candidates.filter((candidate): candidate is Candidate => candidate !== null);
  }
}

/** The queue some candidate may take: any room if a supervisor is among them. */
function audienceOf(agents: Candidate[]): QueueAudience {
  if (agents.some((agent) => agent.teamIds === undefined)) return { supervisor: true };
  return { supervisor: false, teamIds: [...new Set(agents.flatMap((agent) => agent.teamIds!))] };
}

/**
 * The next rooms in serving order, each with the agent whose turn it is, no agent twice; the
 * rooms left for later batches (no eligible agent free in this one).
 */
function oneRoomPerAgent(
  rooms: RoomRecord[],
  agents: Candidate[],
): { batch: Array<{ room: RoomRecord; agent: Candidate }>; rest: RoomRecord[] } {
  const batch: Array<{ room: RoomRecord; agent: Candidate }> = [];
  const rest: RoomRecord[] = [];
  const inBatch = new Set<string>();
  for (const room of rooms) {
    const free = agents.filter((agent) => !inBatch.has(agent.id));
    const agent = free.length > 0 ? nextInTurn(free, waitingRoom(room)) : undefined;
    if (!agent) {
      rest.push(room);
      continue;
    }
    batch.push({ room, agent });
    inBatch.add(agent.id);
  }
  return { batch, rest };
}

/** What the choice reads of a room. */
function waitingRoom(room: RoomRecord): WaitingRoom {
  return {
    previousAgentId: room.previousAgentId,
    priority: room.priority,
    teamId: room.teamId,
    queuedAt: room.queuedAt,
  };
}
