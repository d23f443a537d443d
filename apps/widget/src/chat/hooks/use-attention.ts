import { useEffect, useRef, useState } from 'preact/hooks';
import { beep } from '../sound/beep';
import { highestSeq, type Timeline, unreadCount } from '../state/timeline';

/**
 * What the visitor has seen of the conversation: messages count as seen while it is visible;
 * agent messages arriving while it is not raise the unread count and chime once each.
 */
export function useAttention(timeline: Timeline, visible: boolean, initiallySeen: number) {
  const [seenSeq, setSeenSeq] = useState(initiallySeen);
  const chimedUpTo = useRef(initiallySeen);
  const topSeq = highestSeq(timeline);

  useEffect(() => {
    if (visible && topSeq > seenSeq) setSeenSeq(topSeq);
  }, [visible, topSeq, seenSeq]);

  useEffect(() => {
    const fresh = timeline.some(
      (message) => message.sender.type === 'agent' && message.seq > chimedUpTo.current,
    );
    chimedUpTo.current = Math.max(chimedUpTo.current, topSeq);
    if (fresh && !visible) beep();
  }, [timeline, topSeq, visible]);

  return { seenSeq, unread: unreadCount(timeline, seenSeq) };
}
