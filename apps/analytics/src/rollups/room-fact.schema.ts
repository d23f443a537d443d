import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * What analytics knows of one conversation, from events of different topics that arrive in no
 * particular order: the first-response time needs both the creation and the first agent message.
 */
@Schema({ collection: 'room_facts', versionKey: false })
export class RoomFact {
  /** The room id. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  tenantId!: string;

  @Prop({ type: String })
  chatbotId?: string;

  @Prop({ type: Date })
  createdAt?: Date;

  @Prop({ type: Date })
  firstReplyAt?: Date;

  @Prop({ type: String })
  firstReplyBy?: string;
}

export const RoomFactSchema = SchemaFactory.createForClass(RoomFact);
