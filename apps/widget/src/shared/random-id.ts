/**
 * A random hex id. crypto.randomUUID exists only on secure (https) pages, and tenants' sites
 * are not all https; getRandomValues works everywhere.
 */
export function randomId(bytes = 16): string {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(values, (value) => value.toString(16).padStart(2, '0')).join('');
}
