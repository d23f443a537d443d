import { useCallback, useState } from 'react';

// Per room, for the visit: switching chats mid-sentence keeps what was typed.
const drafts = new Map<string, string>();

export function useDraft(roomId: string): [string, (text: string) => void] {
  const [draft, setDraftState] = useState(() => drafts.get(roomId) ?? '');
  const setDraft = useCallback(
    (text: string) => {
      if (text) drafts.set(roomId, text);
      else drafts.delete(roomId);
      setDraftState(text);
    },
    [roomId],
  );
  return [draft, setDraft];
}
