import type { ApiTokenUse, ApiTokenView, CreatedApiToken, Jsonified } from '@app/contracts';

export type ApiToken = Jsonified<ApiTokenView>;
export type NewApiToken = Jsonified<CreatedApiToken>;
export type { ApiTokenUse };

export const MANAGEMENT_PATH = '/api/tenant/api-tokens';

/** The end of the chosen day where the admin is: a token "expiring on" a day works through it. */
export function expiryOfDay(day: string): string | null {
  if (!day) return null;
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date, 23, 59, 59, 999).toISOString();
}
