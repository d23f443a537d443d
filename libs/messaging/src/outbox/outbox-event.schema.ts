import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/**
 * An event accepted by the service but not yet acknowledged by Kafka. `_id` is an ObjectId so
 * that sorting by it replays events in the order they were written.
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

  /** Until then, one relay owns the event; a crashed relay's lease simply runs out. */
  @Prop({ required: true })
  leaseUntil!: Date;

  @Prop()
  leaseOwner?: string;

  @Prop({ default: 0 })
  attempts!: number;

  @Prop()
  lastError?: string;
}

export const OutboxEventSchema = SchemaFactory.createForClass(OutboxEvent);
// Serves the relay's claim query: pending events whose lease ran out, oldest first.
OutboxEventSchema.index({ leaseUntil: 1, _id: 1 });
