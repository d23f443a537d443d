import { type EventEnvelope } from '@app/contracts';
import { retryAfterMs } from '@app/platform';
import { PARLEY_EVENTS_DATASOURCE, toEventRow } from './event-row';
import { errorOf } from './tinybird-http';

export interface TinybirdSinkOptions {
  /** The workspace's API host, e.g. `https://api.tinybird.co`. */
  url: string;
  /** A token with APPEND on the datasource (`parley_analytics_ingest`). */
  token: string;
  datasource?: string;
  /** Waits before the 1st, 2nd, ... retry of a request; past the list, its last value again. */
  retryDelaysMs?: number[];
  /** Cap on any wait, including the one a 429's Retry-After asks for. */
  maxRetryDelayMs?: number;
  /**
   * Stop retrying a send after this long and throw a `TinybirdUnavailableError`, so a caller
   * with its own retry loop gets control back. Unbounded by default.
   */
  giveUpAfterMs?: number;
  /** Largest request body; the Events API refuses more than 10 MB per request. */
  maxRequestBytes?: number;
  /** A request that has not answered by then is abandoned and retried. */
  requestTimeoutMs?: number;
  /** Told about every retry, e.g. to log it; never sees the token. */
  onRetry?: (retry: SinkRetry) => void;
  fetch?: typeof fetch;
}

export interface SinkRetry {
  /** 1 for the first retry of a request. */
  attempt: number;
  delayMs: number;
  /** `429`, `503`, ... or the network error's message. */
  reason: string;
}

export interface SendResult {
  /** Rows Tinybird wrote. */
  rows: number;
  /**
   * Rows Tinybird could not convert to the datasource's columns and put in its quarantine
   * datasource instead: sending them again would not help, so they are counted, not retried.
   */
  quarantinedRows: number;
}

/** Tinybird refused the rows for a reason retrying cannot fix (bad rows, token or datasource). */
export class TinybirdRejectedError extends Error {
  override readonly name = 'TinybirdRejectedError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Tinybird kept failing for longer than `giveUpAfterMs`; sending again later may succeed. */
export class TinybirdUnavailableError extends Error {
  override readonly name = 'TinybirdUnavailableError';
}

/** `stop()` was called, or the caller's signal aborted, before the rows got through. */
export class TinybirdSinkStoppedError extends Error {
  override readonly name = 'TinybirdSinkStoppedError';
}

const STOPPED = 'sending to Tinybird was stopped';
const DEFAULT_RETRY_DELAYS_MS = [250, 500, 1_000, 2_000, 4_000, 8_000, 16_000];
const TEN_MB = 10 * 1000 * 1000;
/** Room under the Events API's 10 MB for the request line and headers. */
const DEFAULT_MAX_REQUEST_BYTES = TEN_MB - 64 * 1024;

/**
 * Forwards Parley events to Tinybird's Events API as `parley_events` rows.
 *
 * Plain fetch rather than the SDK's `ingestBatch`: that gives up after a fixed number of
 * retries, retries only 429 and 503 (not 500/502/504 or a dropped connection), does not split
 * a batch under the request size limit, and, being ESM-only, cannot be required by this
 * CommonJS build. Requests use `wait=true`, so a 2xx means the rows are written: the caller
 * commits its Kafka offsets only after `send` resolves, and nothing is lost in an outage.
 */
export class TinybirdSink {
  private readonly endpoint: string;
  private readonly retryDelaysMs: number[];
  private readonly maxRetryDelayMs: number;
  private readonly maxRequestBytes: number;
  private readonly fetch: typeof fetch;
  private readonly stopping = new AbortController();

  constructor(private readonly options: TinybirdSinkOptions) {
    const endpoint = new URL('/v0/events', options.url);
    endpoint.searchParams.set('name', options.datasource ?? PARLEY_EVENTS_DATASOURCE);
    endpoint.searchParams.set('wait', 'true');
    this.endpoint = endpoint.toString();
    this.retryDelaysMs = options.retryDelaysMs?.length
      ? options.retryDelaysMs
      : DEFAULT_RETRY_DELAYS_MS;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;
    this.maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
    this.fetch = options.fetch ?? globalThis.fetch;
    if (!options.token) throw new Error('TinybirdSink needs a token');
  }

  /**
   * Resolves once Tinybird has written every row, however many retries that takes. A request
   * retried after a timeout may have been written already: the datasource and its endpoints
   * drop such copies by event id. Throws `TinybirdRejectedError` on a refusal retrying cannot
   * fix; an earlier request of the same call may have been written by then.
   */
  async send(events: EventEnvelope[], options: { signal?: AbortSignal } = {}): Promise<SendResult> {
    const requests = this.requests(events);
    const giveUpAt = Date.now() + (this.options.giveUpAfterMs ?? Infinity);
    const sending = linkedSignal([this.stopping.signal, options.signal]);
    try {
      const result: SendResult = { rows: 0, quarantinedRows: 0 };
      for (const request of requests) {
        const written = await this.post(request, sending.signal, giveUpAt);
        result.rows += written.rows;
        result.quarantinedRows += written.quarantinedRows;
      }
      return result;
    } finally {
      sending.dispose();
    }
  }

