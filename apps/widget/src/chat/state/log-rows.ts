import type { ChatMessage } from '@app/contracts';
import type { Notice } from './conversation-state';
import type { Timeline } from './timeline';

export type LogRow = { kind: 'message'; message: ChatMessage } | { kind: 'notice'; notice: Notice };

/** Messages in order, each notice right after the message that was last when it happened. */
export function logRows(timeline: Timeline, notices: readonly Notice[]): LogRow[] {
  const rows: LogRow[] = [];
  const noticesUpTo = (seq: number, remaining: Notice[]) => {
    while (remaining.length && remaining[0].afterSeq < seq)
      rows.push({ kind: 'notice', notice: remaining.shift()! });
  };
  const remaining = [...notices].sort((first, second) => first.afterSeq - second.afterSeq);
  for (const message of timeline) {
    noticesUpTo(message.seq, remaining);
    rows.push({ kind: 'message', message });
  }
  noticesUpTo(Infinity, remaining);
  return rows;
}
