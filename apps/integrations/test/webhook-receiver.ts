import {
  type IncomingHttpHeaders,
  type IncomingMessage,
  createServer,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  /** The parsed body: `{ id, type, version, tenantId, occurredAt, data }`. */
  json: {
    id: string;
    type: string;
    version: number;
    tenantId: string;
    data: Record<string, unknown>;
  };
  /** What the receiver answered it. */
  answered: number | 'hung';
}

/** What the receiver does with the n-th request (0-based): answer a status, or never answer. */
export type ReceiverBehaviour = (request: ReceivedWebhook, index: number) => number | 'hang';

/**
 * A webhook receiver on 127.0.0.1, as an integrator would run one: it keeps every request and
 * answers as the test says (200 by default).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly hanging: ServerResponse[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
    public behaviour: ReceiverBehaviour,
  ) {}

  static async start(behaviour: ReceiverBehaviour = () => 200): Promise<WebhookReceiver> {
    const server = createServer();
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as { port: number };
    const receiver = new WebhookReceiver(
      server,
      `http://127.0.0.1:${port}/hooks/parley`,
      behaviour,
    );
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => receiver.answer(request.headers, Buffer.concat(chunks), response));
    });
    return receiver;
  }

  /** The requests it answered 2xx. */
  get accepted(): ReceivedWebhook[] {
    return this.received.filter(
      (webhook) => typeof webhook.answered === 'number' && webhook.answered < 300,
    );
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise((closed) => this.server.close(closed));
  }

  private answer(headers: IncomingHttpHeaders, raw: Buffer, response: ServerResponse): void {
    const body = raw.toString('utf8');
    const webhook = { headers, body, json: JSON.parse(body), answered: 0 } as ReceivedWebhook;
    const outcome = this.behaviour(webhook, this.received.length);
    this.received.push(webhook);
    webhook.answered = outcome === 'hang' ? 'hung' : outcome;
    if (outcome === 'hang') {
      this.hanging.push(response);
      return;
    }
    response
      .writeHead(outcome, { 'Content-Type': 'text/plain' })
      .end(outcome < 300 ? `thanks for ${webhook.json.id}` : 'receiver is down');
  }
}

/**
 * Checks a delivery as the README tells integrators to: recompute the HMAC of
 * `<id>.<timestamp>.<body>` with the secret and compare it, in constant time, with each `v1=`.
 */
export function verifiesWith(secret: string, webhook: ReceivedWebhook): boolean {
  const id = String(webhook.headers['parley-webhook-id']);
  const timestamp = String(webhook.headers['parley-webhook-timestamp']);
  const expected = createHmac('sha256', secret)
    .update(`${id}.${timestamp}.${webhook.body}`)
    .digest();
  return String(webhook.headers['parley-signature'])
    .split(' ')
    .filter((part) => part.startsWith('v1='))
    .some((part) => {
      const given = Buffer.from(part.slice(3), 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}
