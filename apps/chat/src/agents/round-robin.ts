/** The next agent after `lastId` (wrapping round) with room for a chat, other than `skipId`. */
export function nextInTurn<T extends { id: string; free: number }>(
  agents: T[],
  lastId: string | null,
  skipId: string | null,
): T | undefined {
  const eligible = agents.filter((agent) => agent.free > 0 && agent.id !== skipId);
  return eligible.find((agent) => lastId === null || agent.id > lastId) ?? eligible[0];
}
