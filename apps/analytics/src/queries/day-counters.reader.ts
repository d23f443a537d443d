import { findOwnById } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { compactCounters, countersOfCompact } from '../rollups/compact-counters';
import { DayRollup, dayRollupId } from '../rollups/day-rollup.schema';
import {
  DaySummary,
  daySummaryId,
  isCurrent,
  SUMMARY_SECTIONS,
  type SummarySection,
} from '../rollups/day-summary.schema';
import { daysBetween, isSettled } from '../rollups/rollup-time';
import { type AnalyticsRange } from './analytics-queries';
import { sectionsOf } from './day-sections';
import { countersOfDay, type DayCounters } from './rollup-figures';

/**
 * The counters of a range's days that a query reads (its section): a settled day's from its
 * summary, made on first read and made again after a late write; the days still being written
 * (today, yesterday for an hour) from their parts. Every read is by `_id`.
 */
@Injectable()
export class DayCountersReader {
  constructor(
    @InjectModel(DayRollup.name) private readonly days: Model<DayRollup>,
    @InjectModel(DaySummary.name) private readonly summaries: Model<DaySummary>,
  ) {}

  /** The section's counters of each day of the range, narrowed to the chatbot if one is given. */
  async read(range: AnalyticsRange, section: SummarySection): Promise<DayCounters[]> {
    const now = Date.now();
    const days = await Promise.all(
      daysBetween(range.from, range.to).map((day) =>
        isSettled(day, now)
          ? this.settledDay(range.tenantId, day, section)
          : this.dayBeingWritten(range.tenantId, day, section),
      ),
    );
    return days
      .filter((day) => day !== null)
      .map(({ day, counters }) => ({
        day,
        counters: range.chatbotId
          ? counters.filter((counter) => counter.chatbotId === range.chatbotId)
          : counters,
      }));
  }

  private async dayBeingWritten(
    tenantId: string,
    day: string,
    section: SummarySection,
  ): Promise<DayCounters | null> {
    const sections = await this.sectionsFromParts(tenantId, day);
    return sections && { day, counters: sections.counters[section] };
  }

  /** The day's counters summed over its parts, by section; null for a day with no document. */
  private async sectionsFromParts(tenantId: string, day: string) {
    const document = await findOwnById(this.days, dayRollupId(tenantId, day));
    return (
      document && {
        version: document.version ?? 0,
        counters: sectionsOf(countersOfDay(document).counters),
      }
    );
  }

  private async settledDay(
    tenantId: string,
    day: string,
    section: SummarySection,
  ): Promise<DayCounters | null> {
    const summary = await findOwnById(this.summaries, daySummaryId(tenantId, day, section));
    if (isCurrent(summary)) return { day, counters: countersOfCompact(summary.counts) };
    return this.summarize(tenantId, day, section);
  }

  /**
   * Makes the day's summaries from its parts, and answers the section asked for. Each summary
   * records the day's version it saw: a write racing this one raises `minVersion` past it, so
   * the summary is made again on its next read rather than kept stale.
   */
  private async summarize(
    tenantId: string,
    day: string,
    wanted: SummarySection,
  ): Promise<DayCounters | null> {
    const sections = await this.sectionsFromParts(tenantId, day);
    if (!sections) return null;
    await Promise.all(
      SUMMARY_SECTIONS.map((section) =>
        this.summaries.collection.updateOne(
          { _id: daySummaryId(tenantId, day, section) as never },
          {
            $set: {
              tenantId,
              day,
              version: sections.version,
              counts: compactCounters(sections.counters[section]),
            },
          },
          { upsert: true },
        ),
      ),
    );
    return { day, counters: sections.counters[wanted] };
  }
}
