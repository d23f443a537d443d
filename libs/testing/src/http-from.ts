import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body as JSON (undefined when it is not JSON). */
  body: unknown;
}

/**
 * An HTTP(S) request sent from a chosen local address (127.0.0.2, 127.0.0.3, ...: on Linux every
 * address of 127.0.0.0/8 is this machine), so a test can play clients at different addresses
 * through a real nginx. Self-signed certificates are accepted (the tests' nginx makes one).
 */
export function requestFrom(
  sourceAddress: string,
  url: string,
  options: { method?: string; headers?: Record<string, string>; json?: unknown } = {},
): Promise<RawAnswer> {
  const target = new URL(url);
  const payload = options.json === undefined ? undefined : JSON.stringify(options.json);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(
      target,
      {
        method: options.method ?? (payload ? 'POST' : 'GET'),
        localAddress: sourceAddress,
        rejectUnauthorized: false,
        agent: false,
        headers: {
          ...(payload ? { 'Content-Type': 'application/json' } : {}),
          ...options.headers,
        },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            body = undefined;
          }
          resolve({ status: answer.statusCode ?? 0, headers: answer.headers, text, body });
        });
        answer.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}
