import { findOwnById } from '@app/tenancy';
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
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { DayRollup, dayRollupId } from '../rollups/day-rollup.schema';
import { daysBetween } from '../rollups/rollup-time';
import { type AnalyticsQueries, type AnalyticsRange } from './analytics-queries';
import {
  agentsOf,
  countersOfDay,
  csatOf,
  type DayCounters,
  labelsOf,
  overviewOf,
  slaOf,
  timeseriesOf,
} from './rollup-figures';

/**
 * The figures from the local rollups: a range reads one small document per day it touches.
 */
@Injectable()
export class LocalQueriesService implements AnalyticsQueries {
  constructor(@InjectModel(DayRollup.name) private readonly days: Model<DayRollup>) {}

  async overview(range: AnalyticsRange): Promise<Overview> {
    return overviewOf(await this.load(range));
  }

  async timeseries(range: AnalyticsRange, interval: Interval): Promise<TimeseriesPoint[]> {
    return timeseriesOf(await this.load(range), range, interval);
  }

  async agents(range: AnalyticsRange): Promise<AgentFigures[]> {
    return agentsOf(await this.load(range));
  }

  async sla(range: AnalyticsRange): Promise<SlaFigures> {
    return slaOf(await this.load(range));
  }

  async labels(range: AnalyticsRange): Promise<LabelsFigures> {
    return labelsOf(await this.load(range));
  }

  async csat(range: AnalyticsRange): Promise<CsatFigures> {
    return csatOf(await this.load(range));
  }

  /** The counters of each day of the range, narrowed to the chatbot if one is given. */
  private async load(range: AnalyticsRange): Promise<DayCounters[]> {
    const documents = await Promise.all(
      daysBetween(range.from, range.to).map((day) =>
        findOwnById(this.days, dayRollupId(range.tenantId, day)),
      ),
    );
    return documents
      .filter((document) => document !== null)
      .map((document) => countersOfDay(document, range.chatbotId));
  }
}
