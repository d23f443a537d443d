import { type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { type MessageMappingProperties } from '@nestjs/websockets';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type Redis from 'ioredis';
import { filter, type Observable } from 'rxjs';
import { type Server, type ServerOptions, type Socket } from 'socket.io';

/**
 * socket.io across chat replicas through Redis streams: unlike the pub/sub adapter it survives
 * a Redis reconnect without losing packets, and it supports connection state recovery.
 */
export class RedisStreamsIoAdapter extends IoAdapter {
  private readonly adapterClients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly redis: Redis,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, {
      ...options,
      path: '/socket.io',
      // The widget runs on tenants' sites: a socket proves itself with its token, not its origin.
      cors: { origin: true, credentials: false },
      maxHttpBufferSize: 64 * 1024,
      pingInterval: 20_000,
      pingTimeout: 20_000,
      connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
    });
    // XREAD BLOCK holds its connection for seconds: the adapter gets a connection of its own,
    // without the shared client's short command timeout, and it is closed with the server.
    const client = this.redis.duplicate({
      commandTimeout: undefined,
      maxRetriesPerRequest: null,
      enableAutoPipelining: false,
    });
    handlePublishFailures(client);
    this.adapterClients.push(client);
    server.adapter(createAdapter(client, { streamName: 'parley:socket.io', maxLen: 50_000 }));
    return server;
  }

  /**
   * Nest's binding with plain listeners: Nest keeps an RxJS pipeline per handler per socket
   * for the socket's whole life (about a dozen subscribers), which is most of what an idle
   * visitor costs beyond socket.io itself. Each event still goes through `transform` (Nest's
   * guards, pipes and filters) as in Nest; a socket's events end with the socket.
   */
  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        // As rxjs' fromEvent, which Nest uses: several arguments arrive as one array.
        const { data, ack } = this.mapPayload(args.length === 1 ? args[0] : args);
        transform(callback(data, ack))
          .pipe(filter((response) => response !== null && response !== undefined))
          .subscribe((response) => {
            const reply = response as { event?: string; data?: unknown };
            if (reply.event) socket.emit(reply.event, reply.data);
            else if (!isAckHandledManually && typeof ack === 'function') ack(response);
          });
      });
    }
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    // disconnect, not quit: quit waits for a Redis that may be unreachable.
    for (const client of this.adapterClients.splice(0)) client.disconnect();
  }
}

/**
 * The adapter publishes some messages over pub/sub without waiting on the answer (cluster-wide
 * `fetchSockets`, server-side emits): once its client is closed at shutdown, a socket that
 * disconnects meanwhile made a rejection nobody handled, which crashes a process that treats
 * those as fatal. Callers that wait on the answer still get the failure.
 */
export function handlePublishFailures(client: Redis): void {
  const publish = client.publish.bind(client) as (...args: unknown[]) => Promise<number>;
  const observed = (...args: unknown[]): Promise<number> => {
    const sent = publish(...args);
    sent.catch(() => undefined);
    return sent;
  };
  client.publish = observed as unknown as Redis['publish'];
}
