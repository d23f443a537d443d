import {
  type ClientToServerEvents,
  messageReadSchema,
  messageSendSchema,
  type SocketError,
  type ServerToClientEvents,
  typingSchema,
  visitorHandshakeSchema,
} from '@app/contracts';
import { InjectConfig } from '@app/config';
import { clientAddress, proxyTrust, type ProxyTrust } from '@app/platform';
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
import { type ChatConfig } from '../chat.config';
import { ConversationService } from '../conversations/conversation.service';
import { type VisitorSession, VisitorSessions } from '../visitors/visitor-sessions.service';
import { MessageRateLimiter } from '../realtime/message-rate-limiter.service';
import { visitorSender } from '../realtime/rate-sender';
import { SenderLimits } from '../realtime/sender-limits.service';
import { PresenceSignals } from '../conversations/presence-signals.service';
import { RealtimeBus } from '../realtime/realtime-bus.service';
import { handleSocketEvent, inSocketTenant, useHandshakeAuth } from './socket-handler';

type VisitorSocket = Socket<ClientToServerEvents, ServerToClientEvents, object, VisitorSession>;

/**
 * `/visitor`: one room per socket, named by the visitor's token. On connect (recovered or not)
 * the visitor gets every message after the `lastSeq` it sends, then the live ones: in seq order,
 * each once (MessageDelivery); a room in standby resumes.
 */
@WebSocketGateway({ namespace: 'visitor' })
export class VisitorGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(VisitorGateway.name);

  private readonly proxies: ProxyTrust;
  /**
   * Each socket's connection work: its disconnection waits for it, so that a connection still
   * being set up when its socket closes cannot end the standby that the closing starts.
   */
  private readonly connecting = new WeakMap<VisitorSocket, Promise<void>>();

  constructor(
    @InjectConfig() config: ChatConfig,
    private readonly sessions: VisitorSessions,
    private readonly conversation: ConversationService,
    private readonly signals: PresenceSignals,
    private readonly realtime: RealtimeBus,
    private readonly rateLimiter: MessageRateLimiter,
    private readonly limits: SenderLimits,
  ) {
    this.proxies = proxyTrust(config.TRUSTED_PROXIES);
  }

  afterInit(namespace: Namespace): void {
    this.realtime.attach('visitor', namespace);
    useHandshakeAuth(namespace, visitorHandshakeSchema, async (auth, request) => {
      const visitor = await this.sessions.authenticate(auth, clientAddress(request, this.proxies));
      // Counted per room, after the token is proven: a stranger cannot lock a visitor out.
      if (visitor) await this.limits.consume('connect', visitorSender(visitor));
      return visitor;
    });
  }

  handleConnection(socket: VisitorSocket): Promise<void> {
    const connected = this.connect(socket);
    this.connecting.set(socket, connected);
    return connected;
  }

  private async connect(socket: VisitorSocket): Promise<void> {
    const visitor = socket.data;
    if (!visitor.tenantId) return;
    // Live messages wait behind the replay: joined first, so none is missed in between.
    const lastSeq = (socket.handshake.auth as { lastSeq?: number }).lastSeq ?? 0;
    const messages = this.realtime.delivery.startReplay(socket, visitor.tenantId, visitor.roomId);
    await inSocketTenant(visitor.tenantId, async () => {
      // Closed already: joining now would leave its id in the adapter's rooms for good.
      if (socket.disconnected) return;
      socket.join(this.sessions.socketRooms(visitor));
      messages.replayed(await this.sessions.missed(visitor, lastSeq), lastSeq);
      socket.emit('room:updated', await this.sessions.resume(visitor));
    }).catch((error: Error) => {
      // What waited is sent; a gap before it is read from the database.
      messages.replayed([], lastSeq);
      this.logger.warn(`visitor connect failed: ${error.message}`);
    });
  }

  async handleDisconnect(socket: VisitorSocket): Promise<void> {
    const visitor = socket.data;
    if (!visitor.tenantId || this.realtime.shuttingDown) return;
    await this.connecting.get(socket);
    const seenUpTo = this.realtime.delivery.lastSentTo(socket, visitor.roomId);
    await inSocketTenant(visitor.tenantId, () => this.sessions.left(visitor, seenUpTo)).catch(
      (error: Error) => this.logger.warn(`visitor disconnect failed: ${error.message}`),
    );
  }

  @SubscribeMessage('message:send')
  send(@ConnectedSocket() socket: VisitorSocket, @MessageBody() payload: unknown) {
    const visitor = socket.data;
    return handleSocketEvent(visitor.tenantId, messageSendSchema, payload, (input) =>
      this.conversation.sendAsVisitor(visitor, input, () =>
        this.rateLimiter.admit(socket, visitorSender(visitor)),
      ),
    );
  }

  /** Private notes are written by agents only: a visitor's is refused, and nothing is stored. */
  @SubscribeMessage('note:add')
  note(): SocketError {
    return { error: { code: 'forbidden', message: 'notes are for agents only' } };
  }

  @SubscribeMessage('typing')
  typing(@ConnectedSocket() socket: VisitorSocket, @MessageBody() payload: unknown) {
    const visitor = socket.data;
    return handleSocketEvent(visitor.tenantId, typingSchema, payload, async (input) => {
      await this.limits.consume('signal', visitorSender(visitor));
      return this.signals.fromVisitor(visitor, { kind: 'typing', typing: input.typing });
    });
  }

  @SubscribeMessage('message:read')
  read(@ConnectedSocket() socket: VisitorSocket, @MessageBody() payload: unknown) {
    const visitor = socket.data;
    return handleSocketEvent(visitor.tenantId, messageReadSchema, payload, async (input) => {
      await this.limits.consume('signal', visitorSender(visitor));
      return this.signals.fromVisitor(visitor, { kind: 'message:read', seq: input.seq });
    });
  }
}
