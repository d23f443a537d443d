import { hkdfSync } from 'node:crypto';

/**
 * What a key is for. A key is derived per purpose (HKDF-SHA256, the purpose as its label), so
 * a token made for one purpose never opens or verifies as another's, even if an operator gave
 * two variables the same value.
 */
export type KeyPurpose =
  | 'notification-link'
  | 'unsubscribe'
  | 'oidc-flow'
  | 'visitor-token'
  /** A chatbot's identity-verification secret, at rest in tenant and on Kafka to chat. */
  | 'identity-secret'
  /** The signature of an attachment's download link (chat signs and checks it). */
  | 'attachment-link'
  /** The token of a transcript email's rating links (chat seals and opens it). */
  | 'csat-link'
  /** A webhook endpoint's signing secret, at rest in the integrations service. */
  | 'webhook-secret'
  /** A tenant's Intercom access token and client secret, at rest in the chat service. */
  | 'intercom-credentials'
  /** A tenant's Trustpilot API key and secret, at rest in the integrations service. */
  | 'trustpilot-credentials'
  /** A tenant's Trustpilot access token, cached in Redis by the integrations service. */
  | 'trustpilot-token';

const derived = new Map<string, Buffer>();

/** The 256-bit key for `purpose` derived from a configured secret (cached: it is on hot paths). */
export function purposeKey(secret: string, purpose: KeyPurpose): Buffer {
  const cacheKey = `${purpose}\0${secret}`;
  let key = derived.get(cacheKey);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'parley', `parley/${purpose}/v1`, 32));
    derived.set(cacheKey, key);
  }
  return key;
}
