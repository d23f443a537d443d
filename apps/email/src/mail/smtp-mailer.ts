import { InjectConfig } from '@app/config';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { type EmailConfig } from '../email.config';

export interface OutgoingMail {
  to: { email: string; name?: string };
  subject: string;
  html: string;
  text: string;
  messageId: string;
  /** Extra headers (List-Unsubscribe and the like). */
  headers?: Record<string, string>;
}

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

interface NodemailerError {
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
  message: string;
}

/** Sends through the configured SMTP server over a small pool of connections. */
@Injectable()
export class SmtpMailer implements OnModuleDestroy {
  private readonly transport: Transporter;

  constructor(@InjectConfig() private readonly config: EmailConfig) {
    this.transport = createTransport({
      url: config.SMTP_URL,
      pool: true,
      maxConnections: config.EMAIL_SEND_CONCURRENCY,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  /** Resolves with the server's answer; throws SendFailedError saying whether to retry. */
  async send(mail: OutgoingMail): Promise<string> {
    try {
      const info = (await this.transport.sendMail({
        from: this.config.MAIL_FROM,
        to: mail.to.name ? { name: mail.to.name, address: mail.to.email } : mail.to.email,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        messageId: mail.messageId,
        headers: mail.headers,
      })) as { response?: string };
      return info.response ?? 'accepted';
    } catch (error) {
      throw new SendFailedError(classify(error as NodemailerError));
    }
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
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
