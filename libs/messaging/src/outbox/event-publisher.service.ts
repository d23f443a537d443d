import {
  type EventDefinition,
  type EventEnvelope,
  type EventOf,
  type PayloadOf,
} from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { OutboxRelay } from './outbox.relay';
import { OutboxStore, type SettledEntry } from './outbox-store';

export interface PublishInput<D extends EventDefinition> {
  tenantId: string;
  payload: PayloadOf<D>;
  /** Required for chat events, whose Kafka key is the chatroom id. */
  chatroomId?: string;
  correlationId?: string;
  /**
   * The envelope's id when the event stands for a fact that may be published again (a breach
   * republished after a crash): the same id lets every consumer drop the repeat. Default: new.
   */
  eventId?: string;
  /** An entry of a ledger of owed events that this event settles (see SettledEntry). */
  settles?: SettledEntry;
}

/** Thrown when a service tries to publish an event that breaks its own contract. */
export class InvalidEventError extends Error {
  constructor(type: string, detail: string) {
    super(`refusing to publish an invalid ${type} event: ${detail}`);
    this.name = 'InvalidEventError';
  }
}

/**
 * Publishing means writing to the outbox: the call returns once the event is stored (in the
 * service's own database, or Redis for chat), whether or not Kafka is up; the relay delivers it.
 */
@Injectable()
export class EventPublisher {
  constructor(
    private readonly outbox: OutboxStore,
    private readonly relay: OutboxRelay,
  ) {}

  async publish<D extends EventDefinition>(
    definition: D,
    input: PublishInput<D>,
  ): Promise<EventOf<D>> {
    const envelope = this.buildEnvelope(definition, input);
    await this.outbox.add(
      {
        eventId: envelope.id,
        topic: definition.topic,
        key: this.keyOf(definition, input),
        value: JSON.stringify(envelope),
      },
      input.settles,
    );
    this.relay.nudge();
    return envelope;
  }

  /**
   * Sends a message to a topic as it is, through the outbox like any event: for handing an
   * event that could not be served over to its dead-letter topic.
   */
  async forward(topic: string, key: string, value: string): Promise<void> {
    await this.outbox.add({ eventId: randomUUID(), topic, key, value });
    this.relay.nudge();
  }

  private buildEnvelope<D extends EventDefinition>(
    definition: D,
    input: PublishInput<D>,
  ): EventOf<D> {
    const candidate: EventEnvelope = {
      id: input.eventId ?? randomUUID(),
      type: definition.type,
      version: definition.version,
      tenantId: input.tenantId,
      occurredAt: new Date().toISOString(),
      ...(input.correlationId ? { correlationId: input.correlationId } : {}),
      payload: input.payload,
    };
    const parsed = definition.envelope.safeParse(candidate);
    if (!parsed.success) {
      const detail = parsed.error.issues
        .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ');
      throw new InvalidEventError(definition.type, detail);
    }
    return parsed.data as EventOf<D>;
  }

  private keyOf(definition: EventDefinition, input: PublishInput<EventDefinition>): string {
    if (definition.keyKind === 'tenant') return input.tenantId;
    if (!input.chatroomId) {
      throw new InvalidEventError(definition.type, 'chatroomId is required (it is the Kafka key)');
    }
    return input.chatroomId;
  }
}
