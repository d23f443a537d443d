import { readItem, removeItem, writeItem } from './browser-storage';
import { randomId } from './random-id';

/** A conversation this browser has with one chatbot, kept across page loads. */
export interface VisitorSession {
  roomId: string;
  visitorToken: string;
  /** The highest `seq` the visitor has had in front of their eyes: later agent messages are unread. */
  seenSeq: number;
  /** The room was seen closed: the next page load does not reconnect on its own. */
  closed?: boolean;
}

const sessionKey = (chatbotId: string) => `parley:session:${chatbotId}`;

export function loadSession(chatbotId: string): VisitorSession | null {
  try {
    const stored = JSON.parse(readItem(sessionKey(chatbotId)) ?? 'null') as VisitorSession | null;
    return stored && typeof stored.roomId === 'string' && typeof stored.visitorToken === 'string'
      ? { ...stored, seenSeq: Number(stored.seenSeq) || 0 }
      : null;
  } catch {
    return null;
  }
}

export function saveSession(chatbotId: string, session: VisitorSession): void {
  writeItem(sessionKey(chatbotId), JSON.stringify(session));
}

export function forgetSession(chatbotId: string): void {
  removeItem(sessionKey(chatbotId));
}

/** A session worth reconnecting to as soon as the page loads (a reload inside the standby). */
export function hasLiveSession(chatbotId: string): boolean {
  const session = loadSession(chatbotId);
  return session !== null && !session.closed;
}

const AFFINITY_KEY = 'parley:affinity';

/**
 * One random id per browser, sent with every socket.io request: nginx hashes on it to keep a
 * long-polling client on the chat replica that holds its session.
 */
export function affinityId(): string {
  const existing = readItem(AFFINITY_KEY);
  if (existing) return existing;
  const created = randomId(12);
  writeItem(AFFINITY_KEY, created);
  return created;
}
