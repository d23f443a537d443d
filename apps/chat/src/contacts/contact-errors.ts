import { AppHttpError } from '@app/platform';

/** Errors of contacts: another tenant's contact is as unknown as one that never was. */
export const contactErrors = {
  notFound: () => new AppHttpError(404, 'contact_not_found', 'no such contact'),
};
