import { z } from 'zod';
import { overviewFigures } from '../queries/analytics.answers';
import { csatAnswer } from '../queries/csat.answers';

/** The bodies the reports routes answer, for the OpenAPI document (see `ApiAnswer`). */
export const reportAnswer = z.object({
  day: z.iso.date(),
  createdAt: z.iso.datetime(),
  emailedTo: z.int().min(0).describe('How many subscribed users it was emailed to.'),
  overview: overviewFigures,
  csat: csatAnswer.shape.overall
    .nullable()
    .describe('The day’s CSAT (see `GET /csat`); null for reports written before ratings.'),
});

export const reportsAnswer = z.object({
  reports: z.array(reportAnswer),
  nextBefore: z.iso.date().nullable().describe('Pass as `before` for the next page.'),
});

export const subscriptionAnswer = z.object({ daily: z.boolean() });
