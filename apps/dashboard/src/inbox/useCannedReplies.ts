import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { CannedReply } from '../canned-replies/cannedReplyTypes';

// One request serves every composer of the inbox; a long-open inbox still sees new shared ones.
const KEEP_MS = 5 * 60_000;
/** Per user: a personal reply is its owner's alone, even after another signs in on this tab. */
let cached: { at: number; userId: string; replies: Promise<CannedReply[]> } | null = null;

function loadCannedReplies(userId: string): Promise<CannedReply[]> {
  if (cached && cached.userId === userId && Date.now() - cached.at < KEEP_MS) return cached.replies;
  const replies = api<{ cannedReplies: CannedReply[] }>('/api/tenant/canned-replies')
    .then((answer) => answer.cannedReplies)
    .catch(() => {
      // Not kept: the next composer asks again.
      if (cached?.replies === replies) cached = null;
      return [];
    });
  cached = { at: Date.now(), userId, replies };
  return replies;
}

/** The next reader loads them again: after leaving the inbox, or a change on their page. */
export function forgetCannedReplies(): void {
  cached = null;
}

/** The canned replies `userId` may insert (empty until loaded, or if they cannot be). */
export function useCannedReplies(userId: string): CannedReply[] {
  const [replies, setReplies] = useState<CannedReply[]>([]);
  useEffect(() => {
    let current = true;
    void loadCannedReplies(userId).then((loaded) => current && setReplies(loaded));
    return () => {
      current = false;
    };
  }, [userId]);
  return replies;
}
