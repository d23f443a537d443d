import { z } from 'zod';

/** Every Kafka message Parley publishes is one of these; the payload is checked per event type. */
export const eventEnvelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().regex(/^[a-z]+(\.[a-z-]+)+$/),
  version: z.number().int().min(1),
  tenantId: z.string().min(1).max(64),
  occurredAt: z.iso.datetime(),
  correlationId: z.string().max(128).optional(),
  payload: z.unknown(),
});

export type EventEnvelope<TPayload = unknown> = Omit<
  z.infer<typeof eventEnvelopeSchema>,
  'payload'
> & {
  payload: TPayload;
};
