import { AppHttpError } from '@app/platform';
import { NotFoundException } from '@nestjs/common';

/** Errors of the tenant's labels. */
export const labelErrors = {
  notFound: () => new NotFoundException('label not found'),
  nameTaken: () =>
    new AppHttpError(409, 'name_taken', 'name: another label of this workspace has this name'),
  tooMany: (limit: number) =>
    new AppHttpError(409, 'limit_reached', `a workspace has at most ${limit} labels`),
};
