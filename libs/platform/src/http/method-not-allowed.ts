import { type NestExpressApplication } from '@nestjs/platform-express';
import { type NextFunction, type Request, type Response } from 'express';
import { METHODS } from 'node:http';
import { type ErrorBody } from './http-exception.filter';

/** What this code reads of Express 5's router: its layers, and each route's methods. */
interface RouteLayer {
  match(path: string): boolean;
  route?: { methods: Record<string, boolean> };
}

/**
 * Answers 405 with an `Allow` header when the path is one of the service's routes but the method
 * is not (a 404 would say the path does not exist). Built from Express's own routing table, so
 * it knows every route Nest registered, documented or not. OPTIONS goes on to CORS.
 */
export function methodNotAllowed(app: NestExpressApplication) {
  let layers: RouteLayer[] | undefined;
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method === 'OPTIONS') return next();
    // The table is complete only once Nest has registered the routes, after this middleware.
    layers ??= (app.getHttpAdapter().getInstance().router.stack as unknown as RouteLayer[]).filter(
      (layer) => layer.route && !handlesEveryMethod(layer.route.methods),
    );
    const allowed = new Set<string>();
    for (const layer of layers) {
      if (!layer.match(request.path)) continue;
      for (const [method, handled] of Object.entries(layer.route!.methods)) {
        if (!handled || method === '_all') continue;
        allowed.add(method.toUpperCase());
        if (method === 'get') allowed.add('HEAD');
      }
    }
    if (allowed.size === 0 || allowed.has(request.method)) return next();
    const allow = [...allowed].sort().join(', ');
    const body: ErrorBody = {
      statusCode: 405,
      code: 'method_not_allowed',
      message: `${request.method} is not allowed here; allowed: ${allow}`,
    };
    response.status(405).setHeader('Allow', allow);
    response.json(body);
  };
}

/** Nest mounts module middleware (e.g. request logging) as routes for every method: not endpoints. */
const handlesEveryMethod = (methods: Record<string, boolean>) =>
  METHODS.every((method) => methods[method.toLowerCase()]);
