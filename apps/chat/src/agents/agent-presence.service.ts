import { AgentPresenceChangedV1, type AgentPresence as PresenceStatus } from '@app/contracts';
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

export interface AgentOnline {
  id: string;
  name: string;
  status: Exclude<PresenceStatus, 'offline'>;
}

/**
 * Who of a tenant's agents is online. Being connected is read from the sockets themselves (on
 * every replica, through the adapter), so a crashed replica's agents drop out with their
 * sockets; being away is the agent's choice, kept in Redis until they change it.
 */
@Injectable()
export class AgentPresence {
  private readonly swapStatus: (key: string, agentId: string, status: string) => Promise<number>;

  constructor(
    private readonly realtime: RealtimeBus,
    private readonly events: EventPublisher,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    this.swapStatus = redisScript(redis, 'parleySwapPresence', SWAP_STATUS);
  }

  async online(tenantId: string): Promise<AgentOnline[]> {
    const [connected, away] = await Promise.all([
      this.realtime.connectedAgents(tenantId),
      this.redis.hkeys(redisKeys.agentsAway(tenantId)),
    ]);
    const awaySet = new Set(away);
    return connected.map((agent) => ({
      ...agent,
      status: awaySet.has(agent.id) ? 'away' : 'online',
    }));
  }

  /** Agents who take chats now: connected and not away. */
  async available(tenantId: string): Promise<Array<{ id: string; name: string }>> {
    return (await this.online(tenantId)).filter((agent) => agent.status === 'online');
  }

  /** After an agent socket connected: the first one brings the agent online (or away). */
  async connected(tenantId: string, agent: { id: string; name: string }): Promise<void> {
    await this.announce(tenantId, agent, await this.chosenStatus(tenantId, agent.id));
  }

  /** After an agent socket closed: the last one takes the agent offline. */
  async disconnected(tenantId: string, agent: { id: string; name: string }): Promise<void> {
    if ((await this.realtime.agentSocketCount(tenantId, agent.id)) > 0) return;
    await this.announce(tenantId, agent, 'offline');
  }

  async choose(
    tenantId: string,
    agent: { id: string; name: string },
    status: 'online' | 'away',
  ): Promise<void> {
    const key = redisKeys.agentsAway(tenantId);
    if (status === 'away') await this.redis.hset(key, agent.id, new Date().toISOString());
    else await this.redis.hdel(key, agent.id);
    await this.announce(tenantId, agent, status);
  }

  private async chosenStatus(tenantId: string, agentId: string): Promise<'online' | 'away'> {
    return (await this.redis.hexists(redisKeys.agentsAway(tenantId), agentId)) ? 'away' : 'online';
  }

  /** Tells the tenant's agents and Kafka, when the status is not the one announced last. */
  private async announce(
    tenantId: string,
    agent: { id: string; name: string },
    status: PresenceStatus,
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
      payload: { agentId: agent.id, status, at: new Date().toISOString() },
    });
  }
}
