import { findOwnById } from '@app/tenancy';
import { insertFirst } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { type CsatScore, type Overview } from '@app/contracts';
import { ReportSubscription, UsageReport } from './usage-report.schema';

export const usageReportId = (tenantId: string, day: string) => `${tenantId}:${day}`;

/** Usage reports and who subscribed to them, for the tenant in context. */
@Injectable()
export class UsageReportsRepository {
  constructor(
    @InjectModel(UsageReport.name) private readonly reports: Model<UsageReport>,
    @InjectModel(ReportSubscription.name)
    private readonly subscriptions: Model<ReportSubscription>,
  ) {}

  find(tenantId: string, day: string): Promise<UsageReport | null> {
    return findOwnById(this.reports, usageReportId(tenantId, day));
  }

  /** False when the day's report exists already (another replica, an earlier run). */
  save(report: {
    tenantId: string;
    day: string;
    overview: Overview;
    csat: CsatScore;
    emailedTo: number;
  }) {
    return insertFirst(this.reports, {
      _id: usageReportId(report.tenantId, report.day),
      ...report,
      createdAt: new Date(),
    });
  }

  /** Newest first, `before` a day for the next page. */
  list(limit: number, before?: string): Promise<UsageReport[]> {
    return this.reports
      .find(before ? { day: { $lt: before } } : {})
      .sort({ day: -1 })
      .limit(limit)
      .lean();
  }

  async subscribe(userId: string, daily: boolean): Promise<void> {
    await this.subscriptions.updateOne(
      { _id: userId },
      { $set: { daily, updatedAt: new Date() } },
      { upsert: true },
    );
  }

  async isSubscribed(userId: string): Promise<boolean> {
    return (await findOwnById(this.subscriptions, userId))?.daily ?? false;
  }

  async subscribers(): Promise<string[]> {
    const subscribed = await this.subscriptions.find({ daily: true }, { _id: 1 }).lean();
    return subscribed.map((subscription) => subscription._id);
  }
}
