import { z } from 'zod';
import { roomPrioritySchema, type RoomPriority } from '../events/chat.v1';

/**
 * What happens to a room whose SLA target passed: nothing more than the alert, its priority one
 * step up, given to a named agent (the team lead or a supervisor), or back to the front of its
 * queue.
 */
export const slaEscalationSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('none') }),
  z.strictObject({ action: z.literal('raise-priority') }),
  z.strictObject({ action: z.literal('reassign'), agentId: z.string().min(1).max(64) }),
  z.strictObject({ action: z.literal('requeue-front') }),
]);
export type SlaEscalation = z.infer<typeof slaEscalationSchema>;

/** The two targets a policy sets; also the `kind` of a breach. */
export const SLA_KINDS = ['first_response', 'resolution'] as const;
export const slaKindSchema = z.enum(SLA_KINDS);
export type SlaKind = z.infer<typeof slaKindSchema>;

export const SLA_LIMITS = {
  policiesPerTenant: 200,
  nameLength: 80,
  /**
   * Targets are in seconds: minutes in the dashboard, but a whole number of seconds on the API so
   * that short targets (a drill, a test) need no other switch. At most 90 days.
   */
  minTargetSeconds: 1,
  maxTargetSeconds: 90 * 86_400,
} as const;

/** A policy as `GET /api/tenant/sla-policies` answers it, and as the tenant events carry it. */
export interface SlaPolicyView {
  id: string;
  name: string;
  priority: RoomPriority;
  /** Narrows the policy to rooms of this category; null: any. */
  categoryId: string | null;
  /** Narrows the policy to rooms of this team; null: any. */
  teamId: string | null;
  firstResponseSeconds: number;
  resolutionSeconds: number;
  escalation: SlaEscalation;
  createdAt: Date;
  updatedAt: Date;
}

export const slaPolicySnapshotSchema = z.object({
  policyId: z.string().min(1),
  name: z.string(),
  priority: roomPrioritySchema,
  categoryId: z.string().nullable(),
  teamId: z.string().nullable(),
  firstResponseSeconds: z.number().int().min(1),
  resolutionSeconds: z.number().int().min(1),
  escalation: slaEscalationSchema,
});
export type SlaPolicySnapshot = z.infer<typeof slaPolicySnapshotSchema>;

/** One target of a room: when it is due, when it was met, when it was found breached. */
export interface SlaTarget {
  dueAt: string;
  metAt: string | null;
  breachedAt: string | null;
}

/**
 * A room's SLA as agents see it (never the visitor): the countdown runs from `startedAt` (the
 * room's creation) to each `dueAt`.
 */
export interface RoomSla {
  policyId: string;
  startedAt: string;
  firstResponse: SlaTarget;
  resolution: SlaTarget;
}

export type SlaStatus = 'green' | 'yellow' | 'red' | 'met';

/**
 * The colour of a running target: green while more than half of its time remains, yellow below
 * half, red below a fifth and once breached. A target met in time reads `met`; one met late
 * stays red.
 */
export function slaStatus(startedAt: string, target: SlaTarget, now: number): SlaStatus {
  const due = Date.parse(target.dueAt);
  if (target.metAt) return Date.parse(target.metAt) <= due ? 'met' : 'red';
  if (target.breachedAt || now >= due) return 'red';
  const total = due - Date.parse(startedAt);
  const left = total > 0 ? (due - now) / total : 0;
  if (left > 0.5) return 'green';
  return left >= 0.2 ? 'yellow' : 'red';
}

/** `sla:breached` to supervisors: a room missed a target. */
export interface SlaBreachAlert {
  roomId: string;
  displayId: number;
  kind: SlaKind;
  dueAt: string;
  breachedAt: string;
  priority: RoomPriority;
  teamId: string | null;
  category: string | null;
  agent?: { id: string; name: string };
  visitorName: string;
  /** What the policy's escalation did. */
  escalation: SlaEscalation['action'];
}

/** A supervisor's choice to be emailed about breaches too (`/api/chat/sla/alert-preference`). */
export interface SlaAlertPreference {
  email: boolean;
}

/** How often targets were met in a range (`GET /api/analytics/sla`). */
export interface SlaComplianceFigures {
  /** Targets settled in the range: met, or missed, when their conversation closed. */
  measured: number;
  met: number;
  /** Breaches found in the range (a conversation still open counts once its target passed). */
  breaches: number;
  /** `met / measured`, 0 to 1 with four decimals; null when nothing was measured. */
  complianceRate: number | null;
}

/** SLA compliance overall per target, and both targets together by team, agent and category. */
export interface SlaFigures {
  firstResponse: SlaComplianceFigures;
  resolution: SlaComplianceFigures;
  /** null: the tenant's queue, no agent, no category. Most breaches first. */
  byTeam: Array<SlaComplianceFigures & { teamId: string | null }>;
  byAgent: Array<SlaComplianceFigures & { agentId: string | null }>;
  byCategory: Array<SlaComplianceFigures & { category: string | null }>;
}
