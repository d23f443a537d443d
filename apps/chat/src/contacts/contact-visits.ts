import { type AddressSighting, type BrowserSighting, type Contact } from './contact.schema';

/** How many distinct browsers and addresses a contact keeps: the most recently seen. */
export const SIGHTINGS_KEPT = 20;

/** One conversation's start, as `chat.chatroom.created` tells it. */
export interface Visit {
  email: string;
  name: string;
  ip: string;
  browser: Omit<BrowserSighting, 'lastSeenAt'>;
  at: Date;
}

/** Emails are matched trimmed and in lower case: `Ana@Example.com ` is `ana@example.com`. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export type ContactState = Omit<Contact, '_id' | 'tenantId' | 'email' | 'updatedAt'>;

/** The contact a first visit makes. */
export function firstVisit(visit: Visit): ContactState {
  return recordVisit(
    {
      name: visit.name,
      nameSetBy: null,
      firstSeenAt: visit.at,
      lastSeenAt: visit.at,
      browsers: [],
      addresses: [],
    },
    visit,
  );
}

/**
 * The contact after one more visit. Visits may arrive late or twice (events of different rooms
 * are not ordered; delivery is at least once): the outcome is the same in any order, and a
 * visit applied again changes nothing.
 */
export function recordVisit(contact: ContactState, visit: Visit): ContactState {
  const latest = visit.at >= contact.lastSeenAt;
  return {
    // An agent's name stands; otherwise the one given in the latest conversation.
    name: contact.nameSetBy === null && latest ? visit.name : contact.name,
    nameSetBy: contact.nameSetBy,
    firstSeenAt: visit.at < contact.firstSeenAt ? visit.at : contact.firstSeenAt,
    lastSeenAt: latest ? visit.at : contact.lastSeenAt,
    browsers: sighted(contact.browsers, { ...visit.browser, lastSeenAt: visit.at }, browserKey),
    addresses: sighted(contact.addresses, { ip: visit.ip, lastSeenAt: visit.at }, (a) => a.ip),
  };
}

const browserKey = (browser: Omit<BrowserSighting, 'lastSeenAt'>): string =>
  [browser.name, browser.version, browser.os, browser.device].map((part) => part ?? '').join('|');

/** The list with `seen` merged in (distinct by key, latest sighting kept), newest first, bounded. */
function sighted<T extends BrowserSighting | AddressSighting>(
  list: T[],
  seen: T,
  key: (item: T) => string,
): T[] {
  const byKey = new Map(list.map((item) => [key(item), item]));
  const known = byKey.get(key(seen));
  if (!known || known.lastSeenAt < seen.lastSeenAt) byKey.set(key(seen), seen);
  return [...byKey.values()]
    .sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime())
    .slice(0, SIGHTINGS_KEPT);
}
