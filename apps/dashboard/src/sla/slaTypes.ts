import type { Jsonified, SlaPolicyView } from '@app/contracts';

/** A policy as GET /api/tenant/sla-policies answers it. */
export type SlaPolicy = Jsonified<SlaPolicyView>;

/** What the policy form edits. */
export type SlaPolicyDraft = Omit<SlaPolicy, 'id' | 'createdAt' | 'updatedAt'>;

/** A target as people read it: `90 s`, `15 min`, `2 h 30 min`. */
export function formatTarget(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** Minutes typed in the form (decimals allowed: 0.5 is 30 s) as whole seconds; NaN if not a number. */
export function secondsOfMinutes(minutes: string): number {
  const value = Number(minutes.replace(',', '.'));
  return minutes.trim() === '' || !Number.isFinite(value) ? Number.NaN : Math.round(value * 60);
}
