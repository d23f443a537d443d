import { ROOM_PRIORITIES, type RoomPriority } from '@app/contracts';

/** An agent auto-assignment may give a room to, as one round sees them. */
export interface Candidate {
  id: string;
  name: string;
  /** How many more chats the agent may take. */
  free: number;
  /** Chats the agent has open now (counting those given this round). */
  open: number;
  /** When the agent last got an auto-assigned room (ms; 0: never), kept in Redis. */
  lastAssignedAt: number;
  /** The teams the agent belongs to; undefined for a supervisor, who may take any room. */
  teamIds?: string[];
}

/** What the choice reads of a waiting room. */
export interface WaitingRoom {
  previousAgentId: string | null;
  priority?: RoomPriority;
  teamId?: string | null;
  queuedAt: Date;
}

/**
 * Whether the agent may be given the room: the one place where routing (teams) narrows
 * round-robin. A room routed to a team goes to that team's members.
 */
export function eligibleFor(room: WaitingRoom, agent: Candidate): boolean {
  if (!room.teamId || agent.teamIds === undefined) return true;
  return agent.teamIds.includes(room.teamId);
}

/**
 * The agent who gets the room: among those eligible, with room for a chat and other than the
 * agent who just left it, the one with the fewest open chats, then the one who waited longest
 * since their last auto-assigned room, then by id. So no agent gets a second room while another
 * eligible agent has none, and equals take turns.
 */
export function nextInTurn(agents: Candidate[], room: WaitingRoom): Candidate | undefined {
  let best: Candidate | undefined;
  for (const agent of agents) {
    if (agent.free <= 0 || agent.id === room.previousAgentId || !eligibleFor(room, agent)) continue;
    if (!best || before(agent, best)) best = agent;
  }
  return best;
}

function before(a: Candidate, b: Candidate): boolean {
  if (a.open !== b.open) return a.open < b.open;
  if (a.lastAssignedAt !== b.lastAssignedAt) return a.lastAssignedAt < b.lastAssignedAt;
  return a.id < b.id;
}

const rank = (priority: RoomPriority | undefined) => ROOM_PRIORITIES.indexOf(priority ?? 'normal');

/** Waiting rooms in the order they are served: urgent first, then the longest waiting. */
export function servingOrder<T extends WaitingRoom>(rooms: T[]): T[] {
  return [...rooms].sort(
    (a, b) => rank(b.priority) - rank(a.priority) || a.queuedAt.getTime() - b.queuedAt.getTime(),
  );
}
