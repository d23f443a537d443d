import { createHmac, randomBytes } from 'node:crypto';

/** A new signing secret: `whsec_` and 32 random bytes, base64url. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** hex HMAC-SHA256 under `secret` of `<id>.<timestamp>.<body>`. */
export function signatureOf(secret: string, id: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('hex');
}

/**
 * The headers that let a receiver check a delivery: its id, when it was signed (unix seconds)
 * and one `v1=` signature per secret in force, separated by a space (two during a rotation's
 * overlap: the new secret's first).
 */
export function signatureHeaders(
  secrets: readonly string[],
  id: string,
  timestamp: number,
  body: string,
): Record<string, string> {
  return {
    'Parley-Webhook-Id': id,
    'Parley-Webhook-Timestamp': String(timestamp),
    'Parley-Signature': secrets
      .map((secret) => `v1=${signatureOf(secret, id, timestamp, body)}`)
      .join(' '),
  };
}
