import {
  type AgentFigures,
  type CsatFigures,
  type Interval,
  type LabelsFigures,
  type Overview,
  type SlaFigures,
  type TimeseriesPoint,
} from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { type AnalyticsQueries, type AnalyticsRange } from './analytics-queries';
import { DayCountersReader } from './day-counters.reader';
import { agentsOf, csatOf, labelsOf, overviewOf, slaOf, timeseriesOf } from './rollup-figures';

/**
 * The figures from the local rollups: a range reads one small document per day it touches, the
 * section of the day its figures need (see DayCountersReader).
 */
@Injectable()
export class LocalQueriesService implements AnalyticsQueries {
  constructor(private readonly days: DayCountersReader) {}

  async overview(range: AnalyticsRange): Promise<Overview> {
    return overviewOf(await this.days.read(range, 'daily'));
  }

  async timeseries(range: AnalyticsRange, interval: Interval): Promise<TimeseriesPoint[]> {
    const section = interval === 'hour' ? 'totals' : 'daily';
    return timeseriesOf(await this.days.read(range, section), range, interval);
  }

  async agents(range: AnalyticsRange): Promise<AgentFigures[]> {
    return agentsOf(await this.days.read(range, 'agents'));
  }

  async sla(range: AnalyticsRange): Promise<SlaFigures> {
    return slaOf(await this.days.read(range, 'other'));
  }

  async labels(range: AnalyticsRange): Promise<LabelsFigures> {
    return labelsOf(await this.days.read(range, 'other'));
  }

  async csat(range: AnalyticsRange): Promise<CsatFigures> {
    return csatOf(await this.days.read(range, 'other'));
  }
}
