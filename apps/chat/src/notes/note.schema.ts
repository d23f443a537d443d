import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A private note in a conversation: kept apart from the messages, so that nothing that serves
 * the visitor (their socket, history, transcript) can ever read one.
 */
@Schema({ collection: 'notes', versionKey: false })
export class Note {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  roomId!: string;

  /** Chosen by the client (or generated): a resend stores the note once. */
  @Prop({ required: true })
  clientNoteId!: string;

  @Prop({ type: Object, required: true })
  author!: { id: string; name: string };

  /** Plain text, exactly as written. */
  @Prop({ required: true })
  body!: string;

  /** The room's last message seq when the note was written: where it sits in the timeline. */
  @Prop({ required: true })
  afterSeq!: number;

  @Prop({ required: true })
  createdAt!: Date;
}

export const NoteSchema = SchemaFactory.createForClass(Note);
NoteSchema.plugin(tenantScopedPlugin);
// A room's notes in order, and a resend refused by the unique key.
NoteSchema.index({ tenantId: 1, roomId: 1, clientNoteId: 1 }, { unique: true });
NoteSchema.index({ tenantId: 1, roomId: 1, createdAt: 1 });
