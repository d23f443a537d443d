import { z } from 'zod';
import { defineEvent } from '../define-event';
import { CSAT_RATINGS } from '../rest/csat';

export const csatRatingSchema = z.literal(CSAT_RATINGS);

/**
 * A visitor rated a conversation closed as resolved (keyed by room). A later rating replaces the
 * first: it has the next `revision`, its own event id (derived from the room and the revision, so
 * a republished rating is the same event) and names the rating it replaces in `replaces`, so a
 * consumer counting ratings takes the old one out and counts each conversation once.
 */
export const CsatRatedV1 = defineEvent({
  type: 'chat.csat.rated',
  version: 1,
  keyKind: 'chatroom',
  payload: z.object({
    roomId: z.string().min(1),
    chatbotId: z.string().min(1),
    /** 1 for the room's first rating, then 2, 3… for each that replaces the one before. */
    revision: z.number().int().min(1),
    rating: csatRatingSchema,
    /** Whether the visitor wrote a comment; the text stays in chat. */
    hasComment: z.boolean(),
    via: z.enum(['widget', 'email']),
    /** The agent the conversation was with when it closed (null: closed from the queue). */
    agentId: z.string().nullable(),
    teamId: z.string().nullable(),
    closedAt: z.iso.datetime(),
    ratedAt: z.iso.datetime(),
    /** The rating this one replaces, as it was counted; null for the first. */
    replaces: z
      .object({
        rating: csatRatingSchema,
        agentId: z.string().nullable(),
        teamId: z.string().nullable(),
        ratedAt: z.iso.datetime(),
      })
      .nullable(),
  }),
});
