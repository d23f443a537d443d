import {
  type AgentAvailability,
  AgentPresenceChangedV1,
  type ChosenAgentStatus,
} from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { REDIS, redisScript } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RealtimeBus } from '../realtime/realtime-bus.service';
import { redisKeys } from '../redis-keys';

/** Sets an agent's announced status; 1 when it changed (so each change is announced once). */
const SWAP_STATUS = `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
`;

/** Away for inactivity, only if the agent is still available (a choice made meanwhile wins). */
const AWAY_IF_AVAILABLE = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], 'away:auto')
return 1
`;

/** Back to available, only if the agent was away for inactivity (not by choice). */
const BACK_IF_AUTO_AWAY = `
if redis.call('HGET', KEYS[1], ARGV[1]) ~= 'away:auto' then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
return 1
`;

export type OnlineStatus = Exclude<AgentAvailability, 'offline'>;
type Cause = 'agent' | 'connection' | 'inactivity';
type Agent = { id: string; name: string };

export interface AgentOnline {
  id: string;
  name: string;
  status: OnlineStatus;
}

/** A stored choice; an entry of older versions (a date) was "away". */
const chosenFrom = (stored: string | undefined | null): OnlineStatus =>
  stored === undefined || stored === null ? 'available' : stored === 'busy' ? 'busy' : 'away';

/**
 * Who of a tenant's agents is online, and how. Being connected is read from the sockets
 * themselves (on every replica, through the adapter), so a crashed replica's agents drop out
 * with their sockets; being busy or away is kept in Redis until it changes.
 */
@Injectable()
export class AgentPresence {
  private readonly swapStatus: (key: string, agentId: string, status: string) => Promise<number>;
  private readonly awayIfAvailable: (key: string, agentId: string) => Promise<number>;
  private readonly backIfAutoAway: (key: string, agentId: string) => Promise<number>;

  constructor(
    private readonly realtime: RealtimeBus,
    private readonly events: EventPublisher,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    this.swapStatus = redisScript(redis, 'parleySwapPresence', SWAP_STATUS);
    this.awayIfAvailable = redisScript(redis, 'parleyAwayIfAvailable', AWAY_IF_AVAILABLE);
    this.backIfAutoAway = redisScript(redis, 'parleyBackIfAutoAway', BACK_IF_AUTO_AWAY);
  }

  async online(tenantId: string): Promise<AgentOnline[]> {
    const [connected, chosen] = await Promise.all([
      this.realtime.connectedAgents(tenantId),
      this.redis.hgetall(redisKeys.agentsChosenStatus(tenantId)),
    ]);
    return connected.map((agent) => ({ ...agent, status: chosenFrom(chosen[agent.id]) }));
  }

  /** Agents who take new chats now: connected and available. */
  async available(tenantId: string): Promise<Agent[]> {
    return (await this.online(tenantId)).filter((agent) => agent.status === 'available');
  }

  /** After an agent socket connected: the first one brings the agent online, as they were. */
  async connected(tenantId: string, agent: Agent): Promise<void> {
    await this.announce(tenantId, agent, await this.chosenStatus(tenantId, agent.id), 'connection');
  }

  /** After an agent socket closed: the last one takes the agent offline. */
  async disconnected(tenantId: string, agent: Agent): Promise<boolean> {
    if ((await this.realtime.agentSocketCount(tenantId, agent.id)) > 0) return false;
    await this.announce(tenantId, agent, 'offline', 'connection');
    return true;
  }

  async choose(tenantId: string, agent: Agent, status: ChosenAgentStatus): Promise<void> {
    const key = redisKeys.agentsChosenStatus(tenantId);
    if (status === 'available') await this.redis.hdel(key, agent.id);
    else await this.redis.hset(key, agent.id, status);
    await this.announce(tenantId, agent, status, 'agent');
  }

  /** Inactivity: an available agent turns away. True when they did. */
  async idle(tenantId: string, agent: Agent): Promise<boolean> {
    if (!(await this.awayIfAvailable(redisKeys.agentsChosenStatus(tenantId), agent.id)))
      return false;
    await this.announce(tenantId, agent, 'away', 'inactivity');
    return true;
  }

  /** Activity: an agent away for inactivity is available again. True when they were. */
  async active(tenantId: string, agent: Agent): Promise<boolean> {
    if (!(await this.backIfAutoAway(redisKeys.agentsChosenStatus(tenantId), agent.id)))
      return false;
    await this.announce(tenantId, agent, 'available', 'agent');
    return true;
  }

  private async chosenStatus(tenantId: string, agentId: string): Promise<OnlineStatus> {
    return chosenFrom(await this.redis.hget(redisKeys.agentsChosenStatus(tenantId), agentId));
  }

  /** Tells the tenant's agents and Kafka, when the status is not the one announced last. */
  private async announce(
    tenantId: string,
    agent: Agent,
    status: AgentAvailability,
    cause: Cause,
  ): Promise<void> {
    const key = redisKeys.agentPresence(tenantId);
    if (!(await this.swapStatus(key, agent.id, status))) return;
    this.realtime.toAgents(tenantId, 'agent:presence', {
      agentId: agent.id,
      name: agent.name,
      status,
    });
    await this.events.publish(AgentPresenceChangedV1, {
      tenantId,
      payload: {
        agentId: agent.id,
        // v1's consumers know online, away and offline: a busy agent is online and working.
        status: status === 'available' || status === 'busy' ? 'online' : status,
        availability: status,
        cause,
        at: new Date().toISOString(),
      },
    });
  }
}
