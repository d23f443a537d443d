import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/**
 * An event accepted by the service but not yet acknowledged by Kafka. The relay sends events in
 * the order they were stored and deletes each once Kafka has it.
 */
@Schema({ collection: 'outbox_events', versionKey: false })
export class OutboxEvent {
  _id!: Types.ObjectId;

  @Prop({ required: true, unique: true })
  eventId!: string;

  @Prop({ required: true })
  topic!: string;

  @Prop({ required: true })
  key!: string;

  /** The serialised envelope, exactly as it will be written to Kafka. */
  @Prop({ required: true })
  value!: string;

  @Prop({ required: true })
  createdAt!: Date;
}

export const OutboxEventSchema = SchemaFactory.createForClass(OutboxEvent);
