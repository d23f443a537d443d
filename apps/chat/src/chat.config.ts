import {
  kafkaFragment,
  mongoFragment,
  notificationSealFragment,
  parleyKey,
  publicUrlFragment,
  redisFragment,
  serviceFragment,
  tokenVerificationFragment,
} from '@app/config';
import { z } from 'zod';

export const chatConfigSchema = z.object({
  ...serviceFragment(3002),
  ...mongoFragment('parley_chat'),
  ...kafkaFragment('chat'),
  ...tokenVerificationFragment(),
  ...redisFragment(),
  ...publicUrlFragment(),
  ...notificationSealFragment(),
  /** Signs visitor tokens (HS256, checked only by chat). The default only suits a local run. */
  VISITOR_TOKEN_SECRET: parleyKey('parley-local-development-visitor-secret-change-me'),
  /**
   * A visitor token's lifetime, and the most any token may live however it was made: chat
   * refuses a token issued longer ago than this, whatever expiry it claims.
   */
  VISITOR_TOKEN_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  /** How long a room waits for a visitor who left before it closes as abandoned. */
  STANDBY_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
  /**
   * A visitor's room not seen connected on any replica for this long starts its standby even
   * though no disconnect was seen (the replica holding the socket died).
   */
  VISITOR_PRESENCE_TIMEOUT_SECONDS: z.coerce.number().int().min(2).max(600).default(30),
  /** How long a blocked visitor's address stays blocked (30 days); email blocks do not lapse. */
  ADDRESS_BLOCK_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(30 * 86_400),
  /** Messages one socket may send per 10 seconds, and one tenant per second. */
  SOCKET_MESSAGES_PER_10S: z.coerce.number().int().min(1).default(30),
  TENANT_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).default(200),
});

export type ChatConfig = z.infer<typeof chatConfigSchema>;
