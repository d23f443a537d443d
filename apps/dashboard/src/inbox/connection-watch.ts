import { accessToken } from '../api/session';
import type { AgentSocket } from './agent-socket';

/**
 * `connecting`: never connected yet; `reconnecting`: the connection was lost;
 * `signed-out`: the session ended.
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'signed-out';

const RETRY_DELAYS_MS = [1000, 2000, 5000, 10_000];

/**
 * Keeps the socket connected: socket.io retries lost transports itself, but not a handshake the
 * server refused. `unauthorized` usually means the access token expired while the page slept:
 * the token is refreshed and the socket reconnects. Refused again with a fresh token, chat could
 * not check it for now (say, the tenant service restarting during a deploy), so it is tried
 * again with a growing delay, like any other refusal (`unavailable`), never given up on: who
 * may take chats at all is decided by the session's permissions, before any socket.
 * `session:ended` before a disconnect (token expired, permissions changed, signed out
 * elsewhere) reconnects at once with a refreshed token, or reports the session signed out.
 */
export function watchConnection(
  socket: AgentSocket,
  report: (state: ConnectionState) => void,
): () => void {
  let everConnected = false;
  let retries = 0;
  let unauthorizedInARow = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const retryLater = () => {
    const delay = RETRY_DELAYS_MS[Math.min(retries, RETRY_DELAYS_MS.length - 1)];
    retries++;
    retryTimer = setTimeout(() => socket.connect(), delay);
  };

  const onConnect = () => {
    everConnected = true;
    retries = 0;
    unauthorizedInARow = 0;
    report('connected');
  };

  // Reconnects with a token refreshed now; no session left to refresh means signed out.
  const refreshAndReconnect = () => {
    accessToken(true)
      .then((token) => {
        if (stopped) return;
        if (token) socket.connect();
        else report('signed-out');
      })
      .catch(() => {
        if (!stopped) retryLater();
      });
  };

  const onConnectError = (error: Error) => {
    report(everConnected ? 'reconnecting' : 'connecting');
    if (socket.active) return;
    if (error.message !== 'unauthorized') return retryLater();
    if (unauthorizedInARow++ > 0) return retryLater();
    refreshAndReconnect();
  };

  // Chat says why it is about to close the socket when the session is what ended it.
  let sessionEnded = false;
  const onSessionEnded = (_event: unknown, acknowledge: () => void) => {
    sessionEnded = true;
    acknowledge();
  };

  const onDisconnect = (reason: string) => {
    report('reconnecting');
    if (reason !== 'io server disconnect') return;
    // The access token expired or what the agent may do changed: a refreshed token reconnects
    // at once (replaying what was missed). A signed-out session cannot refresh: signed out.
    if (sessionEnded) {
      sessionEnded = false;
      return refreshAndReconnect();
    }
    // The server closed this socket (a replica shutting down, too many messages): socket.io
    // leaves such a socket closed, but the agent still wants the inbox live.
    retryLater();
  };

  socket.on('connect', onConnect);
  socket.on('connect_error', onConnectError);
  socket.on('disconnect', onDisconnect);
  socket.on('session:ended', onSessionEnded);
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    socket.off('connect', onConnect);
    socket.off('connect_error', onConnectError);
    socket.off('disconnect', onDisconnect);
    socket.off('session:ended', onSessionEnded);
  };
}
