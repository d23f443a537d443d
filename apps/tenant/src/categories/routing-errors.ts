import { AppHttpError } from '@app/platform';
import { NotFoundException } from '@nestjs/common';

/** Errors of the tenant's categories and teams. */
export const routingErrors = {
  categoryNotFound: () => new NotFoundException('category not found'),
  teamNotFound: () => new NotFoundException('team not found'),
  nameTaken: (what: 'category' | 'team') =>
    new AppHttpError(409, 'name_taken', `name: another ${what} of this workspace has this name`),
  tooMany: (what: 'categories' | 'teams', limit: number) =>
    new AppHttpError(409, 'limit_reached', `a workspace has at most ${limit} ${what}`),
  invalid: (message: string) => new AppHttpError(400, 'validation_failed', message),
};
