import { freePort } from '@app/testing';
import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string[];
  messageId: string | null;
  raw: string;
}

/** What the server answers to a recipient: accept, or refuse with a code. */
export type Answer = 'accept' | { code: number; message: string };

/** Chooses the answer to a recipient address on its Nth attempt (from 1). */
export type Policy = (address: string, attempt: number) => Answer;

/**
 * A real SMTP server (nodemailer's `smtp-server`) whose answers a test chooses: for the
 * failures a mail catcher never produces (451 "try again later", 550 "no such user").
 */
export class TestSmtpServer {
  readonly received: Received[] = [];
  /** RCPT TO commands seen per address, accepted or not: one per delivery attempt. */
  readonly attempts = new Map<string, number>();
  private server!: SMTPServer;

  private constructor(
    readonly url: string,
    private policy: Policy,
  ) {}

  static async start(policy: Policy = () => 'accept') {
    const port = await freePort();
    const instance = new TestSmtpServer(`smtp://127.0.0.1:${port}`, policy);
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo({ address }, _session, callback) {
        const attempt = (instance.attempts.get(address) ?? 0) + 1;
        instance.attempts.set(address, attempt);
        const answer = instance.policy(address, attempt);
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
    // A client killed mid-session (the crash test does that) resets its connection: expected.
    server.on('error', () => undefined);
    instance.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return instance;
  }

  answerWith(policy: Policy): void {
    this.policy = policy;
  }

  receivedBy(address: string): Received[] {
    return this.received.filter((mail) => mail.to.includes(address));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
