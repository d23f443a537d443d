import { isDuplicateKey } from '@app/database';
import { RedisLocks } from '@app/platform';
import { findOwnById, TenantContext, updateOwn } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { chatErrors } from '../chat-errors';
import { redisKeys } from '../redis-keys';
import { Contact, ContactNoteDocument } from './contact.schema';
import { type ContactState, firstVisit, recordVisit, type Visit } from './contact-visits';

/** Longer than reading and writing one contact takes. */
const LOCK_MS = 5_000;
/** A lock that lapsed mid-write lets a second first visit race to insert: it then updates. */
const UPSERT_ATTEMPTS = 3;
const NOTES_LISTED = 1000;

export type ContactRecord = Omit<Contact, '_id'> & { id: string };
export type ContactNoteRecord = Omit<ContactNoteDocument, '_id'> & { id: string };

/**
 * Contacts and their notes, of the tenant in context. Every change to a contact is a read, a
 * decision and a write under the contact's Redis lock: FerretDB v1 does not make a conditional
 * update atomic and may lose one of two concurrent updates of a document, so writers (the visit
 * consumer, an agent renaming) take turns instead.
 */
@Injectable()
export class ContactsRepository {
  constructor(
    @InjectModel(Contact.name) private readonly contacts: Model<Contact>,
    @InjectModel(ContactNoteDocument.name) private readonly notes: Model<ContactNoteDocument>,
    private readonly locks: RedisLocks,
  ) {}

  /**
   * Records a conversation's start: a first visit makes the contact, later ones move its last
   * seen, name and histories. Two first visits at once make one contact: the unique key on
   * (tenant, email) refuses the second insert, which then applies its visit as an update.
   */
  async recordVisit(visit: Visit): Promise<ContactRecord> {
    return this.changing(visit.email, async () => {
      for (let attempt = 1; ; attempt += 1) {
        const known = await this.contacts.findOne({ email: visit.email }).lean();
        if (known) return this.write(toRecord(known), recordVisit(known, visit));
        const created: Contact = {
          _id: randomUUID(),
          tenantId: TenantContext.current(),
          email: visit.email,
          ...firstVisit(visit),
          updatedAt: new Date(),
        };
        try {
          await this.contacts.create(created);
          return toRecord(created);
        } catch (error) {
          if (!isDuplicateKey(error) || attempt === UPSERT_ATTEMPTS) throw error;
        }
      }
    });
  }

  /** Sets the name agents know the contact by; null when there is no such contact. */
  async rename(
    id: string,
    name: string,
    by: { id: string; name: string },
  ): Promise<ContactRecord | null> {
    const found = await this.findById(id);
    if (!found) return null;
    return this.changing(found.email, async () => {
      const current = await this.findById(id);
      return current && this.write(current, { ...current, name, nameSetBy: by });
    });
  }

  async findById(id: string): Promise<ContactRecord | null> {
    const found = await findOwnById(this.contacts, id);
    return found && toRecord(found);
  }

  async findByEmail(email: string): Promise<ContactRecord | null> {
    const found = await this.contacts.findOne({ email }).lean();
    return found && toRecord(found);
  }

  async addNote(
    contactId: string,
    author: { id: string; name: string },
    body: string,
  ): Promise<ContactNoteRecord> {
    const note = { _id: randomUUID(), contactId, author, body, createdAt: new Date() };
    const created = await this.notes.create(note);
    return toNoteRecord(created.toObject());
  }

  /** The contact's notes, oldest first. */
  async notesOf(contactId: string): Promise<ContactNoteRecord[]> {
    const found = await this.notes
      .find({ contactId })
      .sort({ createdAt: 1, _id: 1 })
      .limit(NOTES_LISTED)
      .lean();
    return found.map(toNoteRecord);
  }

  /** Deletes the contact and its notes for good (its conversations are gone already). */
  async delete(contact: ContactRecord): Promise<void> {
    await this.changing(contact.email, async () => {
      await this.notes.deleteMany({ contactId: contact.id }).exec();
      await this.contacts.deleteOne({ _id: contact.id }).exec();
    });
  }

  private changing<T>(email: string, work: () => Promise<T>): Promise<T> {
    const lock = redisKeys.contactLock(TenantContext.current(), email);
    return this.locks.exclusive(lock, { lockMs: LOCK_MS, waitMs: LOCK_MS }, work, chatErrors.busy);
  }

  private async write(contact: ContactRecord, state: ContactState): Promise<ContactRecord> {
    const { name, nameSetBy, firstSeenAt, lastSeenAt, browsers, addresses } = state;
    const fields = { name, nameSetBy, firstSeenAt, lastSeenAt, browsers, addresses };
    const updatedAt = new Date();
    await updateOwn(this.contacts, contact, { $set: { ...fields, updatedAt } });
    return { ...contact, ...fields, updatedAt };
  }
}

const toRecord = ({ _id, ...contact }: Contact): ContactRecord => ({ id: _id, ...contact });
const toNoteRecord = ({ _id, ...note }: ContactNoteDocument): ContactNoteRecord => ({
  id: _id,
  ...note,
});
