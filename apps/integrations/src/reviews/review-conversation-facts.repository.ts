import { insertFirst } from '@app/database';
import { asSystem, findOwnById } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { ReviewRating, ReviewVisitor } from './review-invitation.schema';

/**
 * What an invitation needs to know of a conversation before it closes, from the chat events of
 * a tenant with Trustpilot connected: its visitor (until the close) and its ratings. Written by
 * insert only, so events read in any order and on any replica never lose one another's facts.
 */
@Injectable()
export class ReviewConversationFactsRepository {
  constructor(
    @InjectModel(ReviewVisitor.name) private readonly visitors: Model<ReviewVisitor>,
    @InjectModel(ReviewRating.name) private readonly ratings: Model<ReviewRating>,
  ) {}

  async keepVisitor(visitor: Omit<ReviewVisitor, 'tenantId'>): Promise<void> {
    await insertFirst(this.visitors, visitor);
  }

  visitor(id: string): Promise<ReviewVisitor | null> {
    return findOwnById(this.visitors, id);
  }

  async forgetVisitor(id: string): Promise<void> {
    await this.visitors.deleteOne({ _id: id }).exec();
  }

  /** Everything kept of a conversation: its visitor and its ratings. */
  async forgetConversation(id: string): Promise<void> {
    await this.visitors.deleteOne({ _id: id }).exec();
    await this.ratings.deleteMany({ invitationId: id }).exec();
  }

  async forgetAllVisitors(): Promise<void> {
    await this.visitors.deleteMany({}).exec();
  }

  async keepRating(rating: Omit<ReviewRating, 'tenantId' | '_id'>): Promise<void> {
    await insertFirst(this.ratings, {
      ...rating,
      _id: `${rating.invitationId}:${rating.revision}`,
    });
  }

  /** The conversation's latest rating (its highest revision); null when it has none. */
  async latestRating(invitationId: string): Promise<number | null> {
    const [latest] = await this.ratings
      .find({ invitationId })
      .sort({ revision: -1 })
      .limit(1)
      .lean()
      .exec();
    return latest?.rating ?? null;
  }

  /** Deletes, across tenants, what was kept past its time. */
  async purgeExpired(now: Date): Promise<void> {
    await asSystem('the retention sweep serves every tenant', async () => {
      await this.visitors.deleteMany({ expiresAt: { $lte: now } }).exec();
      await this.ratings.deleteMany({ expiresAt: { $lte: now } }).exec();
    });
  }
}
