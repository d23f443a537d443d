import { z } from 'zod';
import { defineEvent } from '../define-event';
import { slaEscalationSchema, slaKindSchema, slaPolicySnapshotSchema } from '../rest/sla';
import { roomPrioritySchema } from './chat.v1';

/** Chat keeps the tenant's SLA policies from these, to give each new room its deadlines. */
export const SlaPolicyCreatedV1 = defineEvent({
  type: 'tenant.sla-policy.created',
  version: 1,
  keyKind: 'tenant',
  payload: slaPolicySnapshotSchema,
});

export const SlaPolicyUpdatedV1 = defineEvent({
  type: 'tenant.sla-policy.updated',
  version: 1,
  keyKind: 'tenant',
  payload: slaPolicySnapshotSchema,
});

/** Rooms keep the deadlines they were given. */
export const SlaPolicyDeletedV1 = defineEvent({
  type: 'tenant.sla-policy.deleted',
  version: 1,
  keyKind: 'tenant',
  payload: z.object({ policyId: z.string().min(1) }),
});

/**
 * A room missed a target. Published once per room and kind, with an event id derived from them,
 * so that a republished breach is the same event to every consumer.
 */
export const SlaBreachedV1 = defineEvent({
  type: 'chat.sla.breached',
  version: 1,
  keyKind: 'chatroom',
  payload: z.object({
    roomId: z.string().min(1),
    chatbotId: z.string().min(1),
    kind: slaKindSchema,
    policyId: z.string().min(1),
    dueAt: z.iso.datetime(),
    breachedAt: z.iso.datetime(),
    priority: roomPrioritySchema,
    teamId: z.string().nullable(),
    category: z.string().nullable(),
    agentId: z.string().nullable(),
    escalation: slaEscalationSchema,
  }),
});
