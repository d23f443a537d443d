/**
 * A random id for client message ids and the socket affinity. `crypto.randomUUID` exists only
 * in secure contexts, and a self-hosted dashboard may be served over plain http on a LAN.
 */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext)
    return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
