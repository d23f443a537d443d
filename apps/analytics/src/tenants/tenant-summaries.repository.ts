import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { TenantSummary } from './tenant-summary.schema';

export interface TenantSummaryRecord {
  tenantId: string;
  name: string;
  signedUpAt: Date;
}

@Injectable()
export class TenantSummariesRepository {
  constructor(@InjectModel(TenantSummary.name) private readonly summaries: Model<TenantSummary>) {}

  /** An upsert, so replaying the topic from the start changes nothing. */
  async record(summary: TenantSummaryRecord): Promise<void> {
    await this.summaries.updateOne(
      { _id: summary.tenantId },
      { $set: { name: summary.name, signedUpAt: summary.signedUpAt } },
      { upsert: true },
    );
  }

  async find(tenantId: string): Promise<TenantSummaryRecord | null> {
    const found = await this.summaries.findById(tenantId).lean();
    return found && { tenantId: found._id, name: found.name, signedUpAt: found.signedUpAt };
  }
}
