import { AppHttpError, InvalidFieldsError } from '@app/platform';
import { NotFoundException } from '@nestjs/common';

/** Errors of the Trustpilot connection and its invitations. */
export const reviewErrors = {
  notConnected: () => new NotFoundException('Trustpilot is not connected'),
  invitationNotFound: () => new NotFoundException('invitation not found'),
  notRetryable: (status: string) =>
    new AppHttpError(
      409,
      'not_retryable',
      `only a failed invitation can be retried (this one is ${status})`,
    ),
  disabled: () =>
    new AppHttpError(
      409,
      'not_connected',
      'Trustpilot is not connected or is disabled: connect or enable it first',
    ),
  /** Credentials are needed to connect, and come as a pair. */
  credentialsRequired: (fields: Array<'apiKey' | 'apiSecret'>) =>
    new InvalidFieldsError(
      fields.map((field) => ({ field, message: 'required: the API key and secret go together' })),
    ),
  /** 400 naming the field Trustpilot refused. */
  refusedBy: (fields: string[], message: string) =>
    new InvalidFieldsError(fields.map((field) => ({ field, message }))),
  unavailable: (detail: string) =>
    new AppHttpError(503, 'trustpilot_unavailable', `Trustpilot could not be asked: ${detail}`),
};
