import { z } from 'zod';
import { type EventEnvelope, eventEnvelopeSchema } from './envelope';

/** What decides a message's Kafka key: the chatroom for chat events (per-room order), else the tenant. */
export type EventKeyKind = 'tenant' | 'chatroom';

export interface EventDefinition<TPayload extends z.ZodType = z.ZodType> {
  /** `<domain>.<entity>.<past-tense-verb>`, e.g. `tenant.tenant.created`. */
  readonly type: string;
  readonly version: number;
  /** `<type>.v<version>`: one topic per event type and version. */
  readonly topic: string;
  readonly keyKind: EventKeyKind;
  readonly payload: TPayload;
  /** Validates a whole envelope of this event type. */
  readonly envelope: z.ZodType<EventEnvelope<z.infer<TPayload>>>;
}

export type PayloadOf<D extends EventDefinition> = z.infer<D['payload']>;
export type EventOf<D extends EventDefinition> = EventEnvelope<PayloadOf<D>>;

export function defineEvent<TPayload extends z.ZodType>(spec: {
  type: string;
  version: number;
  keyKind: EventKeyKind;
  payload: TPayload;
}): EventDefinition<TPayload> {
  const envelope = eventEnvelopeSchema.extend({
    type: z.literal(spec.type),
    version: z.literal(spec.version),
    payload: spec.payload,
  }) as unknown as z.ZodType<EventEnvelope<z.infer<TPayload>>>;
  return { ...spec, topic: `${spec.type}.v${spec.version}`, envelope };
}

/** The topic a consumer parks messages on when they can never be processed. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;
