import { compile as compileTrust } from 'proxy-addr';
import { z } from 'zod';
import { parleyKey, providerSecretWithLocalDefault, withSecretPassword } from './secrets';

/** Reusable pieces of the per-service environment schemas, so every service names them alike. */

const port = z.coerce.number().int().min(1).max(65535);

const hostPort = z.string().regex(/^[A-Za-z0-9_.-]+:\d{1,5}$/, 'expected host:port');

export const commaList = (item: z.ZodString) =>
  z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1, 'expected at least one entry'));

const urlWithScheme = (schemes: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return schemes.includes(new URL(value).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    { message: `expected a ${schemes.join(' or ')} URL` },
  );

/**
 * The proxies whose X-Forwarded-For a service believes: addresses, CIDR ranges or proxy-addr's
 * names (`loopback`, `linklocal`, `uniquelocal`). Anyone else's header is ignored, so a client
 * that reaches a service directly cannot choose the address agents see and blocks apply to.
 */
const trustedProxies = commaList(z.string()).refine(
  (entries) => {
    try {
      compileTrust(entries);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected addresses, CIDR ranges, loopback, linklocal or uniquelocal' },
);

export const serviceFragment = (defaultPort: number) => ({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(defaultPort),
  // nginx runs on the same host in a local run.
  TRUSTED_PROXIES: trustedProxies.default(['loopback']),
});

export const mongoFragment = (defaultDatabase: string) => ({
  MONGO_URL: urlWithScheme(['mongodb', 'mongodb+srv']).default('mongodb://127.0.0.1:27017'),
  MONGO_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/, 'expected letters, digits, _ or -')
    .default(defaultDatabase),
});

export const kafkaFragment = (serviceName: string) => ({
  KAFKA_BROKERS: commaList(hostPort).default(['127.0.0.1:9092']),
  KAFKA_CLIENT_ID: z.string().min(1).default(`parley-${serviceName}`),
  KAFKA_CONSUMER_GROUP: z.string().min(1).default(serviceName),
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(3),
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(10).default(1),
});

export const redisFragment = () => ({
  REDIS_URL: urlWithScheme(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
});

export const smtpFragment = () => ({
  /** Credentials, if any, go in the URL: its password is held to the secrets' rules. */
  SMTP_URL: withSecretPassword(urlWithScheme(['smtp', 'smtps']).default('smtp://127.0.0.1:1025')),
  MAIL_FROM: z.string().min(3).default('Parley <no-reply@parley.local>'),
});

/**
 * The object store (S3 API) that keeps chat's attachments: AWS S3 when `S3_ENDPOINT` is empty,
 * any S3-compatible server otherwise (SeaweedFS locally, from scripts/infra.sh).
 */
export const s3Fragment = () => ({
  S3_ENDPOINT: z.union([z.literal(''), httpUrl]).default('http://127.0.0.1:8333'),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'a bucket name: 3-63 of a-z 0-9 . -')
    .default('parley-attachments'),
  S3_ACCESS_KEY_ID: z.string().min(1).default('parley-local'),
  /** Production refuses the local default, as it does every secret the repository shows. */
  S3_SECRET_ACCESS_KEY: providerSecretWithLocalDefault(
    'parley-local-development-s3-secret-change-me',
  ),
  /** Path-style URLs (`<endpoint>/<bucket>/<key>`), which most S3-compatible servers want. */
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
});

/**
 * The search engine (OpenSearch's REST API) conversation search uses: locally the one
 * scripts/infra.sh starts, in production the operator's.
 */
export const opensearchFragment = () => ({
  OPENSEARCH_URL: httpUrl.default('http://127.0.0.1:9200'),
  /** Names the search index (`<prefix>-<n>`), its write alias (`<prefix>`) and tenants' aliases. */
  SEARCH_INDEX_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,40}$/, 'expected lower-case letters, digits or -')
    .default('parley-search'),
  /** Copies of each shard on other nodes: 0 on a one-node cluster, 1 or more in production. */
  SEARCH_INDEX_REPLICAS: z.coerce.number().int().min(0).max(5).default(0),
  SEARCH_INDEX_SHARDS: z.coerce.number().int().min(1).max(64).default(1),
});

/**
 * The Intercom bridge in chat (optional per tenant: a tenant connects it with its own Intercom
 * credentials). The API's address is configurable so tests and other regions can point elsewhere.
 */
export const intercomFragment = () => ({
  /** Intercom's REST API: `https://api.intercom.io` (US), `https://api.eu.intercom.io`, `https://api.au.intercom.io`. */
  INTERCOM_API_URL: httpUrl.default('https://api.intercom.io'),
  /** Seals each tenant's Intercom access token and client secret in chat's database. */
  INTERCOM_SEAL_KEY: parleyKey('parley-local-development-intercom-seal-key-change-me'),
  /** Longest wait for one answer from Intercom, connection included; a hung call is abandoned. */
  INTERCOM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Tries of one call that meets a 5xx, a timeout or a network error (backoff between them). */
  INTERCOM_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /** Backoff after a failed try: a random wait up to base × 2^(tries − 1). */
  INTERCOM_RETRY_BASE_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  /**
   * The longest 429 wait (until `Retry-After` or `X-RateLimit-Reset`) taken in line; a longer one
   * puts the work aside until then instead of holding a consumer.
   */
  INTERCOM_MAX_INLINE_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  /** How often one replica looks for bridged conversations that have been quiet. */
  INTERCOM_POLL_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /**
   * A bridged conversation with no news from Intercom for this long is fetched, to catch a reply
   * or close whose webhook was missed; then again each time it has been this quiet.
   */
  INTERCOM_POLL_QUIET_MS: z.coerce.number().int().min(100).max(86_400_000).default(300_000),
});

export type OpensearchConfig = z.infer<z.ZodObject<ReturnType<typeof opensearchFragment>>>;

export type ServiceConfig = z.infer<z.ZodObject<ReturnType<typeof serviceFragment>>>;
export type MongoConfig = z.infer<z.ZodObject<ReturnType<typeof mongoFragment>>>;
export type KafkaConfig = z.infer<z.ZodObject<ReturnType<typeof kafkaFragment>>>;
export type RedisConfig = z.infer<z.ZodObject<ReturnType<typeof redisFragment>>>;

const httpUrl = urlWithScheme(['http', 'https']);

/** How every service checks the access tokens the tenant service signs. */
export const tokenVerificationFragment = () => ({
  JWT_ISSUER: z.string().min(1).default('parley'),
  JWT_AUDIENCE: z.string().min(1).default('parley-api'),
  JWT_JWKS_URL: httpUrl.default('http://127.0.0.1:3001/api/tenant/.well-known/jwks.json'),
});

/**
 * The key sealing the links inside notification events (password reset, invitation,
 * conversation), shared by their producers and the email service. The default only suits a
 * local run: production refuses it.
 */
export const notificationSealFragment = () => ({
  NOTIFICATION_SEAL_KEY: parleyKey('parley-local-development-seal-key-change-me'),
});

/** The address people reach Parley at; links in emails and the embed snippet start with it. */
export const publicUrlFragment = () => ({
  PUBLIC_URL: httpUrl.default('https://localhost:8443'),
});

export type TokenVerificationConfig = z.infer<
  z.ZodObject<ReturnType<typeof tokenVerificationFragment>>
>;

export type S3Config = z.infer<z.ZodObject<ReturnType<typeof s3Fragment>>>;
