import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { fetchHistory, fetchRoom, type RoomDetails } from './chat-api';
import { useInbox } from './InboxProvider';

/**
 * A room's details and its newest page of messages, loaded when the conversation opens.
 * `notFound` also covers another tenant's room: the API answers 404 for both.
 */
export function useRoomDetails(roomId: string) {
  const { dispatch } = useInbox();
  const [details, setDetails] = useState<RoomDetails | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    (async () => {
      const room = await fetchRoom(roomId);
      if (!current) return;
      setDetails(room);
      dispatch({ type: 'rooms-known', rooms: [room] });
      const page = await fetchHistory(roomId, room.lastSeq + 1);
      if (!current) return;
      dispatch({
        type: 'history-loaded',
        roomId,
        messages: page.messages,
        hasEarlier: page.hasMore,
        latest: true,
      });
    })().catch((failure: unknown) => current && setError(failure));
    return () => {
      current = false;
    };
  }, [roomId, dispatch]);

  const notFound = error instanceof ApiError && error.status === 404;
  return { details, error: notFound ? null : error, notFound };
}
