import type { ChatMessage, RoomNote } from '@app/contracts';

/** Something that happened in a room between messages ("Visitor is away"), shown inline. */
export interface RoomNotice {
  id: string;
  /** The room's last seq when it happened: the notice follows that message. */
  afterSeq: number;
  text: string;
  at: string;
}

/** What sits between messages: a notice, or an agent's private note. */
type Between = { kind: 'notice'; notice: RoomNotice } | { kind: 'note'; note: RoomNote };

export type TimelineEntry = { kind: 'message'; message: ChatMessage } | Between;

const afterSeqOf = (entry: Between) =>
  entry.kind === 'notice' ? entry.notice.afterSeq : entry.note.afterSeq;
const atOf = (entry: Between) => (entry.kind === 'notice' ? entry.notice.at : entry.note.createdAt);

/**
 * Messages with the notices and notes placed after the message they followed, in the order
 * they happened. Those older than the first loaded message wait until earlier history is
 * loaded rather than appearing out of place.
 */
export function interleaveNotices(
  messages: readonly ChatMessage[],
  notices: readonly RoomNotice[],
  hasEarlier: boolean,
  notes: readonly RoomNote[] = [],
): TimelineEntry[] {
  const firstSeq = messages[0]?.seq ?? Number.POSITIVE_INFINITY;
  const between: Between[] = [
    ...notices.map((notice) => ({ kind: 'notice' as const, notice })),
    ...notes.map((note) => ({ kind: 'note' as const, note })),
  ];
  const ordered = between
    .filter((entry) => !hasEarlier || afterSeqOf(entry) >= firstSeq)
    .sort((a, b) => afterSeqOf(a) - afterSeqOf(b) || atOf(a).localeCompare(atOf(b)));
  const entries: TimelineEntry[] = [];
  let next = 0;
  const placeNoticesBefore = (seq: number) => {
    while (next < ordered.length && afterSeqOf(ordered[next]) < seq) entries.push(ordered[next++]);
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
