import { type NestExpressApplication } from '@nestjs/platform-express';
import { type Express, type Request, type Response } from 'express';
import { type IncomingHttpHeaders } from 'node:http';
import { type ErrorBody } from '../http/http-exception.filter';
import { type EventLoopDelay, EventLoopDelayMonitor } from './event-loop-delay';

/**
 * Figures of the service process for whoever runs it, not for its users: served on the service's
 * own port under `/internal/metrics/`, outside the `/api/<service>/` prefix that is all nginx
 * proxies to the services (nginx/parley.locations.conf), so the public edge never serves them.
 * Today one figure, read by the soak benchmark (bench/soak): `GET /internal/metrics/event-loop`,
 * the event loop's delay since the previous read (EventLoopDelay). A Prometheus `/metrics` is
 * meant to take over from it, in this folder and under this prefix.
 */
export const INTERNAL_METRICS_PATH = '/internal/metrics';
export const EVENT_LOOP_DELAY_PATH = `${INTERNAL_METRICS_PATH}/event-loop`;

/**
 * Whether a request was passed on by a proxy: nginx sets X-Forwarded-For and X-Real-IP on every
 * request it passes on. Should a route of the edge ever reach these paths, they still answer
 * only callers that reach the service directly.
 */
export function cameThroughProxy(headers: IncomingHttpHeaders): boolean {
  return ['x-forwarded-for', 'x-real-ip', 'forwarded'].some((name) => headers[name] !== undefined);
}

/** The handler: the figures, or 404 (as for a path that does not exist) through a proxy. */
export function eventLoopDelayHandler(read: () => EventLoopDelay) {
  return (request: Pick<Request, 'headers' | 'path'>, response: Response): void => {
    response.setHeader('Cache-Control', 'no-store');
    if (cameThroughProxy(request.headers)) {
      const body: ErrorBody = {
        statusCode: 404,
        code: 'not_found',
        message: `Cannot GET ${request.path}`,
      };
      response.status(404).json(body);
      return;
    }
    response.json(read());
  };
}

/** One monitor per process, however many apps it runs (the tests start several). */
let monitor: EventLoopDelayMonitor | undefined;

/** Adds the internal metrics routes to a service app, outside its `/api/<service>` prefix. */
export function mountInternalMetrics(app: NestExpressApplication): void {
  const delay = (monitor ??= new EventLoopDelayMonitor());
  const express: Express = app.getHttpAdapter().getInstance();
  express.get(
    EVENT_LOOP_DELAY_PATH,
    eventLoopDelayHandler(() => delay.read()),
  );
}
