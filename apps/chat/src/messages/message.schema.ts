import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { type StoredAttachment } from '../attachments/attachment-links';

/** A message's `_id`: its room and seq, so replay and history read it by `_id` (see findOwnById). */
export const messageKey = (roomId: string, seq: number): string => `${roomId}:${seq}`;

@Schema({ collection: 'messages', versionKey: false })
export class Message {
  /** `messageKey(roomId, seq)`: unique, so two messages never share a seq. */
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  roomId!: string;

  @Prop({ required: true })
  seq!: number;

  /** The sender's own id for the message, unique in the room; system messages get a generated one. */
  @Prop({ required: true })
  clientMessageId!: string;

  @Prop({ type: Object, required: true })
  sender!: { type: 'visitor' | 'agent' | 'system'; id?: string; name?: string };

  /** Plain text, exactly as sent: clients render it as text, never as HTML. */
  @Prop({ required: true })
  body!: string;

  /** The files the message carries, as they were when sent (links are made per delivery). */
  @Prop({ type: [Object], default: undefined })
  attachments?: StoredAttachment[];

  @Prop({ required: true })
  createdAt!: Date;
}

export const MessageSchema = SchemaFactory.createForClass(Message);
MessageSchema.plugin(tenantScopedPlugin);
// Finds a room's highest seq when Redis no longer knows it (MongoDB uses it; FerretDB scans).
MessageSchema.index({ tenantId: 1, roomId: 1, seq: 1 }, { unique: true });
// Stores a client's message once, however often it is resent: a resend's insert is refused.
MessageSchema.index({ tenantId: 1, roomId: 1, clientMessageId: 1 }, { unique: true });
