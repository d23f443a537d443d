import { CurrentPrincipal, NotForApiTokens, type Principal, RequirePermissions } from '@app/auth';
import { TenantContext } from '@app/tenancy';
import { ApiAnswer, AppHttpError } from '@app/platform';
import { reportAnswer, reportsAnswer, subscriptionAnswer } from './reports.answers';
import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { type UsageReport } from './usage-report.schema';
import { UsageReportsRepository } from './usage-reports.repository';

class ReportsQuery extends createZodDto(
  z.strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(30),
    /** The `day` of the last report of the previous page. */
    before: z.iso.date().optional(),
  }),
) {}

class SubscriptionBody extends createZodDto(z.strictObject({ daily: z.boolean() })) {}

const view = (report: UsageReport) => ({
  day: report.day,
  createdAt: report.createdAt,
  emailedTo: report.emailedTo,
  overview: report.overview,
  csat: report.csat ?? null,
});

/** The daily usage reports, and the caller's choice to get them by email. */
@ApiTags('reports')
@ApiBearerAuth()
@RequirePermissions('analytics:view')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: UsageReportsRepository) {}

  @ApiAnswer(200, reportsAnswer)
  @Get()
  async list(@Query() query: ReportsQuery) {
    const reports = await this.reports.list(query.limit + 1, query.before);
    const page = reports.slice(0, query.limit);
    return {
      reports: page.map(view),
      nextBefore: reports.length > query.limit ? page[page.length - 1].day : null,
    };
  }

  @NotForApiTokens()
  @ApiAnswer(200, subscriptionAnswer)
  @Get('subscription')
  async subscription(@CurrentPrincipal() principal: Principal) {
    return { daily: await this.reports.isSubscribed(principal.userId) };
  }

  @NotForApiTokens()
  @ApiAnswer(200, subscriptionAnswer)
  @Put('subscription')
  async subscribe(@CurrentPrincipal() principal: Principal, @Body() body: SubscriptionBody) {
    await this.reports.subscribe(principal.userId, body.daily);
    return { daily: body.daily };
  }

  @ApiAnswer(200, reportAnswer)
  @ApiParam({ name: 'day', type: String, format: 'date', description: 'YYYY-MM-DD (UTC).' })
  @Get(':day')
  async one(@Param('day') day: string) {
    if (!z.iso.date().safeParse(day).success)
      throw new AppHttpError(400, 'validation_failed', 'day: a date, YYYY-MM-DD');
    const report = await this.reports.find(TenantContext.current(), day);
    if (!report) throw new AppHttpError(404, 'report_not_found', 'no report for this day');
    return view(report);
  }
}
