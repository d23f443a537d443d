import { RequirePermissions } from '@app/auth';
import { TenantContext } from '@app/tenancy';
import {
  type AgentsReport,
  type AnalyticsRangeView,
  type LabelsFigures,
  type CsatReport,
  type OverviewReport,
  type SlaFigures,
  type TimeseriesReport,
} from '@app/contracts';
import { ApiAnswer, ApiErrors, AppHttpError } from '@app/platform';
import { agentsAnswer, overviewAnswer, timeseriesAnswer } from './analytics.answers';
import { labelsAnswer } from './labels.answers';
import { csatAnswer } from './csat.answers';
import { slaAnswer } from './sla.answers';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DirectoryRepository } from '../directory/directory.repository';
import { ActivityRepository } from '../rollups/activity.repository';
import { ANALYTICS_QUERIES, type AnalyticsQueries, type AnalyticsRange } from './analytics-queries';
import { RangeQuery, TimeseriesQuery } from './range-query.dto';

/** The tenant's analytics: from Tinybird when it is configured, else from the local rollups. */
@ApiTags('analytics')
@ApiBearerAuth()
@RequirePermissions('analytics:view')
@ApiErrors({ 404: '`chatbotId` names no chatbot of the tenant (another tenant’s answers alike)' })
@Controller()
export class AnalyticsController {
  constructor(
    @Inject(ANALYTICS_QUERIES) private readonly queries: AnalyticsQueries,
    private readonly directory: DirectoryRepository,
    private readonly activity: ActivityRepository,
  ) {}

  @ApiAnswer(200, overviewAnswer)
  @Get('overview')
  async overview(@Query() query: RangeQuery): Promise<OverviewReport> {
    const range = await this.range(query);
    return { ...rangeView(range), ...(await this.queries.overview(range)) };
  }

  @ApiAnswer(200, timeseriesAnswer)
  @Get('timeseries')
  async timeseries(@Query() query: TimeseriesQuery): Promise<TimeseriesReport> {
    const range = await this.range(query);
    return {
      ...rangeView(range),
      interval: query.interval,
      points: await this.queries.timeseries(range, query.interval),
    };
  }

  @ApiAnswer(200, agentsAnswer)
  @Get('agents')
  async agents(@Query() query: RangeQuery): Promise<AgentsReport> {
    const range = await this.range(query);
    const [figures, users, online] = await Promise.all([
      this.queries.agents(range),
      this.directory.usersOfTenant(),
      this.activity.onlineAgents(),
    ]);
    const onlineNow = new Set(online);
    return {
      ...rangeView(range),
      agentsOnline: onlineNow.size,
      agents: figures.map((agent) => ({
        ...agent,
        name: users.get(agent.agentId)?.name ?? null,
        online: onlineNow.has(agent.agentId),
      })),
    };
  }

  /** SLA compliance (targets met of those settled) and breaches, by team, agent and category. */
  @ApiAnswer(200, slaAnswer)
  @Get('sla')
  async sla(@Query() query: RangeQuery): Promise<AnalyticsRangeView & SlaFigures> {
    const range = await this.range(query);
    return { ...rangeView(range), ...(await this.queries.sla(range)) };
  }

  /** Per label, conversations it was put on and taken off in the range (ids of the tenant's labels). */
  @ApiAnswer(200, labelsAnswer)
  @Get('labels')
  async labels(@Query() query: RangeQuery): Promise<AnalyticsRangeView & LabelsFigures> {
    const range = await this.range(query);
    return { ...rangeView(range), ...(await this.queries.labels(range)) };
  }

  /**
   * CSAT: conversations closed as resolved that their visitors rated, each once by its latest
   * rating (counted when given), overall, by the agent it closed with and by team.
   */
  @ApiAnswer(200, csatAnswer)
  @Get('csat')
  async csat(@Query() query: RangeQuery): Promise<CsatReport> {
    const range = await this.range(query);
    const [figures, users] = await Promise.all([
      this.queries.csat(range),
      this.directory.usersOfTenant(),
    ]);
    return {
      ...rangeView(range),
      ...figures,
      byAgent: figures.byAgent.map((agent) => ({
        ...agent,
        name: (agent.agentId && users.get(agent.agentId)?.name) || null,
      })),
    };
  }

  /** The range asked for, for the tenant in context, with its chatbot checked. */
  private async range(query: {
    from: Date;
    to: Date;
    chatbotId?: string;
  }): Promise<AnalyticsRange> {
    // One answer for another tenant's chatbot and for none: ids of other tenants are not probed.
    if (query.chatbotId !== undefined && !(await this.directory.hasChatbot(query.chatbotId)))
      throw new AppHttpError(404, 'chatbot_not_found', 'no such chatbot');
    return {
      tenantId: TenantContext.current(),
      from: query.from,
      to: query.to,
      ...(query.chatbotId ? { chatbotId: query.chatbotId } : {}),
    };
  }
}

function rangeView(range: AnalyticsRange): AnalyticsRangeView {
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    chatbotId: range.chatbotId ?? null,
  };
}
