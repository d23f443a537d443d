/** Why a send failed, as far as SMTP lets us know. */
export interface SendFailure {
  /** A 5xx answer (or a mail that can never be valid): retrying cannot help. */
  permanent: boolean;
  /** The server refused the recipient itself (a hard bounce): stop mailing that address. */
  recipientRejected: boolean;
  reason: string;
}

export class SendFailedError extends Error {
  constructor(readonly failure: SendFailure) {
    super(failure.reason);
    this.name = 'SendFailedError';
  }
}

/** What nodemailer puts on the errors it throws. */
export interface NodemailerError {
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
  message: string;
}

/**
 * 4xx answers, refused or dropped connections and timeouts are temporary; 5xx answers are
 * permanent, and a 5xx to RCPT TO means the address itself was refused.
 */
export function classify(error: NodemailerError): SendFailure {
  const code = error.responseCode;
  const detail = error.response ?? error.message;
  if (code !== undefined && code >= 500) {
    return {
      permanent: true,
      recipientRejected: error.command === 'RCPT TO',
      reason: `refused by the SMTP server: ${detail}`,
    };
  }
  if (code !== undefined && code >= 400) {
    return {
      permanent: false,
      recipientRejected: false,
      reason: `deferred by the SMTP server: ${detail}`,
    };
  }
  return {
    permanent: false,
    recipientRejected: false,
    reason: `SMTP server unreachable (${error.code ?? 'error'}): ${error.message}`,
  };
}
