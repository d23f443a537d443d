import { freePort } from '@app/testing';
import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string[];
  messageId: string | null;
  raw: string;
}

/** What the server answers to the next recipient: accept, or refuse with a code. */
export type Answer = 'accept' | { code: number; message: string };

/**
 * A real SMTP server (nodemailer's `smtp-server`) whose answers a test chooses: for the
 * failures a mail catcher never produces (451 "try again later", 550 "no such user").
 */
export class TestSmtpServer {
  readonly received: Received[] = [];
  /** RCPT TO commands seen, accepted or not: one per delivery attempt here. */
  attempts = 0;
  private server!: SMTPServer;

  private constructor(
    readonly url: string,
    private answerOf: (attempt: number) => Answer,
  ) {}

  static async start(answerOf: (attempt: number) => Answer = () => 'accept') {
    const port = await freePort();
    const instance = new TestSmtpServer(`smtp://127.0.0.1:${port}`, answerOf);
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        const answer = instance.answerOf(++instance.attempts);
        if (answer === 'accept') return callback();
        const refusal = new Error(answer.message) as Error & { responseCode: number };
        refusal.responseCode = answer.code;
        callback(refusal);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          instance.received.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? null,
            raw,
          });
          callback();
        });
      },
    });
    instance.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return instance;
  }

  answer(answerOf: (attempt: number) => Answer): void {
    this.answerOf = answerOf;
  }

  receivedBy(address: string): Received[] {
    return this.received.filter((mail) => mail.to.includes(address));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
