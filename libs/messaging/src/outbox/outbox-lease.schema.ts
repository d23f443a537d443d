import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * Which relay of the service sends the outbox during one time window, `_id` = `relay:<window>`.
 * The first relay to insert a window's document sends for that window; the unique `_id` decides
 * (FerretDB v1 has no atomic conditional update to take a lease with).
 */
@Schema({ collection: 'outbox_leases', versionKey: false })
export class OutboxLease {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  owner!: string;

  @Prop({ required: true })
  at!: Date;
}

export const OutboxLeaseSchema = SchemaFactory.createForClass(OutboxLease);
