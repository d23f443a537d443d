import type { QueuePage, RoomSummary } from '@app/contracts';
import { useState } from 'react';
import { api } from '../api/client';
import { explainError } from '../ui/explainError';

const MORE_PAGE_SIZE = 100;

/**
 * The queue past the first page the socket keeps live: pages fetched on demand, so that a flood
 * of sessions never hides a visitor who waits behind it. Rooms that the live page has caught up
 * with are shown there, not twice.
 */
export function useQueuePages(firstPage: RoomSummary[] | null, nextCursor: string | null) {
  const [more, setMore] = useState<{ rooms: RoomSummary[]; cursor: string | null } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cursor = more ? more.cursor : nextCursor;

  async function loadMore(): Promise<void> {
    if (!cursor || loading) return;
    setLoading(true);
    setError(null);
    try {
      const page = await api<QueuePage>('/api/chat/rooms/queue', {
        query: { cursor, limit: MORE_PAGE_SIZE },
      });
      setMore((before) => ({
        rooms: [...(before?.rooms ?? []), ...page.rooms],
        cursor: page.nextCursor,
      }));
    } catch (failure) {
      setError(explainError(failure));
    } finally {
      setLoading(false);
    }
  }

  // With no page after the live one, every waiting room is in it: what was fetched is stale.
  if (nextCursor === null) return { further: [], canLoadMore: false, loadMore, loading, error };
  const live = new Set((firstPage ?? []).map((room) => room.roomId));
  const further = (more?.rooms ?? []).filter((room) => !live.has(room.roomId));
  return { further, canLoadMore: cursor !== null, loadMore, loading, error };
}
