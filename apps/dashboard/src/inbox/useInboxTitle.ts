import { useEffect } from 'react';
import { myRooms, unreadOf } from './inbox-state';
import { useInbox } from './InboxProvider';

/** Unread messages and waiting visitors in the tab's title, seen from any other tab. */
export function useInboxTitle(): void {
  const { state } = useInbox();
  const unread = myRooms(state).reduce((sum, room) => sum + unreadOf(state, room.roomId), 0);
  const waiting = state.queue?.length ?? 0;
  useEffect(() => {
    const previous = document.title;
    const counts = [unread && `${unread} unread`, waiting && `${waiting} waiting`].filter(Boolean);
    document.title = counts.length > 0 ? `(${counts.join(', ')}) Inbox · Parley` : 'Inbox · Parley';
    return () => {
      document.title = previous;
    };
  }, [unread, waiting]);
}
