import type { RoomSummary, ServerToClientEvents } from '@app/contracts';
import { useCallback, useEffect, useState } from 'react';
import { fetchOfflineRooms } from './chat-api';
import { useInbox } from './InboxProvider';

/**
 * Offline messages no agent has taken yet: loaded on connect, and again whenever one arrives
 * or one of them is taken or closed (`room:updated`).
 */
export function useOfflineRooms() {
  const { socket, connection } = useInbox();
  const [rooms, setRooms] = useState<RoomSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    fetchOfflineRooms().then(
      (found) => {
        setRooms(found);
        setError(null);
      },
      (failed: unknown) => setError(failed),
    );
  }, []);

  useEffect(() => {
    if (connection === 'connected') load();
  }, [connection, load]);

  useEffect(() => {
    const onUpdated: ServerToClientEvents['room:updated'] = (update) => {
      if (update.status === 'offline' || rooms?.some((room) => room.roomId === update.roomId))
        load();
    };
    socket.on('room:updated', onUpdated);
    return () => {
      socket.off('room:updated', onUpdated);
    };
  }, [socket, rooms, load]);

  return { rooms, error };
}
