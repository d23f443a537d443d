import { z } from 'zod';
import { defineEvent } from '../define-event';

/**
 * An Intercom conversation of a tenant with the Intercom bridge was closed by an Intercom admin
 * (`conversation.admin.closed`, by webhook or found by the polling fallback). Keyed by the
 * Intercom conversation. `roomId` names the Parley room it is bridged to, null when the
 * conversation started in Intercom: review invitations key by the room when there is one and
 * by the Intercom conversation otherwise, so a tenant using Parley only as the bridge still
 * gets one invitation per conversation. Published at least once; consumers dedupe.
 */
export const IntercomConversationClosedV1 = defineEvent({
  type: 'chat.intercom-conversation.closed',
  version: 1,
  keyKind: 'chatroom',
  payload: z.object({
    intercomConversationId: z.string().min(1),
    roomId: z.string().min(1).nullable(),
    chatbotId: z.string().min(1).nullable(),
    /** The Intercom contact the conversation is with; the email is null when Intercom has none. */
    contact: z.object({ email: z.string().nullable(), name: z.string().nullable() }),
    /** The Intercom admin who closed it, as Intercom names them. */
    closedBy: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    closedAt: z.iso.datetime(),
  }),
});
