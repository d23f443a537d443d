import { type ChatMessage, type VisitorHandshake } from '@app/contracts';
import { forTenant } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { BlockedVisitorsRepository } from '../blocking/blocked-visitors.repository';
import { MessagesService } from '../messages/messages.service';
import { socketRooms } from '../redis-keys';
import { roomUpdate } from '../rooms/room-summary';
import { RoomsRepository } from '../rooms/rooms.repository';
import { StandbyService } from '../standby/standby.service';
import { type VisitorIdentity, VisitorTokensService } from '../widget/visitor-tokens.service';

/** `address`: the client's, by the same rule as REST (TRUSTED_PROXIES). */
export type VisitorSession = VisitorIdentity & { name: string; address: string };

/**
 * A visitor's connection to their room: who the socket is, what it missed, and the standby
 * that a connection ends and a disconnection may start.
 */
@Injectable()
export class VisitorSessions {
  constructor(
    private readonly tokens: VisitorTokensService,
    private readonly rooms: RoomsRepository,
    private readonly messages: MessagesService,
    private readonly standby: StandbyService,
    private readonly blockedVisitors: BlockedVisitorsRepository,
  ) {}

  /**
   * The visitor a valid room token names, or null; also null from an address the tenant blocked
   * (a token of an older room does not carry a blocked visitor past the block).
   */
  async authenticate(handshake: VisitorHandshake, address: string): Promise<VisitorSession | null> {
    const identity = this.tokens.verify(handshake.token);
    if (!identity) return null;
    return forTenant(identity.tenantId, 'a visitor token names its room’s tenant', async () => {
      const room = await this.rooms.findById(identity.roomId);
      if (!room || (await this.blockedVisitors.isAddressBlocked(address))) return null;
      return { ...identity, name: room.visitor.name, address };
    });
  }

  socketRooms(visitor: VisitorSession): string[] {
    return [
      socketRooms.room(visitor.tenantId, visitor.roomId),
      socketRooms.visitorsOf(visitor.tenantId, visitor.roomId),
    ];
  }

  /** Every message after `lastSeq`, in order. */
  missed(visitor: VisitorSession, lastSeq = 0): Promise<ChatMessage[]> {
    return this.messages.replay(visitor.roomId, lastSeq);
  }

  /** The visitor is here: a standby ends, and the room's state is what to tell them. */
  async resume(visitor: VisitorSession) {
    const room = await this.standby.visitorBack((await this.rooms.findById(visitor.roomId))!);
    const { visitorAway: _, ...update } = roomUpdate(room);
    return update;
  }

  /** `seenUpTo`: the last seq sent to the socket that closed, where known. */
  async left(visitor: VisitorSession, seenUpTo: number | null): Promise<void> {
    const room = await this.rooms.findById(visitor.roomId);
    if (room) await this.standby.visitorLeft(room, seenUpTo);
  }
}
