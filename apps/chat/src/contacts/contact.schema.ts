import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export interface BrowserSighting {
  name?: string;
  version?: string;
  os?: string;
  device?: string;
  lastSeenAt: Date;
}

export interface AddressSighting {
  ip: string;
  lastSeenAt: Date;
}

/**
 * A visitor known across conversations by email, in one tenant. Written by the consumer of
 * `chat.chatroom.created` (each conversation is a visit) and by agents (the name), always under
 * the contact's lock (see ContactsRepository): FerretDB v1 may lose one of two concurrent
 * updates of a document.
 */
@Schema({ collection: 'contacts', versionKey: false })
export class Contact {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  /** Trimmed and lower case: the same person whatever case they typed. */
  @Prop({ required: true })
  email!: string;

  @Prop({ required: true })
  name!: string;

  /** The agent who set the name; null: the name the visitor gave last. */
  @Prop({ type: Object, default: null })
  nameSetBy!: { id: string; name: string } | null;

  @Prop({ required: true })
  firstSeenAt!: Date;

  @Prop({ required: true })
  lastSeenAt!: Date;

  /** Most recent first, bounded (see contact-visits.ts). */
  @Prop({ type: [Object], default: [] })
  browsers!: BrowserSighting[];

  @Prop({ type: [Object], default: [] })
  addresses!: AddressSighting[];

  @Prop({ required: true })
  updatedAt!: Date;
}

export const ContactSchema = SchemaFactory.createForClass(Contact);
ContactSchema.plugin(tenantScopedPlugin);
// One contact per email and tenant: of two first visits at once, the second insert is refused
// and becomes an update of the first's contact.
ContactSchema.index({ tenantId: 1, email: 1 }, { unique: true });

/** A note agents keep about a contact; never changed once written, so it needs no lock. */
@Schema({ collection: 'contact_notes', versionKey: false })
export class ContactNoteDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  contactId!: string;

  @Prop({ type: Object, required: true })
  author!: { id: string; name: string };

  @Prop({ required: true })
  body!: string;

  @Prop({ required: true })
  createdAt!: Date;
}

export const ContactNoteSchema = SchemaFactory.createForClass(ContactNoteDocument);
ContactNoteSchema.plugin(tenantScopedPlugin);
// A contact's notes in order (the profile), and all of them for an erasure.
ContactNoteSchema.index({ tenantId: 1, contactId: 1, createdAt: 1 });
