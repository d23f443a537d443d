import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { type CsatScore, type Overview } from '@app/contracts';

/** A tenant's usage report for one UTC day, written once by the daily job. */
@Schema({ collection: 'usage_reports', versionKey: false })
export class UsageReport {
  /** `<tenantId>:<YYYY-MM-DD>`: one report per tenant and day, whichever replica writes it. */
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ type: String, required: true })
  day!: string;

  @Prop({ type: Object, required: true })
  overview!: Overview;

  /** The day's CSAT; absent from reports written before ratings. */
  @Prop({ type: Object })
  csat?: CsatScore;

  /** How many subscribed users it was emailed to. */
  @Prop({ type: Number, required: true })
  emailedTo!: number;

  @Prop({ type: Date, required: true })
  createdAt!: Date;
}

export const UsageReportSchema = SchemaFactory.createForClass(UsageReport);
UsageReportSchema.plugin(tenantScopedPlugin);

/** A user who wants the daily usage report by email. */
@Schema({ collection: 'report_subscriptions', versionKey: false })
export class ReportSubscription {
  /** The user id. */
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ type: Boolean, required: true })
  daily!: boolean;

  @Prop({ type: Date, required: true })
  updatedAt!: Date;
}

export const ReportSubscriptionSchema = SchemaFactory.createForClass(ReportSubscription);
ReportSubscriptionSchema.plugin(tenantScopedPlugin);
