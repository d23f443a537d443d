/**
 * Who sees a saved reply: `shared` ones every agent of the workspace (`canned:manage` changes
 * them), `personal` ones only the agent who owns them.
 */
export type CannedReplyScope = 'shared' | 'personal';

/** A saved reply, as `GET /api/tenant/canned-replies` answers it. */
export interface CannedReplyView {
  id: string;
  /** What the agent types after `/` in the composer. */
  shortcut: string;
  title: string | null;
  /** May hold the placeholders of `CANNED_REPLY_PLACEHOLDERS`, filled when inserted. */
  body: string;
  scope: CannedReplyScope;
  /** The agent a personal reply belongs to; null for a shared one. */
  ownerId: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export const CANNED_REPLY_LIMITS = {
  shortcutLength: 32,
  titleLength: 80,
  // A reply is inserted whole into a message, whose limit this is.
  bodyLength: 4000,
  sharedPerTenant: 500,
  personalPerAgent: 100,
} as const;

/** Lower-case letters, digits, `-` and `_`: easy to type after `/`, never ending the shortcut early. */
export const CANNED_REPLY_SHORTCUT = /^[a-z0-9_-]+$/;
