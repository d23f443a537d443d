import { IS_PUBLIC, PERSON_ONLY } from '@app/auth';
import { type INestApplication, type Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import {
  DocumentBuilder,
  type OpenAPIObject,
  type OperationObject,
  type PathItemObject,
  type ResponseObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { z } from 'zod';
import { openApiSchema } from './api-answer.decorator';
import { API_ERRORS } from './api-errors.decorator';
import { type ErrorBody } from './http-exception.filter';

const ERROR_BODY = 'ErrorBody';
const BEARER = 'bearer';

/** The body of every error answer; see http-exception.filter.ts. */
const errorBodySchema = z.strictObject({
  statusCode: z.int().min(400).max(599),
  code: z.string().describe('Stable machine-readable code, e.g. `validation_failed`.'),
  message: z.string(),
  errorId: z.uuid().optional().describe('On 500 only: the id of the logged stack trace.'),
  errors: z
    .array(z.strictObject({ field: z.string(), message: z.string() }))
    .optional()
    .describe('On `validation_failed`: each field refused, and why.'),
}) satisfies z.ZodType<ErrorBody>;

const API_DESCRIPTION = [
  'Every error answers `{ statusCode, code, message }` (with `errors` per field on 400).',
  'A method a path does not have answers 405 with an `Allow` header.',
  'Any request may answer 429 with `Retry-After` when a rate limit is reached.',
  'Routes behind sign-in take `Authorization: Bearer <token>`: a person’s access token, or a',
  'workspace’s API token (`prl_...`, from `POST /api/tenant/api-tokens`) with the permissions it',
  'was given.',
].join(' ');

/** Descriptions of the answers Nest documents by itself (a route's status, without a body). */
const SUCCESS: Record<string, string> = {
  200: 'Success.',
  201: 'Created.',
  202: 'Accepted.',
  204: 'Done; no body.',
};

/** What a route's handler declares about access and errors, read from its decorators. */
interface RouteFacts {
  isPublic: boolean;
  notForApiTokens: boolean;
  extraErrors: Record<string, string>;
}

/**
 * Serves the service's OpenAPI document at `/api/<name>/docs/openapi.json`, completed from the
 * routes' decorators so no route has to repeat them: the security each route needs, and the
 * error answers every route of its kind gives.
 */
export function mountOpenApi(app: INestApplication, name: string): void {
  const generated = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`Parley ${name} API`)
      .setDescription(API_DESCRIPTION)
      .setVersion('1')
      .addBearerAuth(undefined, BEARER)
      .build(),
  );
  const document = completeDocument(cleanupOpenApiDoc(generated), routeFacts(app));
  SwaggerModule.setup(`api/${name}/docs`, app, document, {
    jsonDocumentUrl: `api/${name}/docs/openapi.json`,
  });
}

/** Each handler's facts by its operation id (`<Controller>_<method>`, swagger's default). */
function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      for (const key of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[key] as unknown;
        if (key === 'constructor' || typeof handler !== 'function') continue;
        const read = <T>(metadataKey: string): T | undefined =>
          Reflect.getMetadata(metadataKey, handler) ?? Reflect.getMetadata(metadataKey, controller);
        facts.set(`${controller.name}_${key}`, {
          isPublic: read<boolean>(IS_PUBLIC) === true,
          notForApiTokens: read<boolean>(PERSON_ONLY) === true,
          extraErrors: {
            ...Reflect.getMetadata(API_ERRORS, controller),
            ...Reflect.getMetadata(API_ERRORS, handler),
          },
        });
      }
    }
  }
  return facts;
}

function completeDocument(document: OpenAPIObject, facts: Map<string, RouteFacts>): OpenAPIObject {
  const schemas = { ...document.components?.schemas, [ERROR_BODY]: openApiSchema(errorBodySchema) };
  const paths: Record<string, PathItemObject> = {};
  for (const [path, item] of Object.entries(document.paths)) {
    paths[path] = { ...item };
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const route = facts.get(operation.operationId ?? '');
      if (!route) throw new Error(`OpenAPI: no handler found for ${method} ${path}`);
      paths[path][method] = completeOperation(operation, path, route);
    }
  }
  return { ...document, paths, components: { ...document.components, schemas } };
}

function completeOperation(
  operation: OperationObject,
  path: string,
  route: RouteFacts,
): OperationObject {
  const errors: Record<string, string> = {};
  if (operation.parameters?.length || operation.requestBody)
    errors[400] = 'Bad input: `validation_failed` names each field refused.';
  if (!route.isPublic) {
    errors[401] =
      'No valid access token (missing, expired, or its session ended), or `invalid_api_token` (an API token unknown, revoked or expired).';
    errors[403] = 'The token is valid but lacks a permission this route needs.';
  }
  if (path.includes('{')) errors[404] = 'No such resource in your workspace.';
  if (operation.requestBody) errors[413] = 'The request body is larger than the service accepts.';
  errors[429] = 'Too many requests: wait for `Retry-After` seconds.';
  Object.assign(errors, route.extraErrors);
  if (route.notForApiTokens)
    errors[403] = `${errors[403]} \`api_token_not_allowed\`: the route acts for a signed-in person; an API token cannot call it.`;

  const responses: Record<string, ResponseObject> = {};
  for (const [status, answer] of Object.entries(
    operation.responses as Record<string, ResponseObject>,
  ))
    responses[status] = { ...answer, description: answer.description || SUCCESS[status] || status };
  for (const [status, description] of Object.entries(errors)) {
    responses[status] ??= {
      description,
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_BODY}` } } },
    };
  }
  return {
    ...operation,
    // An empty list says "no sign-in" explicitly, rather than "not documented".
    security: route.isPublic ? [] : [{ [BEARER]: [] }],
    responses,
  };
}
