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

  /** A renamed tenant; one not recorded yet gets its name from its creation event. */
  async rename(tenantId: string, name: string): Promise<void> {
    await this.summaries.updateOne({ _id: tenantId }, { $set: { name } });
  }

  /** Every tenant (for the daily job, which works through them one by one). */
  async all(): Promise<TenantSummaryRecord[]> {
    const summaries = await this.summaries.find({}).lean();
    return summaries.map((found) => ({
      tenantId: found._id,
      name: found.name,
      signedUpAt: found.signedUpAt,
    }));
  }

  async find(tenantId: string): Promise<TenantSummaryRecord | null> {
    const found = await this.summaries.findById(tenantId).lean();
    return found && { tenantId: found._id, name: found.name, signedUpAt: found.signedUpAt };
  }
}
