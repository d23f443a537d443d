import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/** An event as it will be written to Kafka. */
export interface OutboxedEvent {
  eventId: string;
  topic: string;
  key: string;
  /** The serialised envelope, exactly as it will be written to Kafka. */
  value: string;
}

/**
 * Events accepted by the service but not yet acknowledged by Kafka: the events of one group
 * commit (see MongoOutboxStore) in one row, in the order they were published. The relay sends
 * rows in the order they were stored and deletes each once Kafka has its events.
 */
@Schema({ collection: 'outbox', versionKey: false })
export class OutboxRow {
  _id!: Types.ObjectId;

  @Prop({ type: [Object], required: true })
  events!: OutboxedEvent[];

  /** How many events the row holds, so that the backlog is counted without reading them. */
  @Prop({ required: true })
  count!: number;

  @Prop({ required: true })
  createdAt!: Date;
}

export const OutboxRowSchema = SchemaFactory.createForClass(OutboxRow);
