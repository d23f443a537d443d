import { useEffect, useRef } from 'react';
import { useInbox } from './InboxProvider';
import { highestSeq, lastVisitorSeq } from './message-timeline';
import { usePageVisible } from './usePageVisible';

/**
 * While the agent can see a conversation, its messages count as read; in the agent's own
 * chat the visitor is told too, once per newer visitor message.
 */
export function useReadReceipts(roomId: string, mine: boolean): void {
  const { state, actions, connection } = useInbox();
  const visible = usePageVisible();
  const timeline = state.timelines[roomId] ?? [];
  const seen = highestSeq(timeline);
  const visitorSeq = lastVisitorSeq(timeline);
  const acknowledged = useRef(0);

  useEffect(() => {
    if (!visible || seen === 0) return;
    const tellVisitor = mine && connection === 'connected' && visitorSeq > acknowledged.current;
    if (tellVisitor) acknowledged.current = visitorSeq;
    actions.markRead(roomId, seen, tellVisitor ? visitorSeq : undefined);
  }, [roomId, mine, visible, seen, visitorSeq, connection, actions]);
}
