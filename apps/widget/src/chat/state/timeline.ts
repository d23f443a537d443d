import type { ChatMessage } from '@app/contracts';

/**
 * The conversation's messages in `seq` order, each once. A message can arrive twice around a
 * reconnect (replay plus live) and `seq` may skip numbers, so order by `seq`, dedupe by `id`.
 */
export type Timeline = readonly ChatMessage[];

/** The timeline with `message` in its place; the same timeline if it was already there. */
export function withMessage(timeline: Timeline, message: ChatMessage): Timeline {
  const known = timeline.find((entry) => entry.id === message.id);
  // An ack stands in for the stored message until its broadcast comes, which alone has the
  // links of the message's files.
  if (known && known.attachments === undefined && message.attachments !== undefined)
    return timeline.map((entry) => (entry === known ? message : entry));
  if (known) return timeline;
  let index = timeline.length;
  while (index > 0 && timeline[index - 1].seq > message.seq) index--;
  return [...timeline.slice(0, index), message, ...timeline.slice(index)];
}

export function highestSeq(timeline: Timeline): number {
  return timeline.at(-1)?.seq ?? 0;
}

/** Agent messages after the last one the visitor saw: the launcher's badge. */
export function unreadCount(timeline: Timeline, seenSeq: number): number {
  return timeline.filter((message) => message.sender.type === 'agent' && message.seq > seenSeq)
    .length;
}
