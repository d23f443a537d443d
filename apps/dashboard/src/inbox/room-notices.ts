import type { ChatMessage } from '@app/contracts';

/** Something that happened in a room between messages ("Visitor is away"), shown inline. */
export interface RoomNotice {
  id: string;
  /** The room's last seq when it happened: the notice follows that message. */
  afterSeq: number;
  text: string;
  at: string;
}

export type TimelineEntry =
  { kind: 'message'; message: ChatMessage } | { kind: 'notice'; notice: RoomNotice };

/**
 * Messages with the notices placed after the message they followed. Notices older than the
 * first loaded message wait until earlier history is loaded rather than appearing out of place.
 */
export function interleaveNotices(
  messages: readonly ChatMessage[],
  notices: readonly RoomNotice[],
  hasEarlier: boolean,
): TimelineEntry[] {
  const firstSeq = messages[0]?.seq ?? Number.POSITIVE_INFINITY;
  const visible = notices.filter((notice) => !hasEarlier || notice.afterSeq >= firstSeq);
  const ordered = [...visible].sort((a, b) => a.afterSeq - b.afterSeq);
  const entries: TimelineEntry[] = [];
  let next = 0;
  const placeNoticesBefore = (seq: number) => {
    while (next < ordered.length && ordered[next].afterSeq < seq)
      entries.push({ kind: 'notice', notice: ordered[next++] });
  };
  messages.forEach((message, index) => {
    if (index === 0) placeNoticesBefore(message.seq);
    entries.push({ kind: 'message', message });
    placeNoticesBefore(messages[index + 1]?.seq ?? Number.POSITIVE_INFINITY);
  });
  placeNoticesBefore(Number.POSITIVE_INFINITY);
  return entries;
}

/** The notice for a change of the visitor's presence, if it changed. */
export function presenceNoticeText(wasAway: boolean, isAway: boolean): string | undefined {
  if (wasAway === isAway) return undefined;
  return isAway ? 'Visitor is away' : 'Visitor is back';
}
