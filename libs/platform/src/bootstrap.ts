import { TenantContext } from '@app/tenancy';
import { ConfigError, loadConfig } from '@app/config';
import { KafkaAdminService, kafkaMicroserviceOptions } from '@app/messaging';
import { type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { json, type NextFunction, type Request, type Response } from 'express';
import { Logger } from 'nestjs-pino';
import { ZodValidationPipe } from 'nestjs-zod';
import { type z } from 'zod';
import { proxyTrust } from './http/client-address';
import { AppHttpError, HttpExceptionFilter } from './http/http-exception.filter';
import { methodNotAllowed } from './http/method-not-allowed';
import { mountOpenApi } from './http/openapi';
import { mountInternalMetrics } from './metrics/internal-metrics';
import { type BaseServiceConfig, type ServiceName } from './service-modules';

export interface ServiceDefinition<C extends BaseServiceConfig> {
  name: ServiceName;
  schema: z.ZodType<C>;
  rootModule: (config: C) => DynamicModule;
  /** Largest JSON body accepted; larger requests get 413. */
  bodyLimit?: string;
  /** Service-specific setup of the app before it starts (e.g. the socket.io adapter). */
  configure?: (app: NestExpressApplication, config: C) => void;
  /** Names of the service's batch consumers: each reads in group `<KAFKA_CONSUMER_GROUP>-<name>`. */
  batchConsumers?: string[];
  /**
   * Routes whose handlers need the body's exact bytes (`request.rawBody`), e.g. to check a
   * sender's signature over them; tested against the request's path.
   */
  rawBodyRoutes?: RegExp;
}

/**
 * Builds a service as a hybrid app (HTTP + Kafka consumer) and starts its consumer. Tests call
 * this with their own configuration; `runService` adds the environment and the listening port.
 */
export async function createServiceApp<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
  config: C,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(definition.rootModule(config), {
    bufferLogs: true,
    bodyParser: false,
    // Throw instead of exiting, so the caller (runService or a test) reports the cause.
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  // Each request gets its own tenant scope, which the auth guard fills in.
  app.use((_request: unknown, _response: unknown, next: () => void) => TenantContext.open(next));
  app.use(methodNotAllowed(app));
  app.use(
    json({
      limit: definition.bodyLimit ?? '100kb',
      ...(definition.rawBodyRoutes ? { verify: keepRawBody(definition.rawBodyRoutes) } : {}),
    }),
    bodyParserErrors,
  );
  // `request.ip` believes X-Forwarded-For only from TRUSTED_PROXIES (clientAddress's rule).
  app.set('trust proxy', proxyTrust(config.TRUSTED_PROXIES));
  // Which framework answers is nobody's business.
  app.disable('x-powered-by');
  // The process's own figures (event-loop delay), outside the prefix nginx proxies.
  mountInternalMetrics(app);
  app.setGlobalPrefix(`api/${definition.name}`);
  app.useGlobalFilters(new HttpExceptionFilter());
  app.useGlobalPipes(new ZodValidationPipe());
  app.enableShutdownHooks();
  definition.configure?.(app, config);
  mountOpenApi(app, definition.name);

  await app.get(KafkaAdminService).ensureTopics();
  app.connectMicroservice(kafkaMicroserviceOptions(config), { inheritAppConfig: true });
  await app.startAllMicroservices();
  return app;
}

/** Keeps the bytes of a JSON body on `request.rawBody` (Nest's `RawBodyRequest`) for these paths. */
function keepRawBody(routes: RegExp) {
  return (request: Request, _response: Response, body: Buffer): void => {
    if (routes.test(request.path ?? request.url))
      (request as Request & { rawBody?: Buffer }).rawBody = body;
  };
}

/** Gives a body the parser refused (bad JSON, too large) our error codes before Nest sees it. */
function bodyParserErrors(
  error: { type?: string },
  _request: Request,
  _response: Response,
  next: NextFunction,
): void {
  if (error.type === 'entity.parse.failed') {
    next(new AppHttpError(400, 'invalid_json', 'request body is not valid JSON'));
  } else if (error.type === 'entity.too.large') {
    next(new AppHttpError(413, 'payload_too_large', 'request body is too large'));
  } else {
    next(error);
  }
}

/** The `main.ts` of every service: a bad environment stops it with one line naming the variable. */
export async function runService<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
): Promise<void> {
  let config: C;
  try {
    config = loadConfig(definition.schema);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`parley-${definition.name}: ${error.message}\n`);
    process.exit(1);
  }
  const app = await createServiceApp(definition, config);
  await app.listen(config.PORT, config.HOST);
  app
    .get(Logger)
    .log(
      `parley-${definition.name} listening on http://${config.HOST}:${config.PORT}/api/${definition.name}`,
    );
}
