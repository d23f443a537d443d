import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Who uploaded a file: a room's visitor, an agent, or a widget before its conversation began. */
export interface Uploader {
  type: 'visitor' | 'agent';
  /** The visitor's or the agent's id; for a pending upload, the chatbot's id. */
  id: string;
}

/**
 * A file of a conversation: its bytes are in the object store under `objectKey` (and, for an
 * image, a small version under `thumbnailKey`); this is what chat knows about it.
 */
@Schema({ collection: 'attachments', versionKey: false })
export class Attachment {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  /** Null while the upload waits for its conversation (a journey's image question). */
  @Prop({ type: String, default: null })
  roomId!: string | null;

  /** The chatbot a pending upload was made through: only its conversations may claim it. */
  @Prop({ type: String, default: null })
  chatbotId!: string | null;

  @Prop({ type: Object, required: true })
  uploader!: Uploader;

  /** The file's name as uploaded, cleaned of paths and control characters. */
  @Prop({ required: true })
  name!: string;

  /** Bytes as stored (after an image was cleaned of its metadata). */
  @Prop({ required: true })
  size!: number;

  /** Recognised from the bytes, never from the name or the declared type. */
  @Prop({ required: true })
  contentType!: string;

  @Prop({ type: Number })
  width?: number;

  @Prop({ type: Number })
  height?: number;

  @Prop({ required: true })
  objectKey!: string;

  @Prop({ type: String, default: null })
  thumbnailKey!: string | null;

  /** The message that carries it; null until sent. A file is sent once. */
  @Prop({ type: String, default: null })
  messageId!: string | null;

  /** A pending upload is deleted, file and all, after this (see PendingUploadsSweep). */
  @Prop({ type: Date, default: null })
  expiresAt!: Date | null;

  @Prop({ required: true })
  createdAt!: Date;
}

export const AttachmentSchema = SchemaFactory.createForClass(Attachment);
AttachmentSchema.plugin(tenantScopedPlugin);
// A room's files, for deleting a conversation (MongoDB uses it; FerretDB scans).
AttachmentSchema.index({ tenantId: 1, roomId: 1 });
// Pending uploads past their expiry, for the sweep.
AttachmentSchema.index({ roomId: 1, expiresAt: 1 });
