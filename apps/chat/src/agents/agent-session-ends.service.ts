import { type Principal } from '@app/auth';
import { type AgentSessionEndReason } from '@app/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { type Namespace, type Socket } from 'socket.io';
import { socketRooms } from '../redis-keys';

/** Which of an agent's sockets to end: those of one session, or those with older tokens. */
export interface AgentSessionsEnd {
  tenantId: string;
  agentId: string;
  reason: AgentSessionEndReason;
  sessionId?: string;
  /** Epoch milliseconds: sockets whose access token was issued before. */
  issuedBefore?: number;
}

/** Between chat replicas: end these sessions' sockets where they are connected. */
const END_SESSIONS = 'agent-sessions:end';

/** How long a told socket may take to acknowledge `session:ended` before it is closed anyway. */
const ACK_WAIT_MS = 1000;

/**
 * Ends agent sockets whose session ended, telling each why first (`session:ended`). With
 * connection state recovery every emit goes out through the adapter, after a disconnect made at
 * once: so the socket is closed when the client acknowledges, or after ACK_WAIT_MS. Sockets on
 * other replicas are reached by a server-side event, each replica ending its own.
 */
@Injectable()
export class AgentSessionEnds {
  private readonly logger = new Logger(AgentSessionEnds.name);
  private agents?: Namespace;

  attach(namespace: Namespace): void {
    this.agents = namespace;
    namespace.on(END_SESSIONS, (end: AgentSessionsEnd) =>
      this.endHere(end).catch((error: Error) =>
        this.logger.warn(`ending agent sessions failed: ${error.message}`),
      ),
    );
  }

  /**
   * On every replica. Through the adapter rather than `namespace.serverSideEmit`, which drops the
   * publication's promise: a failure to reach Redis then rejects here, and the caller (a Kafka
   * handler) tries again, instead of being lost as an unhandled rejection.
   */
  async end(end: AgentSessionsEnd): Promise<void> {
    if (!this.agents) return;
    await this.endHere(end);
    await (this.agents.adapter.serverSideEmit([END_SESSIONS, end]) as Promise<void> | void);
  }

  /** Tells one socket why its session ended, then closes it. */
  endSocket(socket: Socket, reason: AgentSessionEndReason): void {
    socket.timeout(ACK_WAIT_MS).emit('session:ended', { reason }, () => socket.disconnect(true));
  }

  private async endHere(end: AgentSessionsEnd): Promise<void> {
    if (!this.agents) return;
    const room = socketRooms.agent(end.tenantId, end.agentId);
    for (const socket of await this.agents.in(room).local.fetchSockets()) {
      const principal = (socket.data as { principal?: Principal }).principal;
      if (principal && ended(principal, end))
        this.endSocket(socket as unknown as Socket, end.reason);
    }
  }
}

function ended(principal: Principal, end: AgentSessionsEnd): boolean {
  if (end.sessionId !== undefined) return principal.sessionId === end.sessionId;
  return end.issuedBefore !== undefined && principal.issuedAt.getTime() < end.issuedBefore;
}
