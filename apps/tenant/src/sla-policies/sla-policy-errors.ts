import { AppHttpError } from '@app/platform';
import { NotFoundException } from '@nestjs/common';

/** Errors of the SLA policies. */
export const slaPolicyErrors = {
  notFound: () => new NotFoundException('SLA policy not found'),
  scopeTaken: () =>
    new AppHttpError(
      409,
      'policy_exists',
      'priority: another policy already covers this priority, category and team',
    ),
  tooMany: (limit: number) =>
    new AppHttpError(409, 'limit_reached', `a workspace has at most ${limit} SLA policies`),
  invalid: (message: string) => new AppHttpError(400, 'validation_failed', message),
};
