import { type Response } from 'express';
import { type EventLoopDelay } from './event-loop-delay';
import { cameThroughProxy, eventLoopDelayHandler } from './internal-metrics';

const FIGURES: EventLoopDelay = {
  windowMs: 10_000,
  samples: 990,
  meanMs: 0.3,
  p50Ms: 0.1,
  p99Ms: 4.2,
  maxMs: 31,
};

/** What the handler answered: status, headers and body. */
function answerTo(headers: Record<string, string>) {
  const answer = { status: 200, headers: {} as Record<string, string>, body: undefined as unknown };
  const response = {
    setHeader(name: string, value: string) {
      answer.headers[name.toLowerCase()] = value;
      return response;
    },
    status(code: number) {
      answer.status = code;
      return response;
    },
    json(body: unknown) {
      answer.body = body;
      return response;
    },
  };
  let reads = 0;
  eventLoopDelayHandler(() => {
    reads += 1;
    return FIGURES;
  })({ headers, path: '/internal/metrics/event-loop' }, response as unknown as Response);
  return { ...answer, reads };
}

describe('cameThroughProxy', () => {
  it('is false for a caller that reached the service directly', () => {
    expect(cameThroughProxy({ host: '127.0.0.1:3002', accept: 'application/json' })).toBe(false);
  });

  it('is true for what nginx passes on (it sets X-Forwarded-For and X-Real-IP), or Forwarded', () => {
    expect(cameThroughProxy({ 'x-forwarded-for': '203.0.113.9' })).toBe(true);
    expect(cameThroughProxy({ 'x-real-ip': '203.0.113.9' })).toBe(true);
    expect(cameThroughProxy({ forwarded: 'for=203.0.113.9' })).toBe(true);
  });
});

describe('GET /internal/metrics/event-loop', () => {
  it('answers a direct caller with the figures, not to be cached', () => {
    const answer = answerTo({});

    expect(answer).toEqual({
      status: 200,
      headers: { 'cache-control': 'no-store' },
      body: FIGURES,
      reads: 1,
    });
  });

  it('answers 404, as for no such path, through a proxy, and leaves the window unread', () => {
    const answer = answerTo({ 'x-forwarded-for': '203.0.113.9', 'x-real-ip': '203.0.113.9' });

    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({
      statusCode: 404,
      code: 'not_found',
      message: 'Cannot GET /internal/metrics/event-loop',
    });
    expect(answer.reads).toBe(0);
  });
});