  /** Aborts any send under way (it rejects with `TinybirdSinkStoppedError`) and any later one. */
  stop(): void {
    this.stopping.abort();
  }

  /**
   * NDJSON bodies of whole rows, each within `maxRequestBytes`, in the events' order. All built
   * before the first is sent, so a row too large for any request stops the send before it starts.
   */
  private requests(events: EventEnvelope[]): NdjsonRequest[] {
    const requests: NdjsonRequest[] = [];
    let lines: string[] = [];
    let bytes = 0;
    for (const event of events) {
      const line = JSON.stringify(toEventRow(event));
      const lineBytes = Buffer.byteLength(line) + 1;
      if (lineBytes > this.maxRequestBytes) {
        throw new TinybirdRejectedError(
          `event ${event.id} (${event.type}) makes a ${lineBytes}-byte row, over the ${this.maxRequestBytes}-byte request limit`,
          413,
        );
      }
      if (bytes + lineBytes > this.maxRequestBytes) {
        requests.push({ body: lines.join('\n'), rows: lines.length });
        lines = [];
        bytes = 0;
      }
      lines.push(line);
      bytes += lineBytes;
    }
    if (lines.length > 0) requests.push({ body: lines.join('\n'), rows: lines.length });
    return requests;
  }

  private async post(
    request: NdjsonRequest,
    signal: AbortSignal,
    giveUpAt: number,
  ): Promise<SendResult> {
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.attempt(request, signal);
      if ('written' in outcome) return outcome.written;
      const delayMs = Math.min(
        outcome.retryAfterMs ??
          this.retryDelaysMs[Math.min(attempt, this.retryDelaysMs.length) - 1],
        this.maxRetryDelayMs,
      );
      if (Date.now() + delayMs > giveUpAt) {
        throw new TinybirdUnavailableError(
          `Tinybird did not accept rows for ${this.datasource} within ${this.options.giveUpAfterMs} ms; last answer: ${outcome.reason}`,
        );
      }
      this.options.onRetry?.({ attempt, delayMs, reason: outcome.reason });
      await abortableDelay(delayMs, signal);
    }
  }

  private async attempt(
    request: NdjsonRequest,
    signal: AbortSignal,
  ): Promise<{ written: SendResult } | { reason: string; retryAfterMs?: number }> {
    this.throwIfStopped(signal);
    const timed = linkedSignal([signal], this.options.requestTimeoutMs ?? 30_000);
    let response: Response;
    try {
      response = await this.fetch(this.endpoint, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${this.options.token}`,
          'Content-Type': 'application/x-ndjson',
        },
        body: request.body,
        signal: timed.signal,
      });
    } catch (error) {
      this.throwIfStopped(signal);
      return { reason: this.redact((error as Error).message) };
    } finally {
      timed.dispose();
    }
    if (response.ok) return { written: await writtenRows(response, request.rows) };
    const text = this.redact(await response.text().catch(() => ''));
    if (response.status === 429) {
      return { reason: '429', retryAfterMs: retryAfterMs(response.headers) };
    }
    if (response.status === 408 || response.status >= 500) {
      return { reason: String(response.status) };
    }
    throw new TinybirdRejectedError(
      `Tinybird refused rows for ${this.datasource} with ${response.status}: ${errorOf(text)}`,
      response.status,
    );
  }

  private get datasource(): string {
    return this.options.datasource ?? PARLEY_EVENTS_DATASOURCE;
  }

  private throwIfStopped(signal: AbortSignal): void {
    if (signal.aborted) {
      throw new TinybirdSinkStoppedError(STOPPED);
    }
  }

  /** Whatever Tinybird or the network says goes into errors and logs, so it never holds the token. */
  private redact(text: string): string {
    return text.split(this.options.token).join('[token]');
  }
}

interface NdjsonRequest {
  body: string;
  rows: number;
}

async function writtenRows(response: Response, sent: number): Promise<SendResult> {
  const answer = (await response.json().catch(() => ({}))) as {
    successful_rows?: number;
    quarantined_rows?: number;
  };
  return { rows: answer.successful_rows ?? sent, quarantinedRows: answer.quarantined_rows ?? 0 };
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const stopped = () => {
      clearTimeout(timer);
      reject(new TinybirdSinkStoppedError(STOPPED));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stopped);
      resolve();
    }, ms);
    if (signal.aborted) stopped();
    else signal.addEventListener('abort', stopped, { once: true });
  });
}

/**
 * A signal that aborts when any of `parents` does, or after `timeoutMs`; `dispose` detaches it,
 * so the sink's long-lived stop signal does not collect a listener per request.
 */
function linkedSignal(
  parents: (AbortSignal | undefined)[],
  timeoutMs?: number,
): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const abort = () => controller.abort();
  const timer = timeoutMs === undefined ? undefined : setTimeout(abort, timeoutMs);
  const attached = parents.filter((parent): parent is AbortSignal => parent !== undefined);
  for (const parent of attached) {
    if (parent.aborted) abort();
    else parent.addEventListener('abort', abort, { once: true });
  }
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      for (const parent of attached) parent.removeEventListener('abort', abort);
    },
  };
}
