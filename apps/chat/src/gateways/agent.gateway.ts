import { type Principal } from '@app/auth';
import {
  agentHandshakeSchema,
  agentActivitySchema,
  agentStatusSchema,
  type ClientToServerEvents,
  messageReadSchema,
  messageSendSchema,
  noteAddSchema,
  roomCloseSchema,
  roomJoinSchema,
  roomReassignSchema,
  roomRefSchema,
  roomTransferSchema,
  roomUpdateSchema,
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
import { AgentAuthenticator } from '../agents/agent-authenticator.service';
import { AgentSessionEnds } from '../agents/agent-session-ends.service';
import { AgentSessions } from '../agents/agent-sessions.service';
import { ConversationService } from '../conversations/conversation.service';
import { NotesService } from '../notes/notes.service';
import { RoomMoves } from '../rooms/room-moves.service';
import { RoomsService } from '../rooms/rooms.service';
import { MessageRateLimiter } from '../realtime/message-rate-limiter.service';
import { agentSender } from '../realtime/rate-sender';
import { SenderLimits } from '../realtime/sender-limits.service';
import { PresenceSignals } from '../conversations/presence-signals.service';
import { RealtimeBus } from '../realtime/realtime-bus.service';
import { handleSocketEvent, inSocketTenant, useHandshakeAuth } from './socket-handler';

type AgentSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  object,
  { principal: Principal }
>;

/**
 * `/agent`: agents with `chats:join` see the queue live, join rooms (atomically), chat, and
 * close, leave or transfer. On reconnect, `auth.lastSeqs` ({ roomId: seq }) replays what each
 * of their rooms missed.
 */
@WebSocketGateway({ namespace: 'agent' })
export class AgentGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(AgentGateway.name);

  constructor(
    private readonly authenticator: AgentAuthenticator,
    private readonly sessions: AgentSessions,
    private readonly sessionEnds: AgentSessionEnds,
    private readonly rooms: RoomsService,
    private readonly moves: RoomMoves,
    private readonly conversation: ConversationService,
    private readonly signals: PresenceSignals,
    private readonly realtime: RealtimeBus,
    private readonly rateLimiter: MessageRateLimiter,
    private readonly limits: SenderLimits,
    private readonly notes: NotesService,
  ) {}

  afterInit(namespace: Namespace): void {
    this.realtime.attach('agent', namespace);
    this.sessionEnds.attach(namespace);
    useHandshakeAuth(namespace, agentHandshakeSchema, async (auth) => {
      const principal = await this.authenticator.authenticate(auth.token);
      return principal && { principal };
    });
  }

  async handleConnection(socket: AgentSocket): Promise<void> {
    const principal = socket.data.principal;
    if (!principal) return;
    this.endAtExpiry(socket, principal);
    const lastSeqs = (socket.handshake.auth as { lastSeqs?: Record<string, number> }).lastSeqs;
    await inSocketTenant(principal.tenantId, async () => {
      const { socketRooms, openRoomIds } = await this.sessions.socketRooms(principal);
      // The rooms it asks to resume: their live messages wait behind their replays.
      const resumed = openRoomIds
        .filter((roomId) => lastSeqs?.[roomId] !== undefined)
        .map((roomId) => ({
          roomId,
          lastSeq: lastSeqs![roomId],
          messages: this.realtime.delivery.startReplay(socket, principal.tenantId, roomId),
        }));
      socket.join(socketRooms);
      try {
        for (const { roomId, lastSeq, messages } of resumed)
          messages.replayed(await this.sessions.missed(roomId, lastSeq), lastSeq);
      } catch (error) {
        // Replays not read: what waited goes out, and a gap before it is read from the database.
        for (const { lastSeq, messages } of resumed) messages.replayed([], lastSeq);
        throw error;
      }
      socket.emit('queue:updated', await this.sessions.queue(principal));
      await this.sessions.announce(principal);
    }).catch((error: Error) => this.logger.warn(`agent connect failed: ${error.message}`));
  }

  /**
   * A socket holds no longer than its access token: at `exp` the agent is told (`session:ended`,
   * `expired`) and the socket closes; the dashboard reconnects with a refreshed token and lastSeqs,
   * missing nothing. The timer lives with the socket: a replica that dies takes both.
   */
  private endAtExpiry(socket: AgentSocket, principal: Principal): void {
    const timer = setTimeout(
      () => this.sessionEnds.endSocket(socket, 'expired'),
      Math.max(0, principal.expiresAt.getTime() - Date.now()),
    );
    socket.once('disconnect', () => clearTimeout(timer));
  }

  async handleDisconnect(socket: AgentSocket): Promise<void> {
    const principal = socket.data.principal;
    if (!principal || this.realtime.shuttingDown) return;
    await inSocketTenant(principal.tenantId, () => this.sessions.end(principal)).catch(
      (error: Error) => this.logger.warn(`agent disconnect failed: ${error.message}`),
    );
  }

  @SubscribeMessage('agent:status')
  status(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    const principal = socket.data.principal;
    return handleSocketEvent(principal.tenantId, agentStatusSchema, payload, (input) =>
      this.sessions.choose(principal, input.status),
    );
  }

  /** The dashboard is in use: postpones the automatic away (the client throttles it). */
  @SubscribeMessage('agent:activity')
  activity(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    const principal = socket.data.principal;
    return handleSocketEvent(principal.tenantId, agentActivitySchema, payload ?? {}, () =>
      this.sessions.activity(principal),
    );
  }

  @SubscribeMessage('room:join')
  join(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    const principal = socket.data.principal;
    return handleSocketEvent(principal.tenantId, roomJoinSchema, payload, async (input) => {
      const { room, socketRoom } = await this.sessions.join(principal, input.roomId);
      const lastSeq = input.lastSeq ?? 0;
      const messages = this.realtime.delivery.startReplay(socket, principal.tenantId, room.roomId);
      socket.join(socketRoom);
      try {
        messages.replayed(await this.sessions.missed(room.roomId, lastSeq), lastSeq);
      } catch (error) {
        messages.replayed([], lastSeq);
        throw error;
      }
      return { room };
    });
  }

  @SubscribeMessage('message:send')
  send(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    const principal = socket.data.principal;
    return handleSocketEvent(principal.tenantId, messageSendSchema, payload, async (input) => {
      const sent = await this.conversation.sendAsAgent(principal, input, () =>
        this.rateLimiter.admit(socket, agentSender(principal)),
      );
      this.sessions.noteActivity(principal);
      return sent;
    });
  }

  @SubscribeMessage('note:add')
  note(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    const principal = socket.data.principal;
    return handleSocketEvent(principal.tenantId, noteAddSchema, payload, async (input) => {
      await this.limits.consume('note', agentSender(principal));
      return { note: await this.notes.add(principal, input) };
    });
  }

  @SubscribeMessage('room:close')
  close(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    const principal = socket.data.principal;
    return handleSocketEvent(principal.tenantId, roomCloseSchema, payload, async (input) => ({
      room: await this.rooms.close(input.roomId, input.reason, principal),
    }));
  }

  @SubscribeMessage('room:leave')
  leave(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    const principal = socket.data.principal;
    return handleSocketEvent(principal.tenantId, roomRefSchema, payload, async (input) => ({
      room: await this.rooms.leave(input.roomId, principal),
    }));
  }

  @SubscribeMessage('room:transfer')
  transfer(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    const principal = socket.data.principal;
    return handleSocketEvent(principal.tenantId, roomTransferSchema, payload, async (input) => ({
      room:
        'teamId' in input
          ? await this.moves.transferToTeam(input.roomId, principal, input.teamId)
          : await this.rooms.transfer(input.roomId, principal, input.agentId),
    }));
  }

  @SubscribeMessage('room:reassign')
  reassign(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    const principal = socket.data.principal;
    return handleSocketEvent(principal.tenantId, roomReassignSchema, payload, async (input) => {
      const { roomId, ...target } = input;
      return { room: await this.moves.reassign(roomId, principal, target) };
    });
  }

  @SubscribeMessage('room:update')
  update(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    const principal = socket.data.principal;
    return handleSocketEvent(principal.tenantId, roomUpdateSchema, payload, async (input) => {
      const { roomId, ...fields } = input;
      return { room: await this.moves.update(roomId, principal, fields) };
    });
  }

  @SubscribeMessage('typing')
  typing(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    const principal = socket.data.principal;
    return handleSocketEvent(principal.tenantId, typingSchema, payload, async (input) => {
      await this.limits.consume('signal', agentSender(principal));
      this.sessions.noteActivity(principal);
      return this.signals.fromAgent(principal, input.roomId, {
        kind: 'typing',
        typing: input.typing,
      });
    });
  }

  @SubscribeMessage('message:read')
  read(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    const principal = socket.data.principal;
    return handleSocketEvent(principal.tenantId, messageReadSchema, payload, async (input) => {
      await this.limits.consume('signal', agentSender(principal));
      return this.signals.fromAgent(principal, input.roomId, {
        kind: 'message:read',
        seq: input.seq,
      });
    });
  }
}
