import { insertFirst } from '@app/database';
import { asSystem, findOwnById } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { SlaAlertPreferenceEntry, SlaBreach } from './sla-breach.schema';

export type SlaBreachRecord = SlaBreach;

/** The breaches of the tenant in context, and supervisors' choices to be emailed about them. */
@Injectable()
export class SlaBreachesRepository {
  constructor(
    @InjectModel(SlaBreach.name) private readonly breaches: Model<SlaBreach>,
    @InjectModel(SlaAlertPreferenceEntry.name)
    private readonly preferences: Model<SlaAlertPreferenceEntry>,
  ) {}

  /** True for the one caller, on any replica, that recorded the breach first. */
  record(breach: Omit<SlaBreach, 'tenantId' | 'published'>): Promise<boolean> {
    return insertFirst(this.breaches, { ...breach, published: false });
  }

  async markPublished(id: string): Promise<void> {
    await this.breaches.updateOne({ _id: id }, { $set: { published: true } }).exec();
  }

  /** Breaches of every tenant recorded before `before` and still unpublished: their writer died. */
  unpublished(before: Date, limit: number): Promise<SlaBreachRecord[]> {
    return asSystem('breaches left unpublished', () =>
      this.breaches
        .find({ published: false, breachedAt: { $lt: before } })
        .limit(limit)
        .lean()
        .exec(),
    );
  }

  async emailChosen(agentId: string): Promise<boolean> {
    return (await findOwnById(this.preferences, agentId))?.email ?? false;
  }

  async chooseEmail(agentId: string, email: boolean): Promise<void> {
    await this.preferences
      .updateOne({ _id: agentId }, { $set: { email } }, { upsert: true })
      .exec();
  }
}
