import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The longest range one request may ask for. */
export const MAX_RANGE_DAYS = 93;
/** Hourly series stop here: beyond two weeks an hourly chart is unreadable and heavy. */
export const MAX_HOURLY_RANGE_DAYS = 14;

const instant = z.iso
  .datetime({ offset: true, message: 'an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z' })
  .or(z.iso.date({ message: 'an ISO 8601 date or date-time' }))
  .transform((value) => new Date(value));

const rangeFields = {
  from: instant.optional(),
  to: instant.optional(),
  chatbotId: z.string().trim().min(1).max(64).optional(),
};

type Step = 'hour' | 'day';

/**
 * Ranges are whole days (whole hours for an hourly series), as the rollups keep them. Without
 * `from` and `to`: the last 7 days, today included (the last 24 hours for an hourly series).
 */
function range<T extends { from?: Date; to?: Date }>(
  query: T,
  step: Step,
  maxDays: number,
  context: z.RefinementCtx,
) {
  const unit = step === 'hour' ? HOUR_MS : DAY_MS;
  const to = query.to ?? new Date(Math.ceil((Date.now() + 1) / unit) * unit);
  const from = query.from ?? new Date(to.getTime() - (step === 'hour' ? DAY_MS : 7 * DAY_MS));
  const whole =
    step === 'hour' ? 'a whole hour (minutes and seconds 0)' : 'a whole day (midnight UTC)';
  for (const [name, at] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (at.getTime() % unit !== 0)
      context.addIssue({ code: 'custom', path: [name], message: `must be ${whole}` });
  if (to <= from) context.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  else if (to.getTime() - from.getTime() > maxDays * DAY_MS)
    context.addIssue({
      code: 'custom',
      path: ['to'],
      message: `the range may span at most ${maxDays} days`,
    });
  return { ...query, from, to };
}

export class RangeQuery extends createZodDto(
  z
    .strictObject(rangeFields)
    .transform((query, context) => range(query, 'day', MAX_RANGE_DAYS, context)),
) {}

export class TimeseriesQuery extends createZodDto(
  z
    .strictObject({ ...rangeFields, interval: z.enum(['hour', 'day']).default('day') })
    .transform((query, context) =>
      range(
        query,
        query.interval,
        query.interval === 'hour' ? MAX_HOURLY_RANGE_DAYS : MAX_RANGE_DAYS,
        context,
      ),
    ),
) {}
