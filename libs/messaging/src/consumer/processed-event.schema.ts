import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Marks that one handler has processed one event, so a redelivery is skipped. */
@Schema({ collection: 'processed_events', versionKey: false })
export class ProcessedEvent {
  /** `<handler>:<event id>`: the same event may matter to several handlers of a service. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  processedAt!: Date;
}

export const ProcessedEventSchema = SchemaFactory.createForClass(ProcessedEvent);
// Serves the sweeper that forgets marks older than Kafka's retention (no TTL index in FerretDB).
ProcessedEventSchema.index({ processedAt: 1 });
