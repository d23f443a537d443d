import { SetMetadata } from '@nestjs/common';

/** Error statuses a route can answer besides those every route of its kind documents. */
export type ExtraErrorStatus = 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 423 | 503;

export const API_ERRORS = 'parley:apiErrors';

/**
 * Documents the errors particular to a route, each with when it happens, e.g.
 * `@ApiErrors({ 409: 'the email already has an account' })`. The errors every route of its kind
 * gives (400 for bad input, 401/403 behind sign-in, 404 for an unknown id, 413, 429) are added
 * to the OpenAPI document for all routes at once (see openapi.ts).
 */
export const ApiErrors = (
  errors: Partial<Record<ExtraErrorStatus, string>>,
): MethodDecorator & ClassDecorator => SetMetadata(API_ERRORS, errors);
