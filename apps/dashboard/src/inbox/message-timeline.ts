import type { ChatMessage } from '@app/contracts';

/**
 * A room's messages as the agent sees them: one per `id`, in `seq` order. The same message
 * may arrive twice (a replay after a reconnect, a history page overlapping live ones), and
 * `seq` may skip numbers, so order comes from sorting, never from counting.
 */
export function mergeMessages(
  current: readonly ChatMessage[],
  incoming: readonly ChatMessage[],
): ChatMessage[] {
  if (incoming.length === 0) return current as ChatMessage[];
  const byId = new Map(current.map((message) => [message.id, message]));
  // The server's copy wins over a provisional one built from a send's ack.
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** The highest `seq` among the messages, 0 for none. */
export function highestSeq(messages: readonly ChatMessage[]): number {
  return messages.length === 0 ? 0 : messages[messages.length - 1].seq;
}

/** The lowest `seq` among the messages: where "Load earlier" continues from. */
export function lowestSeq(messages: readonly ChatMessage[]): number | undefined {
  return messages[0]?.seq;
}

/** The seq of the last visitor message, 0 for none: what reading the room acknowledges. */
export function lastVisitorSeq(messages: readonly ChatMessage[]): number {
  for (let index = messages.length - 1; index >= 0; index--)
    if (messages[index].sender.type === 'visitor') return messages[index].seq;
  return 0;
}

/** The agent's latest message in the room, under which "Seen" is shown. */
export function lastAgentMessage(messages: readonly ChatMessage[]): ChatMessage | undefined {
  for (let index = messages.length - 1; index >= 0; index--)
    if (messages[index].sender.type === 'agent') return messages[index];
  return undefined;
}

/** Visitor messages after `readSeq`: each counts once however often it arrived. */
export function unreadCount(messages: readonly ChatMessage[], readSeq: number): number {
  let count = 0;
  for (const message of messages)
    if (message.seq > readSeq && message.sender.type === 'visitor') count++;
  return count;
}
