import { type CannedReplyScope, type CannedReplyView } from '@app/contracts';
import { isDuplicateKey } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { CannedReply } from './canned-reply.schema';

export type CannedReplyRecord = CannedReplyView;

export type CannedReplyFields = Pick<CannedReplyRecord, 'shortcut' | 'title' | 'body'>;

export interface NewCannedReply extends CannedReplyFields {
  scope: CannedReplyScope;
  ownerId: string | null;
  createdBy: string;
}

const toRecord = (reply: CannedReply): CannedReplyRecord => ({
  id: reply._id,
  shortcut: reply.shortcut,
  title: reply.title ?? null,
  body: reply.body,
  scope: reply.scope,
  ownerId: reply.ownerId ?? null,
  createdBy: reply.createdBy,
  createdAt: reply.createdAt,
  updatedAt: reply.updatedAt,
});

const shortcutSet = (scope: CannedReplyScope, ownerId: string | null) =>
  scope === 'shared' ? 'shared' : `personal:${ownerId}`;

/** What `userId` may see: every shared reply and their own personal ones. */
const visibleTo = (userId: string) => ({
  $or: [{ scope: 'shared' }, { scope: 'personal', ownerId: userId }],
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Canned replies of the tenant in context, as seen by one agent: another agent's personal
 * replies are never found. `shortcut_taken` from a write whose shortcut its set already has.
 */
@Injectable()
export class CannedRepliesRepository {
  constructor(@InjectModel(CannedReply.name) private readonly replies: Model<CannedReply>) {}

  async create(reply: NewCannedReply): Promise<CannedReplyRecord | 'shortcut_taken'> {
    try {
      const created = await this.replies.create({
        _id: randomUUID(),
        ...reply,
        shortcutSet: shortcutSet(reply.scope, reply.ownerId),
      });
      return toRecord(created.toObject());
    } catch (error) {
      if (isDuplicateKey(error)) return 'shortcut_taken';
      throw error;
    }
  }

  /** By shortcut (personal before shared on a tie); `prefix` narrows to shortcuts or titles starting so. */
  async listVisible(userId: string, prefix?: string): Promise<CannedReplyRecord[]> {
    const starts = prefix && new RegExp(`^${escapeRegExp(prefix)}`, 'i');
    const filter = starts
      ? { $and: [visibleTo(userId), { $or: [{ shortcut: starts }, { title: starts }] }] }
      : visibleTo(userId);
    const found = await this.replies.find(filter).sort({ shortcut: 1, scope: 1, _id: 1 }).lean();
    return found.map(toRecord);
  }

  async findVisible(id: string, userId: string): Promise<CannedReplyRecord | null> {
    const reply = await this.replies.findOne({ $and: [{ _id: id }, visibleTo(userId)] }).lean();
    return reply && toRecord(reply);
  }

  /** The shared replies (`ownerId` null) or one agent's personal ones. */
  count(scope: CannedReplyScope, ownerId: string | null): Promise<number> {
    return this.replies.countDocuments({ shortcutSet: shortcutSet(scope, ownerId) });
  }

  async update(
    id: string,
    changes: Partial<CannedReplyFields>,
  ): Promise<CannedReplyRecord | null | 'shortcut_taken'> {
    try {
      const updated = await this.replies
        .findOneAndUpdate({ _id: id }, { $set: changes }, { new: true })
        .lean();
      return updated && toRecord(updated);
    } catch (error) {
      if (isDuplicateKey(error)) return 'shortcut_taken';
      throw error;
    }
  }

  async delete(id: string): Promise<boolean> {
    return (await this.replies.deleteOne({ _id: id })).deletedCount === 1;
  }
}
