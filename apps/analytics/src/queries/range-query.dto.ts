import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const DAY_MS = 86_400_000;
/** The longest range one request may ask for. */
export const MAX_RANGE_DAYS = 93;
/** Hourly series stop here: beyond two weeks an hourly chart is unreadable and heavy. */
export const MAX_HOURLY_RANGE_DAYS = 14;

const instant = z.iso
  .datetime({ offset: true, message: 'an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z' })
  .or(z.iso.date({ message: 'an ISO 8601 date or date-time' }))
  .transform((value) => new Date(value));

const rangeFields = {
  /** Inclusive. Default: `to` minus 7 days. */
  from: instant.optional(),
  /** Exclusive. Default: the end of the current hour. */
  to: instant.optional(),
  chatbotId: z.string().trim().min(1).max(64).optional(),
};

function withDefaults<T extends { from?: Date; to?: Date }>(query: T) {
  const to = query.to ?? new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  const from = query.from ?? new Date(to.getTime() - 7 * DAY_MS);
  return { ...query, from, to };
}

function checkSpan(maxDays: number) {
  return (query: { from: Date; to: Date }, context: z.RefinementCtx) => {
    if (query.to <= query.from)
      context.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    else if (query.to.getTime() - query.from.getTime() > maxDays * DAY_MS)
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: `the range may span at most ${maxDays} days`,
      });
  };
}

export class RangeQuery extends createZodDto(
  z.strictObject(rangeFields).transform(withDefaults).superRefine(checkSpan(MAX_RANGE_DAYS)),
) {}

export class TimeseriesQuery extends createZodDto(
  z
    .strictObject({ ...rangeFields, interval: z.enum(['hour', 'day']).default('day') })
    .transform(withDefaults)
    .superRefine((query, context) =>
      checkSpan(query.interval === 'hour' ? MAX_HOURLY_RANGE_DAYS : MAX_RANGE_DAYS)(query, context),
    ),
) {}
