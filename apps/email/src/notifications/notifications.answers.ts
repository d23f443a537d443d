import {
  type Jsonified,
  NOTIFICATION_STATES,
  notificationKindSchema,
  type NotificationPage,
  type NotificationView,
} from '@app/contracts';
import { z } from 'zod';

/** The bodies the notifications routes answer, for the OpenAPI document (see `ApiAnswer`). */
export const notificationAnswer = z.object({
  id: z.string(),
  kind: notificationKindSchema,
  recipient: z.string(),
  state: z.enum(NOTIFICATION_STATES),
  attempts: z.int().min(0),
  lastError: z.string().nullable(),
  nextAttemptAt: z.iso.datetime().nullable(),
  lastAttemptAt: z.iso.datetime().nullable(),
  sentAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}) satisfies z.ZodType<Jsonified<NotificationView>>;

export const notificationPageAnswer = z.object({
  notifications: z.array(notificationAnswer),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page.'),
}) satisfies z.ZodType<Jsonified<NotificationPage>>;
