import { AppHttpError, InvalidFieldsError } from '@app/platform';
import { HttpException } from '@nestjs/common';

/** Intercom answered a call with a refusal that trying again will not change (4xx but 429). */
export class IntercomRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(`Intercom refused (${status} ${code}): ${detail}`);
    this.name = 'IntercomRefusedError';
  }
}

/** Intercom could not be reached, hung, or kept answering 5xx through every try. */
export class IntercomUnavailableError extends Error {
  constructor(detail: string) {
    super(`Intercom unavailable: ${detail}`);
    this.name = 'IntercomUnavailableError';
  }
}

/** Intercom's rate limit holds for longer than is worth waiting in line: come back at `retryAt`. */
export class IntercomRateLimitedError extends Error {
  constructor(readonly retryAt: Date) {
    super(`Intercom rate limit: retry after ${retryAt.toISOString()}`);
    this.name = 'IntercomRateLimitedError';
  }
}

/** Another replica is doing the same work right now (a rebalance handed its batch over twice). */
export class IntercomWorkInProgressError extends Error {
  constructor(what: string) {
    super(`${what} is being forwarded by another replica`);
    this.name = 'IntercomWorkInProgressError';
  }
}

/** The HTTP answers of the bridge's routes. */
export const intercomErrors = {
  /** 400 naming the field, shaped as a schema's refusal, with its own code. */
  fieldRefused: (field: string, code: string, detail: string) =>
    new HttpException(
      {
        statusCode: 400,
        code,
        message: `${field}: ${detail}`,
        errors: [{ field, message: detail }],
      },
      400,
    ),
  requiredToConnect: (field: string) =>
    new InvalidFieldsError([{ field, message: 'required to connect' }]),
  notConnected: () =>
    new AppHttpError(404, 'not_connected', 'the workspace has not connected Intercom'),
  unavailable: () =>
    new AppHttpError(
      503,
      'intercom_unavailable',
      'Intercom did not answer the check of the access token; try again shortly',
    ),
  badSignature: () =>
    new AppHttpError(401, 'invalid_signature', 'X-Hub-Signature is missing or does not match'),
};
