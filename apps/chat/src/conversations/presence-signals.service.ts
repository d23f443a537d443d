import { type Principal } from '@app/auth';
import { type Sender, type ServerToClientEvents } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { chatErrors } from '../chat-errors';
import { RoomsRepository } from '../rooms/rooms.repository';
import { type VisitorIdentity } from '../widget/visitor-tokens.service';
import { RealtimeBus } from '../realtime/realtime-bus.service';

export type Signal = { kind: 'typing'; typing: boolean } | { kind: 'message:read'; seq: number };

type SignalEvent =
  | ['typing', Parameters<ServerToClientEvents['typing']>[0]]
  | ['message:read', Parameters<ServerToClientEvents['message:read']>[0]];

/**
 * Typing and read receipts: passed to the other side of the room, never stored. A visitor's
 * reach the agents in their room; an agent's reach the visitor of a room assigned to them.
 */
@Injectable()
export class PresenceSignals {
  constructor(
    private readonly rooms: RoomsRepository,
    private readonly realtime: RealtimeBus,
  ) {}

  fromVisitor(visitor: VisitorIdentity & { name: string }, signal: Signal): { ok: true } {
    const from: Sender = { type: 'visitor', id: visitor.visitorId, name: visitor.name };
    const { tenantId, roomId } = visitor;
    const [event, body] = signalEvent(roomId, signal, from);
    if (event === 'typing') this.realtime.toAgentsInRoom(tenantId, roomId, event, body);
    else this.realtime.toAgentsInRoom(tenantId, roomId, event, body);
    return { ok: true };
  }

  async fromAgent(agent: Principal, roomId: string | undefined, signal: Signal) {
    const room = await this.assignedRoom(roomId, agent);
    const from: Sender = { type: 'agent', id: agent.userId, name: agent.name };
    const [event, body] = signalEvent(room, signal, from);
    if (event === 'typing') this.realtime.toVisitor(agent.tenantId, room, event, body);
    else this.realtime.toVisitor(agent.tenantId, room, event, body);
    return { ok: true as const };
  }

  private async assignedRoom(roomId: string | undefined, agent: Principal): Promise<string> {
    if (!roomId) throw chatErrors.invalid('roomId: required');
    const room = await this.rooms.findById(roomId);
    if (!room) throw chatErrors.roomNotFound();
    if (room.agentId !== agent.userId) throw chatErrors.notYourRoom();
    return room.id;
  }
}

function signalEvent(roomId: string, signal: Signal, from: Sender): SignalEvent {
  return signal.kind === 'typing'
    ? ['typing', { roomId, typing: signal.typing, sender: from }]
    : ['message:read', { roomId, seq: signal.seq, reader: from }];
}
