import { tenantScopedPlugin } from '@app/auth';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

@Schema({ collection: 'messages', versionKey: false })
export class Message {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  roomId!: string;

  @Prop({ required: true })
  seq!: number;

  /** The sender's own id for the message; system messages get a generated one. */
  @Prop({ required: true })
  clientMessageId!: string;

  @Prop({ type: Object, required: true })
  sender!: { type: 'visitor' | 'agent' | 'system'; id?: string; name?: string };

  /** Plain text, exactly as sent: clients render it as text, never as HTML. */
  @Prop({ required: true })
  body!: string;

  @Prop({ required: true })
  createdAt!: Date;
}

export const MessageSchema = SchemaFactory.createForClass(Message);
MessageSchema.plugin(tenantScopedPlugin);
// Serves replay and history (seq order) and makes a seq unique within its room.
MessageSchema.index({ tenantId: 1, roomId: 1, seq: 1 }, { unique: true });
// A resend with the same client id finds the original instead of storing a copy.
MessageSchema.index({ tenantId: 1, roomId: 1, clientMessageId: 1 }, { unique: true });
