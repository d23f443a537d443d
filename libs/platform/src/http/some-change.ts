import { type z } from 'zod';

/**
 * A PATCH body must change something: `{}` answers 400 "nothing to change". The rule is in the
 * OpenAPI document too (`minProperties: 1`), where a refinement alone would not show.
 */
export const someChange = <T extends z.ZodObject>(body: T) =>
  body
    .refine((fields) => Object.keys(fields).length > 0, 'nothing to change')
    .meta({ minProperties: 1 });
