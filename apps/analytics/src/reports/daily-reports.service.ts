import { forTenant } from '@app/tenancy';
import { InjectConfig } from '@app/config';
import { NotificationRequestedV1 } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { PeriodicTask } from '@app/scheduling';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { type AnalyticsConfig } from '../analytics.config';
import { DirectoryRepository } from '../directory/directory.repository';
import { ANALYTICS_QUERIES, type AnalyticsQueries } from '../queries/analytics-queries';
import {
  type TenantSummaryRecord,
  TenantSummariesRepository,
} from '../tenants/tenant-summaries.repository';
import { dueReportDay, reportDayRange } from './report-day';
import { reportFigures } from './report-figures';
import { UsageReportsRepository } from './usage-reports.repository';

/**
 * The daily usage report: once a day is over (and late events have had
 * `ANALYTICS_REPORT_AFTER_MINUTES` to arrive), each tenant's figures for it are stored and
 * emailed to its users who subscribed. Every replica runs the job; the report's id and the
 * notification ids are the tenant, day and user, so a second run or replica stores and sends
 * nothing new.
 */
@Injectable()
export class DailyReportsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DailyReportsService.name);
  private readonly job: PeriodicTask;

  constructor(
    @InjectConfig() private readonly config: AnalyticsConfig,
    private readonly reports: UsageReportsRepository,
    private readonly tenants: TenantSummariesRepository,
    private readonly directory: DirectoryRepository,
    @Inject(ANALYTICS_QUERIES) private readonly queries: AnalyticsQueries,
    private readonly events: EventPublisher,
  ) {
    this.job = new PeriodicTask(
      'daily reports',
      config.ANALYTICS_REPORT_CHECK_MS,
      async () => {
        // Logged as an error, not the task's warning: a day without reports needs a look.
        await this.runDue(new Date()).catch((error: Error) =>
          this.logger.error(`daily reports failed: ${error.message}`),
        );
      },
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.job.stop();
  }

  /** The last day whose report is due at `now`. */
  dueDay(now: Date): string {
    return dueReportDay(now, this.config.ANALYTICS_REPORT_AFTER_MINUTES);
  }

  /** Writes (and emails) every tenant's report for the day due at `now`; answers how many it wrote. */
  async runDue(now: Date): Promise<number> {
    const day = this.dueDay(now);
    const dayEnd = reportDayRange(day).to;
    let written = 0;
    for (const tenant of await this.tenants.all()) {
      if (tenant.signedUpAt.getTime() >= dayEnd.getTime()) continue;
      if (
        await forTenant(tenant.tenantId, 'each tenant’s daily usage report', () =>
          this.report(tenant, day),
        )
      )
        written += 1;
    }
    if (written > 0) this.logger.log(`usage reports for ${day}: ${written} written`);
    return written;
  }

  private async report(tenant: TenantSummaryRecord, day: string): Promise<boolean> {
    if (await this.reports.find(tenant.tenantId, day)) return false;
    const range = { tenantId: tenant.tenantId, ...reportDayRange(day) };
    const [overview, csat] = await Promise.all([
      this.queries.overview(range),
      this.queries.csat(range),
    ]);
    const recipients = await this.recipients();
    const figures = reportFigures(overview, csat.overall);
    for (const user of recipients)
      await this.events.publish(NotificationRequestedV1, {
        tenantId: tenant.tenantId,
        payload: {
          notificationId: `usage-report:${tenant.tenantId}:${day}:${user.id}`,
          to: { email: user.email, name: user.name },
          tenantName: tenant.name,
          kind: 'usage-report',
          day,
          figures,
          dashboardUrl: `${this.config.PUBLIC_URL}/app/analytics?from=${day}`,
        },
      });
    return this.reports.save({
      tenantId: tenant.tenantId,
      day,
      overview,
      csat: csat.overall,
      emailedTo: recipients.length,
    });
  }

  /** Active users who may see analytics and asked for the daily report. */
  private async recipients() {
    const [subscribers, users] = await Promise.all([
      this.reports.subscribers(),
      this.directory.usersOfTenant(),
    ]);
    return subscribers.flatMap((userId) => {
      const user = users.get(userId);
      return user && user.status === 'active' && user.permissions.includes('analytics:view')
        ? [{ id: userId, email: user.email, name: user.name }]
        : [];
    });
  }
}
