import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * The benchmark's webhook receiver: answers 200 at once and notes, for each event id the first
 * time it arrives, how long after the event's `occurredAt` it did (at-least-once delivery may
 * bring one twice: `duplicates` counts those).
 */
export class BenchReceiver {
  readonly latencyMs = new Map<string, number>();
  readonly firstArrivalAt = new Map<string, number>();
  duplicates = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<BenchReceiver> {
    const server = createServer();
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as { port: number };
    const receiver = new BenchReceiver(server, `http://127.0.0.1:${port}/hooks`);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const now = Date.now();
        response.writeHead(200).end('ok');
        const { id, occurredAt } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          id: string;
          occurredAt: string;
        };
        receiver.note(id, now, now - Date.parse(occurredAt));
      });
    });
    return receiver;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((closed) => this.server.close(closed));
  }

  private note(id: string, at: number, latencyMs: number): void {
    if (this.latencyMs.has(id)) {
      this.duplicates += 1;
      return;
    }
    this.latencyMs.set(id, latencyMs);
    this.firstArrivalAt.set(id, at);
  }
}
