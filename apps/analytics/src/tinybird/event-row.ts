import {
  AgentPresenceChangedV1,
  ChatroomAssignedV1,
  ChatroomLabelledV1,
  ChatroomClosedV1,
  ChatroomCreatedV1,
  ChatroomRequeuedV1,
  ChatroomResumedV1,
  ChatroomStandbyV1,
  CsatRatedV1,
  type EventDefinition,
  type EventEnvelope,
  type EventOf,
  MessageSentV1,
  SlaBreachedV1,
} from '@app/contracts';
// Type-only: the definitions are ESM that this CommonJS build cannot load, and need not.
import type { ParleyEventRow } from '../../../../tinybird/datasources/parley-events.datasource';

export type { ParleyEventRow };

/** The Tinybird datasource every Parley event lands in (tinybird/datasources/). */
export const PARLEY_EVENTS_DATASOURCE = 'parley_events';

type ChatColumns = Partial<Omit<ParleyEventRow, 'event_id' | 'type' | 'version' | 'tenant_id'>>;

/**
 * The `parley_events` row of an event. Any event gets a row (type, tenant, times), so later
 * endpoints can count what nobody lifts out today; the chat events also fill the columns the
 * analytics endpoints read, and keep their payload as JSON. Other payloads stay out (`{}`):
 * they carry names, email addresses, message text and key hashes, which have no business in an
 * analytics store run by a third party. Expects a payload that passed its event's schema, as
 * Parley's consumers deliver it.
 */
export function toEventRow(event: EventEnvelope): ParleyEventRow {
  return {
    event_id: event.id,
    type: event.type,
    version: event.version,
    tenant_id: event.tenantId,
    occurred_at: toTinybirdTime(event.occurredAt),
    happened_at: toTinybirdTime(event.occurredAt),
    room_id: '',
    chatbot_id: '',
    agent_id: '',
    sender_type: '',
    reason: '',
    category: '',
    room_created_at: null,
    payload: '{}',
    ...chatColumns(event),
  };
}

function chatColumns(event: EventEnvelope): ChatColumns {
  if (isEvent(event, ChatroomCreatedV1)) {
    const { payload } = event;
    // Who the visitor is, and what they typed before the chat, stays in Parley.
    const { visitor, answers: _answers, ...facts } = payload;
    return {
      ...room(payload),
      happened_at: toTinybirdTime(payload.createdAt),
      category: payload.category ?? '',
      payload: JSON.stringify({ ...facts, visitor: { browser: visitor.browser } }),
    };
  }
  if (isEvent(event, ChatroomAssignedV1)) {
    const { payload } = event;
    return {
      ...room(payload),
      happened_at: toTinybirdTime(payload.assignedAt),
      agent_id: payload.agentId,
      payload: JSON.stringify(payload),
    };
  }
  if (isEvent(event, ChatroomClosedV1)) {
    const { payload } = event;
    return {
      ...room(payload),
      happened_at: toTinybirdTime(payload.closedAt),
      agent_id: payload.agentId ?? '',
      reason: payload.reason,
      room_created_at: toTinybirdTime(payload.createdAt),
      payload: JSON.stringify(payload),
    };
  }
  if (isEvent(event, MessageSentV1)) {
    const { payload } = event;
    return {
      ...room(payload),
      happened_at: toTinybirdTime(payload.sentAt),
      sender_type: payload.sender.type,
      agent_id: payload.sender.type === 'agent' ? (payload.sender.id ?? '') : '',
      payload: JSON.stringify(payload),
    };
  }
  if (
    isEvent(event, ChatroomRequeuedV1) ||
    isEvent(event, ChatroomStandbyV1) ||
    isEvent(event, ChatroomResumedV1) ||
    isEvent(event, ChatroomLabelledV1)
  ) {
    const { payload } = event;
    return {
      ...room(payload),
      happened_at: toTinybirdTime(payload.at),
      payload: JSON.stringify(payload),
    };
  }
  if (isEvent(event, SlaBreachedV1)) {
    const { payload } = event;
    return {
      ...room(payload),
      happened_at: toTinybirdTime(payload.breachedAt),
      agent_id: payload.agentId ?? '',
      category: payload.category ?? '',
      payload: JSON.stringify(payload),
    };
  }
  if (isEvent(event, CsatRatedV1)) {
    const { payload } = event;
    // The comment's text stays in chat; the event only says whether there is one.
    return {
      ...room(payload),
      happened_at: toTinybirdTime(payload.ratedAt),
      agent_id: payload.agentId ?? '',
      payload: JSON.stringify(payload),
    };
  }
  if (isEvent(event, AgentPresenceChangedV1)) {
    const { payload } = event;
    return {
      happened_at: toTinybirdTime(payload.at),
      agent_id: payload.agentId,
      payload: JSON.stringify(payload),
    };
  }
  return {};
}

function isEvent<D extends EventDefinition>(
  event: EventEnvelope,
  definition: D,
): event is EventOf<D> {
  return event.type === definition.type && event.version === definition.version;
}

function room(payload: { roomId: string; chatbotId: string }): ChatColumns {
  return { room_id: payload.roomId, chatbot_id: payload.chatbotId };
}

/** ClickHouse's own DateTime64(3) text, in UTC: `2024-03-01 09:00:00.000`. */
function toTinybirdTime(isoTime: string): string {
  return new Date(isoTime).toISOString().replace('T', ' ').replace('Z', '');
}
