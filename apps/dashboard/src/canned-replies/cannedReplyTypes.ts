import type { CannedReplyView, Jsonified } from '@app/contracts';

/** A canned reply as GET /api/tenant/canned-replies answers it. */
export type CannedReply = Jsonified<CannedReplyView>;

/** What the canned reply form edits. */
export type CannedReplyDraft = Pick<CannedReply, 'shortcut' | 'title' | 'body' | 'scope'>;
