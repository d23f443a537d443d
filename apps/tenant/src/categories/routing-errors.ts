import { AppHttpError } from '@app/platform';

/** Errors of the tenant's categories and teams. */
export const routingErrors = {
  categoryNotFound: () => new AppHttpError(404, 'category_not_found', 'no such category'),
  teamNotFound: () => new AppHttpError(404, 'team_not_found', 'no such team'),
  nameTaken: (what: 'category' | 'team') =>
    new AppHttpError(409, 'name_taken', `name: another ${what} of this workspace has this name`),
  tooMany: (what: 'categories' | 'teams', limit: number) =>
    new AppHttpError(409, 'limit_reached', `a workspace has at most ${limit} ${what}`),
  invalid: (message: string) => new AppHttpError(400, 'validation_failed', message),
};
