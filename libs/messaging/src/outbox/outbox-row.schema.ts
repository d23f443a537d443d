import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import { type OutboxedEvent } from './outbox-store';

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
