import { ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * Documents a route's success answer by the zod schema of its body, e.g.
 * `@ApiAnswer(200, roleAnswer)`. Declare the schema `satisfies z.ZodType<Jsonified<View>>` so
 * the compiler keeps it in step with what the handler returns; the fuzzer checks the rest.
 * Without a schema the answer has no body (204, 202 without content).
 */
export const ApiAnswer = (
  status: number,
  schema?: z.ZodType,
  description = 'Success.',
): MethodDecorator & ClassDecorator =>
  ApiResponse({
    status,
    description,
    ...(schema && {
      content: { 'application/json': { schema: openApiSchema(schema) as object } },
    }),
  });

/** The OpenAPI 3.0 form of a zod schema (dates as ISO 8601 strings, as JSON carries them). */
export function openApiSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...converted } = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'output',
    unrepresentable: 'any',
    override: (context) => {
      if (context.zodSchema._zod.def.type === 'date')
        Object.assign(context.jsonSchema, { type: 'string', format: 'date-time' });
    },
  });
  return converted;
}
