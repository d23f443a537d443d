import { AppHttpError } from '@app/platform';

/** An email names one account across all tenants (sign-in starts from the email alone). */
export const emailTaken = () =>
  new AppHttpError(409, 'email_taken', 'an account with this email already exists');
