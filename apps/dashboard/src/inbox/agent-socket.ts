import type {
  AgentHandshake,
  ClientToServerEvents,
  ServerToClientEvents,
  SocketError,
} from '@app/contracts';
import { io, type Socket } from 'socket.io-client';
import { accessToken } from '../api/session';
import { chatAffinity } from './affinity';
import { SocketRequestError, unwrapAck } from './socket-errors';

export type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 10_000;

/**
 * The page's one `/agent` socket. The handshake is built afresh on every (re)connect, so it
 * always carries a valid access token and the highest seq seen per open room: the server then
 * replays exactly the messages this page missed.
 */
export function createAgentSocket(lastSeqs: () => Record<string, number>): AgentSocket {
  return io('/agent', {
    path: '/socket.io',
    autoConnect: false,
    // Its own connection, not one shared with an earlier mount of the inbox.
    forceNew: true,
    query: { affinity: chatAffinity() },
    auth: (callback) => {
      accessToken()
        .catch(() => null)
        .then((token) => callback({ token, lastSeqs: lastSeqs() } satisfies AgentHandshake));
    },
  });
}

type RequestEvent = Exclude<keyof ClientToServerEvents, 'typing' | 'message:read'>;
type Payload<E extends RequestEvent> = Parameters<ClientToServerEvents[E]>[0];
type Answer<E extends RequestEvent> = Exclude<
  Parameters<NonNullable<Parameters<ClientToServerEvents[E]>[1]>>[0],
  SocketError
>;

// socket.io's acknowledgement types do not resolve for an event name that is itself generic.
interface TimedEmitter {
  timeout(milliseconds: number): {
    emit(
      event: string,
      payload: unknown,
      ack: (error: Error | null, answer: unknown) => void,
    ): void;
  };
}

/**
 * Sends a request and resolves to its ack's answer; rejects with a SocketRequestError for an
 * error answer, no answer in time, or no connection (socket.io would otherwise buffer the
 * request and send it whenever the connection came back, long after the agent gave up).
 */
export function request<E extends RequestEvent>(
  socket: AgentSocket,
  event: E,
  payload: Payload<E>,
): Promise<Answer<E>> {
  if (!socket.connected) return Promise.reject(new SocketRequestError('disconnected'));
  return new Promise((resolve, reject) => {
    (socket as unknown as TimedEmitter)
      .timeout(ACK_TIMEOUT_MS)
      .emit(event, payload, (error, answer) => {
        if (error) reject(new SocketRequestError(socket.connected ? 'timeout' : 'disconnected'));
        else {
          try {
            resolve(unwrapAck(answer as Answer<E> | SocketError));
          } catch (refused) {
            reject(refused);
          }
        }
      });
  });
}
