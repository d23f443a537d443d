import { z } from 'zod';
import { defineEvent } from '../define-event';
import { notificationKindSchema } from './notification-requested.v1';

/** The SMTP server accepted a notification's email. */
export const NotificationSentV1 = defineEvent({
  type: 'notification.sent',
  version: 1,
  keyKind: 'tenant',
  payload: z.object({
    notificationId: z.string().min(1),
    kind: notificationKindSchema,
    attempts: z.number().int().min(1),
    /** The `Message-ID` header: the same for every attempt of one notification. */
    messageId: z.string().min(1),
    sentAt: z.iso.datetime(),
  }),
});

/** A notification will not be sent: a permanent refusal, or every retry used up. */
export const NotificationFailedV1 = defineEvent({
  type: 'notification.failed',
  version: 1,
  keyKind: 'tenant',
  payload: z.object({
    notificationId: z.string().min(1),
    kind: notificationKindSchema,
    attempts: z.number().int().min(0),
    reason: z.string().max(1000),
    permanent: z.boolean(),
    failedAt: z.iso.datetime(),
  }),
});
