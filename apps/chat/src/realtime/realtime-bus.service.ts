import {
  type ChatMessage,
  type ClientToServerEvents,
  type QueuePage,
  type ServerToClientEvents,
} from '@app/contracts';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { type Namespace } from 'socket.io';
import { socketRooms } from '../redis-keys';
import { MESSAGE_TO_REPLICAS, MessageDelivery } from './message-delivery';

type ChatNamespace = Namespace<ClientToServerEvents, ServerToClientEvents>;

/**
 * Everything the services push to sockets goes through here. The namespaces span every chat
 * replica (Redis streams adapter), so an emit reaches a socket wherever it is connected.
 */
@Injectable()
export class RealtimeBus implements OnModuleDestroy {
  /**
   * Set as this replica shuts down: the sockets it then closes are not visitors leaving or
   * agents going offline (they reconnect to another replica; the standby's heartbeat finds a
   * visitor who does not).
   */
  shuttingDown = false;

  /** New messages, to each socket in order (see MessageDelivery). */
  readonly delivery = new MessageDelivery();

  private visitors?: ChatNamespace;
  private agents?: ChatNamespace;

  onModuleDestroy(): void {
    this.shuttingDown = true;
  }

  attach(kind: 'visitor' | 'agent', namespace: ChatNamespace): void {
    this.delivery.attach(namespace);
    if (kind === 'agent') {
      this.agents = namespace;
      return;
    }
    this.visitors = namespace;
    // Another replica's new message, for this replica's sockets (visitors' and agents').
    namespace.on(MESSAGE_TO_REPLICAS, (tenantId: string, message: ChatMessage) =>
      this.delivery.deliverHere(tenantId, message),
    );
  }

  /** To the visitor and the agents in the room. */
  toRoom<E extends keyof ServerToClientEvents>(
    tenantId: string,
    roomId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    const name = socketRooms.room(tenantId, roomId);
    this.visitors?.to(name).emit(event, ...args);
    this.agents?.to(name).emit(event, ...args);
  }

  /** To the agents in a room only (what the visitor does: typing, reading). */
  toAgentsInRoom<E extends keyof ServerToClientEvents>(
    tenantId: string,
    roomId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    this.agents?.to(socketRooms.room(tenantId, roomId)).emit(event, ...args);
  }

  /** To the agents in a room and to these agents wherever they are, once each; never the visitor. */
  toAgentsInRoomAnd<E extends keyof ServerToClientEvents>(
    tenantId: string,
    roomId: string,
    agentIds: string[],
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    this.agents
      ?.to([
        socketRooms.room(tenantId, roomId),
        ...agentIds.map((agentId) => socketRooms.agent(tenantId, agentId)),
      ])
      .emit(event, ...args);
  }

  /** To the visitor of a room only (what the agent does). */
  toVisitor<E extends keyof ServerToClientEvents>(
    tenantId: string,
    roomId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    this.visitors?.to(socketRooms.room(tenantId, roomId)).emit(event, ...args);
  }

  /** A new message to the visitor and the agents in its room, on every replica, in seq order. */
  message(tenantId: string, message: ChatMessage): void {
    this.delivery.deliverHere(tenantId, message);
    this.visitors?.serverSideEmit(MESSAGE_TO_REPLICAS, tenantId, message);
  }

  queue(tenantId: string, page: QueuePage): void {
    this.toAgents(tenantId, 'queue:updated', page);
  }

  /** The queue as these agents see it (their teams'), to their sockets only. */
  queueTo(tenantId: string, agentIds: string[], page: QueuePage): void {
    if (agentIds.length === 0) return;
    const rooms = agentIds.map((agentId) => socketRooms.agent(tenantId, agentId));
    this.agents?.to(rooms).emit('queue:updated', page);
  }

  /** To every agent of the tenant who may join rooms. */
  toAgents<E extends keyof ServerToClientEvents>(
    tenantId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    this.agents?.to(socketRooms.agents(tenantId)).emit(event, ...args);
  }

  /** To every socket of one agent, on any replica. */
  toAgent<E extends keyof ServerToClientEvents>(
    tenantId: string,
    agentId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    this.agents?.to(socketRooms.agent(tenantId, agentId)).emit(event, ...args);
  }

