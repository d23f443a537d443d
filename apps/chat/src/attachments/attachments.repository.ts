import { asSystem, findOwnById } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { Attachment } from './attachment.schema';

export type AttachmentRecord = Omit<Attachment, '_id'> & { id: string };

const toRecord = ({ _id, ...rest }: Attachment): AttachmentRecord => ({ id: _id, ...rest });

/** Attachments of the tenant in context; single files are read by `_id` (see findOwnById). */
@Injectable()
export class AttachmentsRepository {
  constructor(@InjectModel(Attachment.name) private readonly attachments: Model<Attachment>) {}

  async insert(attachment: Omit<Attachment, 'tenantId'>): Promise<AttachmentRecord> {
    const created = await this.attachments.create(attachment);
    return toRecord(created.toObject());
  }

  async findById(id: string): Promise<AttachmentRecord | null> {
    const found = await findOwnById(this.attachments, id);
    return found && toRecord(found);
  }

  async findMany(ids: string[]): Promise<AttachmentRecord[]> {
    const found = await Promise.all(ids.map((id) => this.findById(id)));
    return found.filter((attachment): attachment is AttachmentRecord => attachment !== null);
  }

  /**
   * Marks the files as sent in `messageId`, each only if it is still unsent: the ids that this
   * call marked (a racing send of the same file marks it in the other call).
   */
  async markSent(ids: string[], messageId: string): Promise<string[]> {
    const marked: string[] = [];
    for (const id of ids) {
      const outcome = await this.attachments
        .updateOne({ _id: id, messageId: null }, { $set: { messageId } })
        .exec();
      if (outcome.modifiedCount === 1) marked.push(id);
    }
    return marked;
  }

  /** Gives back files marked for a message that was then not stored. */
  async unmarkSent(ids: string[], messageId: string): Promise<void> {
    if (!ids.length) return;
    await this.attachments
      .updateMany({ _id: { $in: ids }, messageId }, { $set: { messageId: null } })
      .exec();
  }

  /**
   * Ties a pending upload to its new room, and to the room's visitor as its uploader, if it is
   * still pending; true when this call did.
   */
  async claim(
    id: string,
    chatbotId: string,
    room: { id: string; visitorId: string },
    now: Date,
  ): Promise<boolean> {
    const outcome = await this.attachments
      .updateOne(
        { _id: id, roomId: null, chatbotId, expiresAt: { $gt: now } },
        {
          $set: {
            roomId: room.id,
            uploader: { type: 'visitor', id: room.visitorId },
            expiresAt: null,
          },
        },
      )
      .exec();
    return outcome.modifiedCount === 1;
  }

  async ofRoom(roomId: string): Promise<AttachmentRecord[]> {
    const found = await this.attachments.find({ roomId }).lean().exec();
    return found.map(toRecord);
  }

  async deleteMany(ids: string[]): Promise<void> {
    if (ids.length) await this.attachments.deleteMany({ _id: { $in: ids } }).exec();
  }

  /** Pending uploads of every tenant whose time ran out, a batch at a time, for the sweep. */
  expiredPending(now: Date, limit: number): Promise<Attachment[]> {
    return asSystem('the sweep deletes every tenant’s expired pending uploads', () =>
      this.attachments
        .find({ roomId: null, expiresAt: { $lt: now } })
        .limit(limit)
        .lean()
        .exec(),
    );
  }

  /** Deletes swept records by id across tenants (the sweep read them as the system). */
  deleteSwept(ids: string[]): Promise<unknown> {
    return asSystem('the sweep deletes every tenant’s expired pending uploads', () =>
      this.attachments.deleteMany({ _id: { $in: ids }, roomId: null }).exec(),
    );
  }
}
