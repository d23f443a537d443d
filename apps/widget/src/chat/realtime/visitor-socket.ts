import type { ClientToServerEvents, ServerToClientEvents, VisitorHandshake } from '@app/contracts';
import { io, type Socket } from 'socket.io-client';
import { affinityId } from '../../shared/visitor-session';

export type VisitorSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The visitor's socket for one room. `resumeAfter` is asked on every (re)connect: the server
 * then replays every message after that `seq`.
 */
export function connectVisitor(
  baseUrl: string,
  visitorToken: string,
  resumeAfter: () => number,
): VisitorSocket {
  return io(`${baseUrl}/visitor`, {
    path: '/socket.io',
    auth: (answer) =>
      answer({ token: visitorToken, lastSeq: resumeAfter() } satisfies VisitorHandshake),
    query: { affinity: affinityId() },
    // Each conversation gets its own connection: a new one must not inherit a closed one's.
    forceNew: true,
  });
}
