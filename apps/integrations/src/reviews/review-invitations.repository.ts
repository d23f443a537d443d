import {
  type ReviewInvitationsPage,
  type ReviewInvitationStatus,
  type ReviewInvitationView,
} from '@app/contracts';
import { insertFirst, newestFirstPage } from '@app/database';
import { asSystem, findOwnById } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type FilterQuery, type Model } from 'mongoose';
import { ReviewInvitation } from './review-invitation.schema';

export type NewInvitation = Omit<ReviewInvitation, 'tenantId' | 'createdAt' | 'updatedAt'>;
export type InvitationChanges = Partial<
  Omit<
    ReviewInvitation,
    '_id' | 'tenantId' | 'conversationId' | 'source' | 'createdAt' | 'updatedAt'
  >
>;

export const toInvitationView = (invitation: ReviewInvitation): ReviewInvitationView => ({
  id: invitation._id,
  conversationId: invitation.conversationId,
  source: invitation.source,
  status: invitation.status,
  skipReason: invitation.skipReason,
  recipient: invitation.recipient,
  rating: invitation.rating,
  attempts: invitation.attempts,
  lastError: invitation.lastError,
  nextAttemptAt: invitation.status === 'pending' ? invitation.nextAttemptAt : null,
  sentAt: invitation.sentAt,
  createdAt: invitation.createdAt,
  updatedAt: invitation.updatedAt,
});

const UNSETTLED: ReviewInvitationStatus[] = ['waiting_rating', 'pending', 'failed'];

/**
 * Review invitations of the tenant in context, except `due` and `ratingsOverdue` (the sweep's,
 * across tenants). Changes are made by the holder of the invitation's lock
 * (ReviewInvitationsService), so a plain update by `_id` is enough.
 */
@Injectable()
export class ReviewInvitationsRepository {
  constructor(
    @InjectModel(ReviewInvitation.name) private readonly invitations: Model<ReviewInvitation>,
  ) {}

  /** Creates the conversation's invitation; false when it has one already. */
  create(invitation: NewInvitation): Promise<boolean> {
    return insertFirst(this.invitations, invitation);
  }

  findById(id: string): Promise<ReviewInvitation | null> {
    return findOwnById(this.invitations, id);
  }

  async update(id: string, changes: InvitationChanges): Promise<void> {
    await this.invitations.updateOne({ _id: id }, { $set: changes }).exec();
  }

  async delete(id: string): Promise<void> {
    await this.invitations.deleteOne({ _id: id }).exec();
  }

  /** Ids of the invitations not sent yet to this email (any case). */
  async unsentTo(email: string): Promise<string[]> {
    const exactly = new RegExp(`^${email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i');
    const found = await this.invitations
      .find({ 'consumer.email': exactly }, { _id: 1 })
      .lean()
      .exec();
    return found.map(({ _id }) => _id);
  }

  /** Invitations that may still be sent: what a disconnection skips. */
  unsettled(): Promise<ReviewInvitation[]> {
    return this.invitations
      .find({ status: { $in: UNSETTLED } })
      .lean()
      .exec();
  }

  /** The log, newest first, `limit` at a time. */
  async page(query: {
    status?: ReviewInvitationStatus;
    limit: number;
    cursor?: string;
  }): Promise<ReviewInvitationsPage> {
    const filter: FilterQuery<ReviewInvitation> = {};
    if (query.status) filter.status = query.status;
    const { items, nextCursor } = await newestFirstPage(this.invitations, filter, query);
    return { invitations: items.map(toInvitationView), nextCursor };
  }

  /** Status and settling time of the invitations settled since `from`, for the counts per day. */
  settledSince(from: Date): Promise<Array<Pick<ReviewInvitation, 'status' | 'settledAt'>>> {
    return this.invitations
      .find({ settledAt: { $gte: from } }, { status: 1, settledAt: 1 })
      .lean()
      .exec();
  }

  /** Pending invitations of every tenant whose attempt is due, soonest first. */
  due(now: Date, limit: number): Promise<Array<Pick<ReviewInvitation, '_id' | 'tenantId'>>> {
    return asSystem('the review invitation sweep serves every tenant', () =>
      this.invitations
        .find({ status: 'pending', nextAttemptAt: { $lte: now } }, { _id: 1, tenantId: 1 })
        .sort({ nextAttemptAt: 1 })
        .limit(limit)
        .lean()
        .exec(),
    );
  }

  /** Invitations of every tenant that waited for a rating past their deadline. */
  ratingsOverdue(
    now: Date,
    limit: number,
  ): Promise<Array<Pick<ReviewInvitation, '_id' | 'tenantId'>>> {
    return asSystem('the review invitation sweep serves every tenant', () =>
      this.invitations
        .find({ status: 'waiting_rating', ratingDeadline: { $lte: now } }, { _id: 1, tenantId: 1 })
        .limit(limit)
        .lean()
        .exec(),
    );
  }
}
