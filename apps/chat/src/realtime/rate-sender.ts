/**
 * Who a limit counts: the visitor of a room, however many sockets their token opens, or an
 * agent, however many tabs they have. Never a socket: a new socket would be a fresh allowance.
 */
export type RateSender =
  | { side: 'visitor'; tenantId: string; roomId: string }
  | { side: 'agent'; tenantId: string; agentId: string };

/** The sender's name in Redis keys, unique within its tenant. */
export function rateSenderId(sender: RateSender): string {
  return sender.side === 'visitor' ? `visitor:${sender.roomId}` : `agent:${sender.agentId}`;
}

/** A visitor is counted by their room, whatever number of sockets their token opens. */
export function visitorSender(visitor: { tenantId: string; roomId: string }): RateSender {
  return { side: 'visitor', tenantId: visitor.tenantId, roomId: visitor.roomId };
}

/** An agent is counted as one sender across all their tabs and sockets. */
export function agentSender(agent: { tenantId: string; userId: string }): RateSender {
  return { side: 'agent', tenantId: agent.tenantId, agentId: agent.userId };
}
