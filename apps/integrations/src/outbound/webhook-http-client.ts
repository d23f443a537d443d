import { InjectConfig } from '@app/config';
import { WEBHOOK_LIMITS, type WebhookDeliveryError } from '@app/contracts';
import { isTimeout, networkErrorCode } from '@app/platform';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { type LookupAddress } from 'node:dns';
import { type LookupFunction } from 'node:net';
import { type IntegrationsConfig } from '../integrations.config';
import { type CheckedAddress, OutboundGuard } from './outbound-guard';

export interface AttemptResult {
  /** The answer's status; absent when there was no answer. */
  status?: number;
  /** The first 1 KB of the answer's body, as text. */
  excerpt?: string;
  error?: WebhookDeliveryError;
  /** What went wrong, for the log (never the request's headers or body). */
  detail?: string;
  durationMs: number;
}

const AGENT_OPTIONS = { keepAlive: true, maxSockets: 64, maxFreeSockets: 16 };

/**
 * POSTs a webhook: checks the URL's addresses at each attempt (OutboundGuard) and connects to the
 * checked one, gives the receiver WEBHOOK_TIMEOUT_MS for everything (connection, answer, the
 * first 1 KB of its body), follows no redirect. Connections are kept alive per host and port, so
 * a receiver that hangs holds only its own.
 */
@Injectable()
export class WebhookHttpClient implements OnModuleDestroy {
  private readonly http = new HttpAgent(AGENT_OPTIONS);
  private readonly https = new HttpsAgent(AGENT_OPTIONS);

  constructor(
    @InjectConfig() private readonly config: IntegrationsConfig,
    private readonly guard: OutboundGuard,
  ) {}

  onModuleDestroy(): void {
    this.http.destroy();
    this.https.destroy();
  }

  async post(url: string, headers: Record<string, string>, body: string): Promise<AttemptResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const target = new URL(url);
    const checked = await this.guard.check(target);
    if (!checked.allowed)
      return { error: checked.error, detail: checked.detail, durationMs: elapsed() };
    try {
      const answer = await this.send(target, checked.address, headers, body);
      return { ...answer, durationMs: elapsed() };
    } catch (error) {
      return { ...describeFailure(error), durationMs: elapsed() };
    }
  }

  private send(
    target: URL,
    address: CheckedAddress,
    headers: Record<string, string>,
    body: string,
  ): Promise<{ status: number; excerpt: string }> {
    const https = target.protocol === 'https:';
    const signal = AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS);
    return new Promise((resolve, reject) => {
      const outgoing = (https ? httpsRequest : httpRequest)(
        target,
        {
          method: 'POST',
          agent: https ? this.https : this.http,
          lookup: pinnedLookup(address),
          signal,
          headers: {
            ...headers,
            'Content-Type': 'application/json',
            'Content-Length': String(Buffer.byteLength(body)),
            'User-Agent': 'Parley-Webhooks/1',
          },
        },
        (answer) => readExcerpt(answer).then(resolve, reject),
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}

/** Hands the connection the address the guard checked, whatever the name resolves to now. */
function pinnedLookup({ address, family }: CheckedAddress): LookupFunction {
  type Answer = (error: null, found: string | LookupAddress[], family?: number) => void;
  return ((_hostname: string, options: { all?: boolean }, callback: Answer) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  }) as unknown as LookupFunction;
}

/** The status and the body's first 1 KB; the rest is not waited for. */
function readExcerpt(answer: IncomingMessage): Promise<{ status: number; excerpt: string }> {
  const limit = WEBHOOK_LIMITS.responseExcerptBytes;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () =>
      resolve({
        status: answer.statusCode ?? 0,
        excerpt: Buffer.concat(chunks).subarray(0, limit).toString('utf8'),
      });
    answer.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) {
        done();
        answer.destroy();
      }
    });
    answer.on('end', done);
    answer.on('error', (error) => (size >= limit ? done() : reject(error)));
  });
}

function describeFailure(error: unknown): Pick<AttemptResult, 'error' | 'detail'> {
  if (isTimeout(error)) return { error: 'timeout', detail: 'no answer in time' };
  const code = networkErrorCode(error);
  if (code === 'ECONNREFUSED') return { error: 'refused', detail: 'connection refused' };
  return { error: 'network', detail: code ?? (error as Error | null)?.message ?? 'network error' };
}
