import {
  intercomFragment,
  kafkaFragment,
  mongoFragment,
  notificationSealFragment,
  opensearchFragment,
  parleyKey,
  publicUrlFragment,
  redisFragment,
  s3Fragment,
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
  ...s3Fragment(),
  ...opensearchFragment(),
  ...intercomFragment(),
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
   * How long a visitor's last socket may stay closed before the room goes into standby: a page
   * change or a network blip on the visitor's side is not leaving, and agents do not see it.
   */
  STANDBY_GRACE_SECONDS: z.coerce.number().int().min(0).max(120).default(5),
  /**
   * A visitor's room not seen connected on any replica for this long starts its standby even
   * though no disconnect was seen (the replica holding the socket died).
   */
  VISITOR_PRESENCE_TIMEOUT_SECONDS: z.coerce.number().int().min(2).max(600).default(30),
  /**
   * How often each replica looks for missed SLA targets (one of them acts at a time): a breach is
   * found at most this long after its deadline.
   */
  SLA_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(300_000).default(5000),
  /**
   * How often one replica searches the rooms for SLA deadlines the Redis index lost (a crash
   * between writing a room and indexing it, a Redis that lost its data) and for breaches whose
   * writer died before publishing them: a scan of the rooms, too slow to run at every sweep.
   */
  SLA_RECONCILE_MS: z.coerce.number().int().min(100).max(86_400_000).default(600_000),
  /** How long a blocked visitor's address stays blocked (30 days); email blocks do not lapse. */
  ADDRESS_BLOCK_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(30 * 86_400),
  /**
   * Messages one sender (a visitor's room, or an agent), all their sockets together, may send
   * per 10 seconds, and one tenant per second; a share of the tenant's second is the agents'
   * alone, so visitors cannot crowd them out.
   */
  SENDER_MESSAGES_PER_10S: z.coerce.number().int().min(1).default(30),
  TENANT_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).default(200),
  TENANT_AGENT_SHARE_PERCENT: z.coerce.number().int().min(0).max(90).default(25),
  /** Typing and read signals one sender may send per 10 seconds. */
  SENDER_SIGNALS_PER_10S: z.coerce.number().int().min(1).default(50),
  /** Socket connections a visitor's room may open per minute. */
  VISITOR_CONNECTS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** History pages one visitor's room or one agent may ask for per minute. */
  HISTORY_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /**
   * Widget sessions and config reads allowed per client address, per visitor email and per
   * chatbot. Loose enough for a busy site (an office behind one address, thousands of
   * visitors an hour on one chatbot), tight enough to stop a script looping on the public key.
   */
  WIDGET_SESSIONS_PER_ADDRESS_PER_10_MIN: z.coerce.number().int().min(1).default(20),
  WIDGET_SESSIONS_PER_EMAIL_PER_10_MIN: z.coerce.number().int().min(1).default(5),
  WIDGET_SESSIONS_PER_CHATBOT_PER_MIN: z.coerce.number().int().min(1).default(300),
  WIDGET_CONFIG_PER_ADDRESS_PER_MIN: z.coerce.number().int().min(1).default(120),
  WIDGET_CONFIG_PER_CHATBOT_PER_MIN: z.coerce.number().int().min(1).default(6000),
  /** The largest attachment accepted (10 MB); a larger upload is refused with 413. */
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /** How long a download link of an attachment works (chat hands out fresh ones all the time). */
  ATTACHMENT_URL_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  /**
   * How long the download links in a transcript email work: the visitor opens them later, from
   * their mailbox (30 days).
   */
  ATTACHMENT_MAIL_URL_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** An upload made before a conversation starts (a journey's image question) waits this long. */
  ATTACHMENT_PENDING_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  /** Attachments one sender (a visitor's room, an agent, a widget's address) may upload per minute. */
  ATTACHMENT_UPLOADS_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /**
   * `off`: this replica serves search but does not feed the index (in production, indexing can
   * run on replicas of its own); every replica with `on` shares the work (one consumer group).
   */
  SEARCH_INDEXER: z.enum(['on', 'off']).default('on'),
});

export type ChatConfig = z.infer<typeof chatConfigSchema>;
