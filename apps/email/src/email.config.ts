import {
  commaList,
  kafkaFragment,
  mongoFragment,
  notificationSealFragment,
  parleyKey,
  publicUrlFragment,
  redisFragment,
  serviceFragment,
  smtpFragment,
  tokenVerificationFragment,
} from '@app/config';
import { z } from 'zod';

export const emailConfigSchema = z.object({
  ...serviceFragment(3004),
  ...mongoFragment('parley_email'),
  ...kafkaFragment('email'),
  ...tokenVerificationFragment(),
  ...redisFragment(),
  ...smtpFragment(),
  ...notificationSealFragment(),
  ...publicUrlFragment(),
  /** Seals the tokens of unsubscribe links; held by the email service alone. */
  UNSUBSCRIBE_SEAL_KEY: parleyKey('parley-local-development-unsubscribe-key-change-me'),
  /** Waits before each retry of a temporary SMTP failure; one retry per entry. */
  EMAIL_RETRY_DELAYS_MS: commaList(z.string().regex(/^\d+$/, 'milliseconds'))
    .transform((delays) => delays.map(Number))
    .default([5_000, 10_000, 20_000]),
  /**
   * Mails one tenant may send per hour (account mail: resets, invitations, reports; visitor
   * mail: welcome, away replies, transcripts, counted apart), and one address may receive
   * from one tenant (per kind of mail).
   */
  EMAIL_TENANT_PER_HOUR: z.coerce.number().int().min(1).default(2_000),
  EMAIL_TENANT_VISITOR_PER_HOUR: z.coerce.number().int().min(1).default(5_000),
  EMAIL_RECIPIENT_PER_HOUR: z.coerce.number().int().min(1).default(30),
  /** Mails in flight to the SMTP server at once (pooled connections). */
  EMAIL_SEND_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(5),
  /**
   * A notification requested longer ago than this is logged but not sent (dead, "expired"):
   * a consumer group reading a topic's history, or a long outage, must not mail people
   * welcome messages and links that are days old.
   */
  EMAIL_MAX_AGE_HOURS: z.coerce.number().int().min(1).default(24),
  /** A send not recorded after this long is taken for lost (its process died) and retried. */
  EMAIL_SENDING_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(60_000),
});

export type EmailConfig = z.infer<typeof emailConfigSchema>;
