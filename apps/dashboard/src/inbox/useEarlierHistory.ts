import { useCallback, useState } from 'react';
import { fetchHistory } from './chat-api';
import { useInbox } from './InboxProvider';
import { lowestSeq } from './message-timeline';

/** "Load earlier": the page of history before the oldest message shown. */
export function useEarlierHistory(roomId: string) {
  const { state, dispatch } = useInbox();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const oldest = lowestSeq(state.timelines[roomId] ?? []);

  const loadEarlier = useCallback(async () => {
    if (oldest === undefined) return;
    setLoading(true);
    setError(null);
    try {
      const page = await fetchHistory(roomId, oldest);
      dispatch({
        type: 'history-loaded',
        roomId,
        messages: page.messages,
        hasEarlier: page.hasMore,
        latest: false,
      });
    } catch (failure) {
      setError(failure);
    } finally {
      setLoading(false);
    }
  }, [roomId, oldest, dispatch]);

  return {
    hasEarlier: state.hasEarlier[roomId] ?? false,
    loadEarlier,
    loading,
    error,
  };
}
