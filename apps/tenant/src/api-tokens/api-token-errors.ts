import { AppHttpError } from '@app/platform';
import { NotFoundException } from '@nestjs/common';

/** Errors of the workspace's API tokens. */
export const apiTokenErrors = {
  notFound: () => new NotFoundException('API token not found'),
  nameTaken: () =>
    new AppHttpError(
      409,
      'name_taken',
      'name: another live API token of this workspace has this name',
    ),
  tooMany: (limit: number) =>
    new AppHttpError(409, 'limit_reached', `a workspace has at most ${limit} live API tokens`),
};
