import { AccessTokenVerifier, type Principal } from '@app/auth';
import { TenantContext } from '@app/tenancy';
import {
  agentStatusSchema,
  type ClientToServerEvents,
  messageReadSchema,
  messageSendSchema,
  roomCloseSchema,
  roomRefSchema,
  roomTransferSchema,
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
import { z } from 'zod';
import { AgentPresence } from '../agents/agent-presence.service';
import { chatErrors } from '../chat-errors';
import { DirectoryRepository } from '../directory/directory.repository';
import { ChatNotificationsService } from '../messages/chat-notifications.service';
import { MessagesService } from '../messages/messages.service';
import { socketRooms } from '../redis-keys';
import { RoomsRepository } from '../rooms/rooms.repository';
import { RoomsService } from '../rooms/rooms.service';
import { VisitorTokensService } from '../widget/visitor-tokens.service';
import { MessageRateLimiter } from './message-rate-limiter.service';
import { RealtimeBus } from './realtime-bus.service';
import { handleSocketEvent, useHandshakeAuth } from './socket-handler';

type AgentSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  object,
  { principal: Principal }
>;

const joinSchema = roomRefSchema.extend({ lastSeq: z.number().int().min(0).optional() });

/**
 * `/agent`: agents with `chats:join` see the queue live, join rooms (atomically), chat, and
 * close, leave or transfer. On reconnect, `auth.lastSeqs` ({ roomId: seq }) replays what each
 * of their rooms missed.
 */
@WebSocketGateway({ namespace: 'agent' })
export class AgentGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(AgentGateway.name);

  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly directory: DirectoryRepository,
    private readonly rooms: RoomsRepository,
    private readonly roomsService: RoomsService,
    private readonly messages: MessagesService,
    private readonly notifications: ChatNotificationsService,
    private readonly visitorTokens: VisitorTokensService,
    private readonly realtime: RealtimeBus,
    private readonly rateLimiter: MessageRateLimiter,
    private readonly presence: AgentPresence,
  ) {}

  afterInit(namespace: Namespace): void {
    this.realtime.attach('agent', namespace);
    useHandshakeAuth(namespace, async (auth) => {
      const principal = await this.authenticate(auth.token);
      return principal && { principal };
    });
  }

  async handleConnection(socket: AgentSocket): Promise<void> {
    const principal = socket.data.principal;
    if (!principal) return;
    const { tenantId, userId } = principal;
    await TenantContext.run(tenantId, async () => {
      const mine = await this.rooms.openRoomsOf(userId);
      socket.join([
        socketRooms.agents(tenantId),
        socketRooms.agent(tenantId, userId),
        ...mine.map((room) => socketRooms.room(tenantId, room.id)),
      ]);
      const lastSeqs = (socket.handshake.auth?.lastSeqs ?? {}) as Record<string, unknown>;
      for (const room of mine) {
        const lastSeq = Number(lastSeqs[room.id]);
        if (!Number.isFinite(lastSeq)) continue;
        for (const message of await this.messages.replay(room.id, lastSeq))
          socket.emit('message:new', message);
      }
      socket.emit('queue:updated', { rooms: await this.roomsService.queue() });
      await this.presence.connected(tenantId, { id: userId, name: principal.name });
      this.roomsService.assignmentChance(tenantId);
    }).catch((error: Error) => this.logger.warn(`agent connect failed: ${error.message}`));
  }

  async handleDisconnect(socket: AgentSocket): Promise<void> {
    const principal = socket.data.principal;
    if (!principal || this.realtime.shuttingDown) return;
    await TenantContext.run(principal.tenantId, () =>
      this.presence.disconnected(principal.tenantId, {
        id: principal.userId,
        name: principal.name,
      }),
    ).catch((error: Error) => this.logger.warn(`agent disconnect failed: ${error.message}`));
  }

  /** Available for chats (`online`) or not (`away`); away agents get no auto-assigned rooms. */
  @SubscribeMessage('agent:status')
  status(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    const principal = socket.data.principal;
    return handleSocketEvent(principal.tenantId, agentStatusSchema, payload, async (input) => {
      const agent = { id: principal.userId, name: principal.name };
      await this.presence.choose(principal.tenantId, agent, input.status);
      if (input.status === 'online') this.roomsService.assignmentChance(principal.tenantId);
      return { status: input.status };
    });
  }

  @SubscribeMessage('room:join')
  join(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    const principal = socket.data.principal;
    return handleSocketEvent(principal.tenantId, joinSchema, payload, async (input) => {
      const room = await this.roomsService.join(input.roomId, principal);
      socket.join(socketRooms.room(principal.tenantId, input.roomId));
      for (const message of await this.messages.replay(input.roomId, input.lastSeq ?? 0))
        socket.emit('message:new', message);
      return { room };
    });
  }

  @SubscribeMessage('message:send')
  send(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    const principal = socket.data.principal;
    return handleSocketEvent(principal.tenantId, messageSendSchema, payload, async (input) => {
      if (!input.roomId) throw chatErrors.invalid('roomId: required');
      const [, room] = await Promise.all([
        this.rateLimiter.admit(socket, principal.tenantId),
        this.rooms.findById(input.roomId),
      ]);
      if (!room) throw chatErrors.roomNotFound();
      if (room.status !== 'active' || room.agentId !== principal.userId)
        throw chatErrors.notYourRoom();
      const sent = await this.messages.send(
        room,
        { type: 'agent', id: principal.userId, name: principal.name },
        input,
      );
      // The visitor is away: email them the reply, once per absence.
      if (!sent.duplicate && room.awayUntil && (await this.rooms.claimAwayNotification(room.id))) {
        const token = this.visitorTokens.issue({
          visitorId: room.visitor.id,
          roomId: room.id,
          tenantId: room.tenantId,
        });
        await this.notifications.agentReplied(room, principal.name, sent.message.body, token);
      }
      return { id: sent.message.id, seq: sent.message.seq };
    });
  }

  @SubscribeMessage('room:close')
  close(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    const principal = socket.data.principal;
    return handleSocketEvent(principal.tenantId, roomCloseSchema, payload, async (input) => ({
      room: await this.roomsService.close(input.roomId, input.reason, principal),
    }));
  }

  @SubscribeMessage('room:leave')
  leave(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    const principal = socket.data.principal;
    return handleSocketEvent(principal.tenantId, roomRefSchema, payload, async (input) => ({
      room: await this.roomsService.leave(input.roomId, principal),
    }));
  }

  @SubscribeMessage('room:transfer')
  transfer(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    const principal = socket.data.principal;
    return handleSocketEvent(principal.tenantId, roomTransferSchema, payload, async (input) => {
      if (!principal.permissions.includes('chats:transfer')) throw chatErrors.notYourRoom();
      return { room: await this.roomsService.transfer(input.roomId, principal, input.agentId) };
    });
  }

  @SubscribeMessage('typing')
  typing(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    const principal = socket.data.principal;
    return handleSocketEvent(principal.tenantId, typingSchema, payload, async (input) => {
      const room = await this.ownRoom(input.roomId, principal);
      this.realtime.toVisitor(principal.tenantId, room, 'typing', {
        roomId: room,
        typing: input.typing,
        sender: { type: 'agent', id: principal.userId, name: principal.name },
      });
      return { ok: true as const };
    });
  }

  @SubscribeMessage('message:read')
  read(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    const principal = socket.data.principal;
    return handleSocketEvent(principal.tenantId, messageReadSchema, payload, async (input) => {
      const room = await this.ownRoom(input.roomId, principal);
      this.realtime.toVisitor(principal.tenantId, room, 'message:read', {
        roomId: room,
        seq: input.seq,
        reader: { type: 'agent', id: principal.userId, name: principal.name },
      });
      return { ok: true as const };
    });
  }

  private async ownRoom(roomId: string | undefined, principal: Principal): Promise<string> {
    if (!roomId) throw chatErrors.invalid('roomId: required');
    const room = await this.rooms.findById(roomId);
    if (!room) throw chatErrors.roomNotFound();
    if (room.agentId !== principal.userId) throw chatErrors.notYourRoom();
    return room.id;
  }

  /** A valid token of an agent who may join chats and is (as far as chat knows) active. */
  private async authenticate(token: unknown): Promise<Principal | null> {
    const principal = await this.verifier.verify(token);
    if (!principal || !principal.permissions.includes('chats:join')) return null;
    const entry = await TenantContext.run(principal.tenantId, () =>
      this.directory.findAgent(principal.userId),
    );
    // Whichever is newer decides: a token issued after the directory's last event wins; a
    // deactivation announced after the token was issued wins. An `invited` entry only means the
    // activation event is still on its way (tokens are issued to active users only).
    if (!entry || entry.status === 'invited' || entry.syncedAt < principal.issuedAt)
      return principal;
    if (entry.status !== 'active' || !entry.permissions.includes('chats:join')) return null;
    return { ...principal, permissions: entry.permissions, name: entry.name };
  }
}
