import { type Principal } from '@app/auth';
import { CANNED_REPLY_LIMITS, type CannedReplyScope } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import {
  type CannedReplyFields,
  type CannedReplyRecord,
  CannedRepliesRepository,
} from './canned-replies.repository';
import { cannedReplyErrors } from './canned-reply-errors';

const LIMIT: Record<CannedReplyScope, number> = {
  shared: CANNED_REPLY_LIMITS.sharedPerTenant,
  personal: CANNED_REPLY_LIMITS.personalPerAgent,
};

/**
 * Saved replies: every agent keeps personal ones and reads the shared ones; only holders of
 * `canned:manage` change the shared ones. Another agent's personal replies are not found at all.
 */
@Injectable()
export class CannedRepliesService {
  constructor(private readonly replies: CannedRepliesRepository) {}

  list(caller: Principal, prefix?: string): Promise<CannedReplyRecord[]> {
    return this.replies.listVisible(caller.userId, prefix);
  }

  async create(
    fields: CannedReplyFields & { scope: CannedReplyScope },
    caller: Principal,
  ): Promise<CannedReplyRecord> {
    const { scope } = fields;
    this.mayChange(scope, caller);
    const ownerId = scope === 'personal' ? caller.userId : null;
    if ((await this.replies.count(scope, ownerId)) >= LIMIT[scope])
      throw cannedReplyErrors.tooMany(scope, LIMIT[scope]);
    const created = await this.replies.create({ ...fields, ownerId, createdBy: caller.userId });
    if (created === 'shortcut_taken') throw cannedReplyErrors.shortcutTaken(scope);
    return created;
  }

  async update(
    id: string,
    changes: Partial<CannedReplyFields>,
    caller: Principal,
  ): Promise<CannedReplyRecord> {
    const reply = await this.visible(id, caller);
    this.mayChange(reply.scope, caller);
    const updated = await this.replies.update(id, changes);
    if (updated === 'shortcut_taken') throw cannedReplyErrors.shortcutTaken(reply.scope);
    if (!updated) throw cannedReplyErrors.notFound();
    return updated;
  }

  async delete(id: string, caller: Principal): Promise<void> {
    const reply = await this.visible(id, caller);
    this.mayChange(reply.scope, caller);
    if (!(await this.replies.delete(id))) throw cannedReplyErrors.notFound();
  }

  private async visible(id: string, caller: Principal): Promise<CannedReplyRecord> {
    const reply = await this.replies.findVisible(id, caller.userId);
    if (!reply) throw cannedReplyErrors.notFound();
    return reply;
  }

  /** A personal reply is its owner's to change (`visible` found it, so the caller owns it). */
  private mayChange(scope: CannedReplyScope, caller: Principal): void {
    if (scope === 'shared' && !caller.permissions.includes('canned:manage'))
      throw cannedReplyErrors.sharedNeedsPermission();
  }
}
