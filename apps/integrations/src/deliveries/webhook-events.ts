import {
  AgentPresenceChangedV1,
  ChatroomAssignedV1,
  ChatroomClosedV1,
  ChatroomCreatedV1,
  ChatroomDeletedV1,
  ChatroomLabelledV1,
  ChatroomRequeuedV1,
  ChatroomResumedV1,
  ChatroomStandbyV1,
  ChatroomUpdatedV1,
  ContactErasedV1,
  ContactUpdatedV1,
  CsatRatedV1,
  type EventDefinition,
  type EventEnvelope,
  MessageSentV1,
  NoteAddedV1,
  SlaBreachedV1,
} from '@app/contracts';

/** The events delivered to webhooks: every topic of WEBHOOK_EVENT_TYPES (a spec checks it). */
export const WEBHOOK_EVENTS: EventDefinition[] = [
  ChatroomCreatedV1,
  ChatroomAssignedV1,
  ChatroomRequeuedV1,
  ChatroomUpdatedV1,
  ChatroomStandbyV1,
  ChatroomResumedV1,
  ChatroomClosedV1,
  ChatroomLabelledV1,
  ChatroomDeletedV1,
  MessageSentV1,
  NoteAddedV1,
  CsatRatedV1,
  SlaBreachedV1,
  ContactUpdatedV1,
  ContactErasedV1,
  AgentPresenceChangedV1,
];

/** The versioned document a receiver gets: the event's envelope, its payload as `data`. */
export function webhookBody(
  event: Pick<EventEnvelope, 'id' | 'tenantId' | 'occurredAt' | 'payload'>,
  type: string,
  version: number,
): string {
  return JSON.stringify({
    id: event.id,
    type,
    version,
    tenantId: event.tenantId,
    occurredAt: event.occurredAt,
    data: event.payload,
  });
}

/**
 * What a delivery keeps its order within, per endpoint: the conversation for conversation
 * events, else the contact or the agent it is about.
 */
export function orderKeyOf(payload: unknown): string {
  const fields = payload as { roomId?: string; contactId?: string; agentId?: string };
  if (fields.roomId) return `room:${fields.roomId}`;
  if (fields.contactId) return `contact:${fields.contactId}`;
  if (fields.agentId) return `agent:${fields.agentId}`;
  return 'tenant';
}
