import { type ChatMessage } from '@app/contracts';
import { forTenant } from '@app/tenancy';
import { Logger } from '@nestjs/common';
import { type Namespace, type Socket } from 'socket.io';
import { socketRooms } from '../redis-keys';
import { RoomStream } from './room-stream';

/** Reads a room's stored messages with seqs `from` to `to` (in its tenant's context). */
export type MessageReader = (roomId: string, from: number, to: number) => Promise<ChatMessage[]>;

/** The server-side event that carries a new message to the other replicas. */
export const MESSAGE_TO_REPLICAS = 'parley:message';

/**
 * `message:new` to sockets, each socket's messages of each room through its own RoomStream: in
 * seq order, each once, none before the socket's replay. A new message goes to this replica's
 * sockets in its room directly and to the other replicas as a server-side event, which each
 * delivers to its own sockets the same way: a room broadcast could not hold a socket's copy
 * back while its replay is read.
 */
export class MessageDelivery {
  private readonly logger = new Logger(MessageDelivery.name);
  private readonly streams = new WeakMap<Socket, Map<string, RoomStream>>();
  private readonly namespaces: Namespace[] = [];
  private reader: MessageReader | null = null;

  attach(namespace: Namespace): void {
    this.namespaces.push(namespace);
  }

  /** How gaps are read; set by the message store (it sits above the realtime layer). */
  readWith(reader: MessageReader): void {
    this.reader = reader;
  }

  /**
   * A socket about to join a room and be sent what it missed: live messages of the room wait
   * until `replayed`. Call before joining the socket to the room.
   */
  startReplay(socket: Socket, tenantId: string, roomId: string): RoomStream {
    const stream = this.streamOf(socket, tenantId, roomId);
    stream.startReplay();
    return stream;
  }

  /** A new message, to this replica's sockets in its room. */
  deliverHere(tenantId: string, message: ChatMessage): void {
    const room = socketRooms.room(tenantId, message.roomId);
    for (const namespace of this.namespaces)
      for (const id of namespace.adapter.rooms.get(room) ?? []) {
        const socket = namespace.sockets.get(id);
        if (socket) this.streamOf(socket, tenantId, message.roomId).offer(message);
      }
  }

  /** The last seq of the room sent to the socket (still known once it closed). */
  lastSentTo(socket: Socket, roomId: string): number | null {
    return this.streams.get(socket)?.get(roomId)?.lastSentSeq ?? null;
  }

  private streamOf(socket: Socket, tenantId: string, roomId: string): RoomStream {
    let rooms = this.streams.get(socket);
    if (!rooms) {
      const created = new Map<string, RoomStream>();
      rooms = created;
      this.streams.set(socket, created);
      socket.once('disconnect', () => {
        for (const stream of created.values()) stream.close();
      });
    }
    let stream = rooms.get(roomId);
    if (!stream) {
      stream = new RoomStream({
        emit: (message) => socket.emit('message:new', message),
        read: (from, to) => this.read(tenantId, roomId, from, to),
        failed: (error) =>
          this.logger.warn(`messages ${roomId} not read for socket ${socket.id}: ${error.message}`),
      });
      rooms.set(roomId, stream);
    }
    return stream;
  }

  private read(tenantId: string, roomId: string, from: number, to: number) {
    const reader = this.reader;
    if (!reader) return Promise.resolve([]);
    return forTenant(tenantId, 'a socket’s missing messages are of its room’s tenant', () =>
      reader(roomId, from, to),
    );
  }
}
