import { createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE = /^sha1=([0-9a-f]{40})$/i;

/**
 * Whether `X-Hub-Signature` is `sha1=<hex HMAC-SHA1(raw body, client secret)>`, as Intercom signs
 * notifications: over the exact bytes received, compared in constant time, hex in either case.
 */
export function isIntercomSignatureValid(
  rawBody: Buffer,
  header: string | undefined,
  clientSecret: string,
): boolean {
  const given = SIGNATURE.exec(header?.trim() ?? '')?.[1];
  if (!given) return false;
  const expected = createHmac('sha1', clientSecret).update(rawBody).digest();
  return timingSafeEqual(Buffer.from(given.toLowerCase(), 'hex'), expected);
}

/** The header Intercom would send for this body (the stand-in and tests sign with it). */
export function intercomSignature(rawBody: Buffer | string, clientSecret: string): string {
  return `sha1=${createHmac('sha1', clientSecret).update(rawBody).digest('hex')}`;
}