  /** The agents with at least one socket open, on any replica. */
  async connectedAgents(tenantId: string): Promise<Array<{ id: string; name: string }>> {
    if (!this.agents) return [];
    const sockets = await this.agents.in(socketRooms.agents(tenantId)).fetchSockets();
    const agents = new Map<string, string>();
    for (const socket of sockets) {
      const principal = (socket.data as { principal?: { userId: string; name: string } }).principal;
      if (principal) agents.set(principal.userId, principal.name);
    }
    return [...agents].map(([id, name]) => ({ id, name }));
  }

  async agentSocketCount(tenantId: string, agentId: string): Promise<number> {
    if (!this.agents) return 0;
    return (await this.agents.in(socketRooms.agent(tenantId, agentId)).fetchSockets()).length;
  }

  /** To the room, and to every agent of the tenant (who see the queue and "visitor away"); once each. */
  toRoomAndAgents<E extends keyof ServerToClientEvents>(
    tenantId: string,
    roomId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    const room = socketRooms.room(tenantId, roomId);
    this.visitors?.to(room).emit(event, ...args);
    this.agents
      ?.to(room)
      .to(socketRooms.agents(tenantId))
      .emit(event, ...args);
  }

  /** To the agents in a room and every agent of the tenant, once each; never the visitor. */
  toAgentsInRoomAndAll<E extends keyof ServerToClientEvents>(
    tenantId: string,
    roomId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    this.agents
      ?.to(socketRooms.room(tenantId, roomId))
      .to(socketRooms.agents(tenantId))
      .emit(event, ...args);
  }

  /** To every socket of these agents, on any replica, once each. */
  toTheseAgents<E extends keyof ServerToClientEvents>(
    tenantId: string,
    agentIds: string[],
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    if (agentIds.length === 0) return;
    this.agents
      ?.to(agentIds.map((agentId) => socketRooms.agent(tenantId, agentId)))
      .emit(event, ...args);
  }

  /**
   * To the room, and to these agents (those allowed to see a team's room: its members and the
   * supervisors) wherever they are connected; once each.
   */
  toRoomAndTheseAgents<E extends keyof ServerToClientEvents>(
    tenantId: string,
    roomId: string,
    agentIds: string[],
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    this.toVisitor(tenantId, roomId, event, ...args);
    this.toAgentsInRoomAnd(tenantId, roomId, agentIds, event, ...args);
  }

  async disconnectAgent(tenantId: string, agentId: string): Promise<void> {
    this.agents?.in(socketRooms.agent(tenantId, agentId)).disconnectSockets(true);
  }

  /** Makes an agent's sockets (on any replica) members of a room, or no longer. */
  async addAgentToRoom(tenantId: string, agentId: string, roomId: string): Promise<void> {
    this.agents
      ?.in(socketRooms.agent(tenantId, agentId))
      .socketsJoin(socketRooms.room(tenantId, roomId));
  }

  async removeAgentFromRoom(tenantId: string, agentId: string, roomId: string): Promise<void> {
    this.agents
      ?.in(socketRooms.agent(tenantId, agentId))
      .socketsLeave(socketRooms.room(tenantId, roomId));
  }

  async visitorSocketsIn(tenantId: string, roomId: string): Promise<number> {
    if (!this.visitors) return 0;
    return (await this.visitors.in(socketRooms.visitorsOf(tenantId, roomId)).fetchSockets()).length;
  }

  /** `<tenant>:<room>` of every visitor socket connected to this replica. */
  localVisitorRooms(): string[] {
    const rooms = new Set<string>();
    for (const socket of this.visitors?.sockets.values() ?? []) {
      const data = socket.data as { tenantId?: string; roomId?: string };
      if (data.tenantId && data.roomId) rooms.add(`${data.tenantId}:${data.roomId}`);
    }
    return [...rooms];
  }

  disconnectVisitors(tenantId: string, roomId: string): void {
    this.visitors?.in(socketRooms.visitorsOf(tenantId, roomId)).disconnectSockets(true);
  }
}
