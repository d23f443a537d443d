import { TenantContext } from '@app/tenancy';
import {
  type ClientToServerEvents,
  messageReadSchema,
  messageSendSchema,
  type ServerToClientEvents,
  typingSchema,
} from '@app/contracts';
import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { type Namespace, type Socket } from 'socket.io';
import { chatErrors } from '../chat-errors';
import { MessagesService } from '../messages/messages.service';
import { socketRooms } from '../redis-keys';
import { RoomsRepository } from '../rooms/rooms.repository';
import { roomUpdate } from '../rooms/room-summary';
import { StandbyService } from '../standby/standby.service';
import { VisitorTokensService } from '../widget/visitor-tokens.service';
import { MessageRateLimiter } from './message-rate-limiter.service';
import { RealtimeBus } from './realtime-bus.service';
import { handleSocketEvent, useHandshakeAuth } from './socket-handler';

interface VisitorData {
  tenantId: string;
  roomId: string;
  visitorId: string;
  name: string;
}

type VisitorSocket = Socket<ClientToServerEvents, ServerToClientEvents, object, VisitorData>;

/**
 * `/visitor`: one room per socket, named by the visitor's token. On connect the visitor gets
 * every message after the `lastSeq` it sends, in order, and a room in standby resumes.
 */
@WebSocketGateway({ namespace: 'visitor' })
export class VisitorGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(VisitorGateway.name);

  constructor(
    private readonly tokens: VisitorTokensService,
    private readonly rooms: RoomsRepository,
    private readonly messages: MessagesService,
    private readonly standby: StandbyService,
    private readonly realtime: RealtimeBus,
    private readonly rateLimiter: MessageRateLimiter,
  ) {}

  afterInit(namespace: Namespace): void {
    this.realtime.attach('visitor', namespace);
    useHandshakeAuth(namespace, async (auth) => {
      const identity = this.tokens.verify(auth.token);
      if (!identity) return null;
      const room = await TenantContext.run(identity.tenantId, () =>
        this.rooms.findById(identity.roomId),
      );
      return room && { ...identity, name: room.visitor.name };
    });
  }

  async handleConnection(socket: VisitorSocket): Promise<void> {
    const { tenantId, roomId } = socket.data;
    if (!tenantId) return;
    await TenantContext.run(tenantId, async () => {
      socket.join([socketRooms.room(tenantId, roomId), socketRooms.visitorsOf(tenantId, roomId)]);
      // A socket.io-recovered connection already got what it missed from the adapter.
      if (!socket.recovered) {
        const lastSeq = Number(socket.handshake.auth?.lastSeq ?? 0);
        const missed = await this.messages.replay(roomId, Number.isFinite(lastSeq) ? lastSeq : 0);
        for (const message of missed) socket.emit('message:new', message);
      }
      const room = await this.standby.visitorBack((await this.rooms.findById(roomId))!);
      await this.standby.visitorSeen(room);
      const { visitorAway: _, ...update } = roomUpdate(room);
      socket.emit('room:updated', update);
    }).catch((error: Error) => this.logger.warn(`visitor connect failed: ${error.message}`));
  }

  async handleDisconnect(socket: VisitorSocket): Promise<void> {
    const { tenantId, roomId } = socket.data;
    if (!tenantId || this.realtime.shuttingDown) return;
    await TenantContext.run(tenantId, async () => {
      const room = await this.rooms.findById(roomId);
      if (room) await this.standby.visitorLeft(room);
    }).catch((error: Error) => this.logger.warn(`visitor disconnect failed: ${error.message}`));
  }

  @SubscribeMessage('message:send')
  send(@ConnectedSocket() socket: VisitorSocket, @MessageBody() payload: unknown) {
    const { tenantId, roomId, visitorId, name } = socket.data;
    return handleSocketEvent(tenantId, messageSendSchema, payload, async (input) => {
      if (input.roomId && input.roomId !== roomId) throw chatErrors.roomNotFound();
      const [, room] = await Promise.all([
        this.rateLimiter.admit(socket, tenantId),
        this.rooms.findById(roomId),
      ]);
      if (!room) throw chatErrors.roomNotFound();
      const { message } = await this.messages.send(
        room,
        { type: 'visitor', id: visitorId, name },
        input,
      );
      return { id: message.id, seq: message.seq };
    });
  }

  @SubscribeMessage('typing')
  typing(@ConnectedSocket() socket: VisitorSocket, @MessageBody() payload: unknown) {
    const { tenantId, roomId, visitorId, name } = socket.data;
    return handleSocketEvent(tenantId, typingSchema, payload, async (input) => {
      this.realtime.toAgentsInRoom(tenantId, roomId, 'typing', {
        roomId,
        typing: input.typing,
        sender: { type: 'visitor', id: visitorId, name },
      });
      return { ok: true as const };
    });
  }

  @SubscribeMessage('message:read')
  read(@ConnectedSocket() socket: VisitorSocket, @MessageBody() payload: unknown) {
    const { tenantId, roomId, visitorId, name } = socket.data;
    return handleSocketEvent(tenantId, messageReadSchema, payload, async (input) => {
      this.realtime.toAgentsInRoom(tenantId, roomId, 'message:read', {
        roomId,
        seq: input.seq,
        reader: { type: 'visitor', id: visitorId, name },
      });
      return { ok: true as const };
    });
  }
}
