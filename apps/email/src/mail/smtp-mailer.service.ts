import { InjectConfig } from '@app/config';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { connect, type Socket } from 'node:net';
import { createTransport, type Transporter } from 'nodemailer';
import { type EmailConfig } from '../email.config';
import { classify, type NodemailerError, SendFailedError } from './send-failure';

export interface OutgoingMail {
  to: { email: string; name?: string };
  subject: string;
  html: string;
  text: string;
  messageId: string;
  /** Extra headers (List-Unsubscribe and the like). */
  headers?: Record<string, string>;
}

/** Sends through the configured SMTP server over a small pool of connections. */
@Injectable()
export class SmtpMailerService implements OnModuleDestroy {
  private readonly transport: Transporter;

  constructor(@InjectConfig() private readonly config: EmailConfig) {
    // Not `{ url }`: nodemailer then ignores `pool` and opens a connection per mail.
    const url = new URL(config.SMTP_URL);
    const secure = url.protocol === 'smtps:';
    this.transport = createTransport({
      host: url.hostname,
      // nodemailer's defaults for a URL without a port: submission, or SMTPS.
      port: Number(url.port) || (secure ? 465 : 587),
      secure,
      ...(url.username
        ? {
            auth: {
              user: decodeURIComponent(url.username),
              pass: decodeURIComponent(url.password),
            },
          }
        : {}),
      pool: true,
      maxConnections: config.EMAIL_SEND_CONCURRENCY,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      getSocket: (options, callback) => openSocket(options, callback),
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

const CONNECT_TIMEOUT_MS = 10_000;

/**
 * A TCP connection to the SMTP server with Nagle's algorithm off: with it on, the end of each
 * mail's DATA waits for the server's delayed acknowledgement, about 40 ms a mail. nodemailer
 * starts TLS on it itself for `smtps`.
 */
function openSocket(
  // The pool's options: host and port as given above.
  options: { host?: string; port?: number },
  callback: (error: Error | null, socketOptions?: { connection: Socket }) => void,
): void {
  const socket = connect({ host: options.host, port: options.port!, noDelay: true });
  const fail = (error: Error) => {
    socket.destroy();
    callback(error);
  };
  socket.setTimeout(CONNECT_TIMEOUT_MS, () =>
    fail(Object.assign(new Error('connection timeout'), { code: 'ETIMEDOUT' })),
  );
  socket.once('error', fail);
  socket.once('connect', () => {
    socket.setTimeout(0);
    socket.removeListener('error', fail);
    callback(null, { connection: socket });
  });
}
